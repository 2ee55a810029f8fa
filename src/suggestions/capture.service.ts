import type { Locale } from '../web/i18n.js';
import { categoryName, listCategories } from './categories.service.js';
import { eventInvitations, findInstitutions, institutionName, listAgendaItems } from './neighbours.js';

/** A choice of a select or radio group. */
export interface Choice {
  value: string;
  label: string;
}

/** What the quick-capture form offers: the event's invited institutions (those attending first), its agenda items and the categories. */
export interface CaptureChoices {
  attending: Choice[];
  otherInvitees: Choice[];
  agendaItems: Choice[];
  categories: Choice[];
}

/** The choices of the capture form (and of the API's validation), in a language. */
export async function captureChoices(eventId: string, locale: Locale): Promise<CaptureChoices> {
  const [invitations, items, categories] = await Promise.all([eventInvitations(eventId), listAgendaItems(eventId), listCategories()]);
  const withInstitution = invitations.filter((inv) => inv.institutionId);
  const institutions = await findInstitutions(withInstitution.map((inv) => String(inv.institutionId)));
  const choices = withInstitution.flatMap((inv) => {
    const institution = institutions.get(String(inv.institutionId));
    return institution ? [{ value: String(institution._id), label: institutionName(institution, locale), attending: inv.status === 'accepted' || inv.status === 'tentative' }] : [];
  });
  const byName = (a: Choice, b: Choice) => a.label.localeCompare(b.label, locale === 'zh' ? 'zh-Hans-CN' : locale);
  const pick = (attending: boolean) => choices.filter((c) => c.attending === attending).map(({ value, label }) => ({ value, label })).sort(byName);
  return {
    attending: pick(true),
    otherInvitees: pick(false),
    agendaItems: items.map((item) => ({ value: item.id, label: `${item.order}. ${locale === 'zh' ? item.title.zh : item.title.en || item.title.zh}` })),
    categories: categories.map((c) => ({ value: c.key, label: categoryName(c, locale) })),
  };
}
