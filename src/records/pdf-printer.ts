import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { getConfig, ROOT_DIR } from '../config.js';
import { AppError } from '../web/errors.js';
import { PrintQueue, type PrintLane } from './print-queue.js';

// Chromium is launched for each PDF and closed right after, rather than kept running: exports are rare
// (a handful per event), a launch costs well under a second, nothing has to be closed at shutdown, and a
// crashed or wedged browser never outlives its request. At most two print at once, and link holders never
// hold both (see PrintQueue): a staff export always has a printer or is next in line.

const TIMEOUT_MS = 30_000;
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** The one print queue of this process: two printers; link holders get one of them and three places to wait. */
export const printQueue = new PrintQueue({
  printing: 2,
  lanes: { staff: { printing: 2, waiting: 20 }, link: { printing: 1, waiting: 3 } },
  retryAfterSeconds: 30,
});

let printed = 0;

/** How many PDFs this process has printed (each a chromium run), for tests and logs. */
export function printedCount(): number {
  return printed;
}

/** playwright-core, loaded on the first PDF (a missing package means no PDFs, not an app that cannot start). */
async function loadChromium() {
  try {
    return (await import('playwright-core')).chromium;
  } catch (error) {
    throw Object.assign(new AppError('records.export.pdfUnavailable', 503), { cause: error });
  }
}

/** Whether PDFs can be printed here (the configured chromium exists). */
export function isPdfAvailable(): boolean {
  return existsSync(getConfig().pdf.chromiumPath);
}

let stylesheet: Promise<string> | undefined;

/** The app's stylesheets for the printed document: the screen one, then the print one as `@media print`. */
function printStyles(): Promise<string> {
  stylesheet ??= Promise.all([readFile(path.join(ROOT_DIR, 'public/css/app.css'), 'utf8'), readFile(path.join(ROOT_DIR, 'public/css/print.css'), 'utf8')])
    .then(([app, print]) => `${app}\n@media print {\n${print}\n}`)
    .catch((error: unknown) => {
      stylesheet = undefined;
      throw error;
    });
  return stylesheet;
}

/** The page: a footer (e.g. the page number as `— <span class="pageNumber"></span> —`), or none; paper, orientation and margins (A4 portrait, the minutes' margins by default). */
export interface PrintOptions {
  footerTemplate?: string;
  format?: 'A4' | 'A3';
  landscape?: boolean;
  margin?: { top: string; bottom: string; left: string; right: string };
  /** Whose request it is; link holders wait in a shorter queue (default staff). */
  lane?: PrintLane;
}

const MINUTES_MARGIN = { top: '37mm', bottom: '35mm', left: '28mm', right: '26mm' };

/**
 * Print a self-contained HTML document to a PDF (A4 unless told) with chromium: scripts off, every network request
 * refused (an image in the notes never makes the server fetch anything), the app's CSS inlined.
 * Throws a 503 AppError when chromium is not installed, and PrintQueueFullError (503) when the lane is full.
 */
export async function printHtmlToPdf(html: string, options: PrintOptions): Promise<Buffer> {
  if (!isPdfAvailable()) throw new AppError('records.export.pdfUnavailable', 503);
  const chromium = await loadChromium();
  const css = await printStyles();
  const document = html.replace('</head>', () => `<style>${css.replace(/<\/style/gi, '')}</style></head>`);
  return printQueue.run(options.lane ?? 'staff', async () => {
    const browser = await chromium.launch({ executablePath: getConfig().pdf.chromiumPath, args: ARGS, timeout: TIMEOUT_MS });
    try {
      const page = await browser.newPage({ javaScriptEnabled: false });
      await page.route('**/*', (route) => route.abort());
      await page.setContent(document, { waitUntil: 'load', timeout: TIMEOUT_MS });
      const pdf = await page.pdf({
        format: options.format ?? 'A4',
        landscape: options.landscape ?? false,
        printBackground: true,
        displayHeaderFooter: options.footerTemplate !== undefined,
        headerTemplate: '<span></span>',
        footerTemplate: options.footerTemplate ?? '<span></span>',
        margin: options.margin ?? MINUTES_MARGIN,
      });
      printed += 1;
      return pdf;
    } finally {
      await browser.close();
    }
  });
}
