import type { AgendaItemInput } from '../../src/agenda/index.js';

/** Who the service-level tests act as. */
export const organiser = { id: '000000000000000000000001', email: 'organiser@test.local' };

/** An item input with defaults: an address of 30 minutes, no speakers. */
export function item(titleZh: string, overrides: Partial<AgendaItemInput> = {}): AgendaItemInput {
  return { type: 'address', titleZh, titleEn: '', durationMinutes: 30, startsAtOverride: null, speakers: [], description: '', ...overrides };
}

/** The 2019 symposium's running order, as the zone wrote it (Chinese and English titles). */
export function symposiumItems(): AgendaItemInput[] {
  return [
    item('主持人开场', { titleEn: 'Opening by the chair', type: 'opening_address', durationMinutes: 10 }),
    item('金融机构交流发言', { titleEn: 'Exchange of views by the financial institutions', type: 'exchange', durationMinutes: 60 }),
    item('管委会主任讲话', {
      titleEn: 'Address by the director of the management committee', durationMinutes: 30,
      speakers: [{ name: '尚立群', title: '管委会主任', organisation: '高新区管委会' }],
    }),
    item('会议总结', { titleEn: 'Closing', type: 'closing', durationMinutes: 20 }),
  ];
}

/** A PDF small enough for tests (the bytes a real PDF starts with). */
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n', 'latin1');
/** The eight-byte PNG signature and a bit more. */
export const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(32, 1)]);
