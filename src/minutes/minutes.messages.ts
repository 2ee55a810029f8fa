import { defineMessages } from '../web/i18n.js';

/** Minutes: per-item notes, revisions, review and publication. */
export const minutesMessages = defineMessages({
  en: {},
  zh: {},
});
