import type { Response } from 'express';
import { withNotesHtml, minutesFileName, type LoadedMinutes } from './exports.service.js';
import { renderMinutesDocx } from './minutes-docx.js';
import { printHtmlToPdf } from './pdf-printer.js';

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

/** Send the minutes as a PDF printed by chromium from the standalone document (503 without chromium). */
export async function sendMinutesPdf(res: Response, loaded: LoadedMinutes): Promise<void> {
  const html = await renderView(res, 'records/views/minutes-pdf', { doc: withNotesHtml(loaded.doc) });
  const pdf = await printHtmlToPdf(html, {
    footerTemplate: '<div style="width:100%;text-align:center;font-size:10pt;font-family:serif;">— <span class="pageNumber"></span> —</div>',
  });
  res.type('application/pdf').attachment(minutesFileName(loaded.doc, loaded.minutes.version, 'pdf')).send(pdf);
}
