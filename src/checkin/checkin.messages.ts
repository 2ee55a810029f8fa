import { defineMessages } from '../web/i18n.js';

/** Check-in on the day: the check-in page, walk-ins, live counts and the sign-in sheet. */
export const checkinMessages = defineMessages({
  en: {},
  zh: {},
});
