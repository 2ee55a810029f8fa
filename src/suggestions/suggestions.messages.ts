import { defineMessages } from '../web/i18n.js';

/** Suggestions: capture, assignment to departments, answers, the register. */
export const suggestionsMessages = defineMessages({
  en: {},
  zh: {},
});
