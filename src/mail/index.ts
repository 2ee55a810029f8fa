export { startMail, type MailService } from './mail.service.js';
export { mailMessages } from './mail.messages.js';
export { mailboxRouter } from './mailbox.router.js';
export { CapturedMail, type CapturedMailDoc, type CapturedAttachment } from './captured-mail.model.js';
export { OutboxBody, OutboxMessage, OUTBOX_STATUSES, type OutboxStatus, type OutboxMessageDoc, type OutboxBodyDoc } from './outbox.model.js';
export { enqueueMessages, countOutbox, listOutbox, markOutboxBounced, retryFailed, type OutgoingMessage } from './outbox.service.js';
export { receiveRepliesWith, replyAddress, type ReplyReceiver } from './replies.js';
export { startOutboxWorker, isPermanentFailure, type OutboxWorker } from './outbox.worker.js';
export { renderEmail, type RenderedEmail } from './render.js';
