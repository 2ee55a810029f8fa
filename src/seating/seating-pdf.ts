import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Request, Response } from 'express';
import QRCode from 'qrcode';
import { ROOT_DIR } from '../config.js';
import type { EventRecord } from '../events/index.js';
import { printHtmlToPdf, renderView } from '../records/index.js';
import { fittedSize } from './fit.js';
import { inPlanOrder, printModel, type Paper } from './seating-print.js';
import { BADGE_SIZES } from './seating.schemas.js';
import { getMadePlan } from './seating.service.js';

// Table cards, badges and the plan, printed by the same chromium path as the minutes (records' printHtmlToPdf).

const NO_MARGIN = { top: '0', bottom: '0', left: '0', right: '0' };
const A4_LANDSCAPE = { width: 297, height: 210 };
const A4_PORTRAIT = { width: 210, height: 297 };
const CARD_SIDE_MARGIN = 18;

/** Role colours of the badges' band: red for hosts and chairs, purple for guests of honour, orange for speakers, blue for participants, green for staff. */
export const ROLE_COLOURS: Record<string, string> = {
  host: '#b3261e', chair: '#b3261e', guest_of_honour: '#6a1b9a', speaker: '#c05600', attendee: '#1f5fa8', walk_in: '#1f5fa8', secretary: '#2e7d32', observer: '#2e7d32', press: '#555555',
};

function fileName(event: EventRecord, what: string): string {
  return `${event.titleZh.replace(/[\\/:*?"<>|\r\n]+/g, ' ').trim()} ${what}.pdf`;
}

/** The plan as a PDF on A4 or A3 landscape. */
export async function sendPlanPdf(req: Request, res: Response, event: EventRecord, paper: Paper): Promise<void> {
  const plan = await getMadePlan(event);
  const css = await readFile(path.join(ROOT_DIR, 'public/css/seating.css'), 'utf8');
  const html = await renderView(res, 'seating/views/plan-pdf', { ...printModel(req, res, plan, paper), css });
  const margin = { top: '12mm', bottom: '12mm', left: '12mm', right: '12mm' };
  const pdf = await printHtmlToPdf(html, { format: paper === 'a3' ? 'A3' : 'A4', landscape: true, margin });
  res.type('application/pdf').attachment(fileName(event, `座次图 ${paper.toUpperCase()}`)).send(pdf);
}

/** Table cards (桌签), tent-folded: one per person in plan order, one or two to an A4 landscape page, each name fitted to the card. */
export async function sendCardsPdf(req: Request, res: Response, event: EventRecord, perPage: 1 | 2): Promise<void> {
  const plan = await getMadePlan(event);
  const cardHeight = A4_LANDSCAPE.height / perPage;
  const width = A4_LANDSCAPE.width - 2 * CARD_SIDE_MARGIN;
  const face = cardHeight / 2;
  const cards = inPlanOrder(plan, req.locale).map((p) => {
    const line = p.organisation || p.title;
    return { ...p, line, nameSize: fittedSize(p.name, width, face * 0.5), lineSize: fittedSize(line, width, face * 0.11) };
  });
  const pages: (typeof cards)[] = [];
  for (let i = 0; i < cards.length; i += perPage) pages.push(cards.slice(i, i + perPage));
  const html = await renderView(res, 'seating/views/cards', { pages, cardHeight, face, sideMargin: CARD_SIDE_MARGIN, title: res.locals.eventTitle });
  const pdf = await printHtmlToPdf(html, { format: 'A4', landscape: true, margin: NO_MARGIN });
  res.type('application/pdf').attachment(fileName(event, '桌签')).send(pdf);
}

/** Badges (参会证) on A4 sheets: name, institution, role colour and the check-in QR code the desk scans. */
export async function sendBadgesPdf(req: Request, res: Response, event: EventRecord, size: keyof typeof BADGE_SIZES): Promise<void> {
  const plan = await getMadePlan(event);
  const { width, height } = BADGE_SIZES[size];
  const columns = Math.floor(A4_PORTRAIT.width / width);
  const rows = Math.floor(A4_PORTRAIT.height / height);
  const wide = width > height;
  const textWidth = (wide ? width - height * 0.55 : width) - 8;
  const people = inPlanOrder(plan, req.locale);
  const codes = new Map(plan.order.map((p) => [p.key, p.checkInCode]));
  const badges = await Promise.all(
    people.map(async (p) => {
      const code = codes.get(p.key) ?? '';
      return {
        ...p, code, colour: ROLE_COLOURS[p.role] ?? ROLE_COLOURS.attendee,
        qr: code ? await QRCode.toDataURL(code, { margin: 1, width: 240 }) : '',
        nameSize: fittedSize(p.name, textWidth, height * (wide ? 0.2 : 0.14)),
        lineSize: fittedSize(p.organisation || p.title, textWidth, height * 0.06),
      };
    }),
  );
  const pages: (typeof badges)[] = [];
  for (let i = 0; i < badges.length; i += columns * rows) pages.push(badges.slice(i, i + columns * rows));
  const html = await renderView(res, 'seating/views/badges', {
    pages, width, height, columns, wide,
    offsetX: (A4_PORTRAIT.width - columns * width) / 2, offsetY: (A4_PORTRAIT.height - rows * height) / 2,
    eventName: res.locals.eventTitle, titleSize: fittedSize(String(res.locals.eventTitle), width - 6, height * 0.05),
  });
  const pdf = await printHtmlToPdf(html, { format: 'A4', margin: NO_MARGIN });
  res.type('application/pdf').attachment(fileName(event, '参会证')).send(pdf);
}
