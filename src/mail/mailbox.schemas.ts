import { z } from 'zod';

/** The mailbox list's query string; anything odd falls back to the first, unfiltered page rather than an error. */
export const mailboxQuerySchema = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
});

/** An attachment's position in its message. */
export const attachmentIndexSchema = z.coerce.number().int().min(0).max(10_000);

/** The answer given from /mailbox as the invitee's calendar client. */
export const calendarAnswerSchema = z.object({ answer: z.enum(['ACCEPTED', 'TENTATIVE', 'DECLINED'], 'mail.calendarReply.badAnswer') });
