import { z } from 'zod';
import { LOCALES } from '../web/i18n.js';
import { asList } from './invitations.schemas.js';
import { TIME_AND_PLACE } from './announce.service.js';

/** More ids than any event has invitations is refused outright. */
const MAX_IDS = 5000;

/** `{invitationIds?}` of the send and reminder APIs: absent means every one (not yet sent, or pending); an empty list means none. */
export const apiInvitationIdsSchema = z.object({
  invitationIds: z.array(z.string('invitations.badId'), 'validation.invalid').max(MAX_IDS, 'invitations.tooManyRows').optional(),
});

/** The board's remind form: all pending, or the ticked rows. */
export const remindFormSchema = z.object({
  scope: z.enum(['all', 'selected']).catch('all'),
  invitationIds: z.preprocess(asList, z.array(z.string()).max(MAX_IDS, 'invitations.tooManyRows')),
});

/** The board's test-copy form: the language to preview. */
export const testCopySchema = z.object({ locale: z.enum(LOCALES).catch('zh') });

/** Which facts changed, as the update notice carries them (`changed=startsAt,venue`); anything else is dropped. */
export const noticeSchema = z.object({
  changed: z
    .string()
    .catch('')
    .default('')
    .transform((list) => list.split(',').filter((name): name is (typeof TIME_AND_PLACE)[number] => (TIME_AND_PLACE as readonly string[]).includes(name))),
});
