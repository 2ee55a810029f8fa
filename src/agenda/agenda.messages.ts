import { defineMessages } from '../web/i18n.js';

/** The agenda: items, editing, publishing, the printable page. */
export const agendaMessages = defineMessages({
  en: {},
  zh: {},
});
