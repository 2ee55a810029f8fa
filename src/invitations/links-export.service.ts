import { toSpreadsheetCsv } from '../web/csv.js';
import type { Locale, Translate } from '../web/i18n.js';
import { recordAudit } from './audit.service.js';
import { listInvitationsOfEvent } from './invitation.store.js';
import type { StaffActor } from './invitations.service.js';
import { findInstitutionsByIds, institutionNameOf } from './neighbours.js';
import { rsvpUrlFor } from './tokens.service.js';

/** Column headings of the links export, as message keys. */
const HEADINGS = ['invitations.csv.invitee', 'invitations.csv.recipient', 'invitations.csv.email', 'invitations.csv.cc', 'invitations.csv.language', 'invitations.csv.status', 'invitations.csv.link'] as const;

/**
 * Every invitation's live RSVP link as CSV (UTF-8 with BOM, CRLF), for an office that sends its own mail merge.
 * The links are the ones the emails carry, derived again as the board does: exporting changes no link. Whoever
 * holds the file can answer for every institution, so the export is recorded in the audit trail.
 */
export async function rsvpLinksCsv(eventId: string, locale: Locale, t: Translate, by: StaffActor): Promise<string> {
  const invitations = await listInvitationsOfEvent(eventId);
  const institutions = new Map((await findInstitutionsByIds(invitations.flatMap((inv) => (inv.institutionId ? [String(inv.institutionId)] : [])))).map((i) => [String(i._id), institutionNameOf(i, locale)]));
  const lines: string[][] = [];
  for (const inv of invitations) {
    const invitee = (inv.institutionId && institutions.get(String(inv.institutionId))) || inv.recipient?.organisation || inv.recipient?.name || '';
    lines.push([invitee, inv.recipient?.name ?? '', inv.recipient?.email ?? '', (inv.cc ?? []).join(', '), t(`lang.${inv.locale}`), t(`rsvp.status.${inv.status}`), await rsvpUrlFor(inv)]);
  }
  lines.sort((a, b) => a[0]!.localeCompare(b[0]!, locale));
  await recordAudit({ eventId, actor: { kind: 'user', userId: by.id, name: by.name }, action: 'invitation.linksExported', after: { count: lines.length } });
  return toSpreadsheetCsv([HEADINGS.map((key) => t(key)), ...lines]);
}
