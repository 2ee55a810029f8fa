import type { Response } from 'express';
import { withNotesHtml, minutesFileName, type LoadedMinutes } from './exports.service.js';
import { renderMinutesDocx } from './minutes-docx.js';
import { cachedPdf } from './pdf-limits.js';
import { printHtmlToPdf } from './pdf-printer.js';
import { PrintQueueFullError, type PrintLane } from './print-queue.js';

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Render a view to a string with the response's locals (t, locale…), as res.render would send it. */
export function renderView(res: Response, view: string, locals: Record<string, unknown>): Promise<string> {
  return new Promise((resolve, reject) => res.render(view, locals, (error, html) => (error ? reject(error) : resolve(html))));
}

/** Send the minutes as a Word document. */
export async function sendMinutesDocx(res: Response, loaded: LoadedMinutes): Promise<void> {
  const buffer = await renderMinutesDocx(loaded.doc);
  res.type(DOCX_TYPE).attachment(minutesFileName(loaded.doc, loaded.minutes.version, 'docx')).send(buffer);
}

/** The cache key of one version's PDF in one language, as of the event's last change. */
function pdfKey(loaded: LoadedMinutes): string {
  const changed = (loaded.event as { updatedAt?: Date }).updatedAt?.getTime() ?? 0;
  return `${String(loaded.event._id)}:v${loaded.minutes.version}:${loaded.doc.locale}:${changed}`;
}

/**
 * Send the minutes as a PDF printed by chromium from the standalone document, printed once per published
 * version (503 without chromium; 503 with Retry-After when the lane's print queue is full).
 */
export async function sendMinutesPdf(res: Response, loaded: LoadedMinutes, lane: PrintLane = 'staff'): Promise<void> {
  let pdf: Buffer;
  try {
    pdf = await cachedPdf(pdfKey(loaded), async () => {
      const html = await renderView(res, 'records/views/minutes-pdf', { doc: withNotesHtml(loaded.doc) });
      return printHtmlToPdf(html, {
        footerTemplate: '<div style="width:100%;text-align:center;font-size:10pt;font-family:serif;">— <span class="pageNumber"></span> —</div>',
        lane,
      });
    });
  } catch (error) {
    if (error instanceof PrintQueueFullError) res.set('Retry-After', String(error.retryAfterSeconds));
    throw error;
  }
  res.type('application/pdf').attachment(minutesFileName(loaded.doc, loaded.minutes.version, 'pdf')).send(pdf);
}
