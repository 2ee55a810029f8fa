import { defineMessages } from '../web/i18n.js';
import { publicMessages } from './public.messages.js';
import { staffMessages } from './staff.messages.js';

/** Suggestions: capture, assignment to departments, answers, the register (the token page and email in four languages). */
export const suggestionsMessages = defineMessages({
  en: { ...staffMessages.en, ...publicMessages.en },
  zh: { ...staffMessages.zh, ...publicMessages.zh },
  ko: publicMessages.ko,
  ja: publicMessages.ja,
});
