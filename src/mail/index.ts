export { startMail, type MailService } from './mail.service.js';
export { mailMessages } from './mail.messages.js';
export { mailboxRouter } from './mailbox.router.js';
export { CapturedMail, type CapturedMailDoc, type CapturedAttachment } from './captured-mail.model.js';
