import { defineMessages } from '../web/i18n.js';

/** What stays of an event: exported minutes, the follow-up, the news summary, reports across the series. */
export const recordsMessages = defineMessages({
  en: {},
  zh: {},
});
