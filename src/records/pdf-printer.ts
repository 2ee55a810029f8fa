import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { getConfig, ROOT_DIR } from '../config.js';
import { AppError } from '../web/errors.js';

// Chromium is launched for each PDF and closed right after, rather than kept running: exports are rare
// (a handful per event), a launch costs well under a second, nothing has to be closed at shutdown, and a
// crashed or wedged browser never outlives its request. At most two print at once; others wait their turn.

const MAX_PRINTING = 2;
const TIMEOUT_MS = 30_000;
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let printing = 0;
const queue: (() => void)[] = [];

async function acquire(): Promise<void> {
  if (printing < MAX_PRINTING) {
    printing += 1;
    return;
  }
  await new Promise<void>((resolve) => queue.push(resolve));
}

function release(): void {
  const next = queue.shift();
  if (next) next();
  else printing -= 1;
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
}

const MINUTES_MARGIN = { top: '37mm', bottom: '35mm', left: '28mm', right: '26mm' };

/**
 * Print a self-contained HTML document to a PDF (A4 unless told) with chromium: scripts off, every network request
 * refused (an image in the notes never makes the server fetch anything), the app's CSS inlined.
 * Throws a 503 AppError when chromium is not installed.
 */
export async function printHtmlToPdf(html: string, options: PrintOptions): Promise<Buffer> {
  if (!isPdfAvailable()) throw new AppError('records.export.pdfUnavailable', 503);
  const chromium = await loadChromium();
  const css = await printStyles();
  const document = html.replace('</head>', () => `<style>${css.replace(/<\/style/gi, '')}</style></head>`);
  await acquire();
  try {
    const browser = await chromium.launch({ executablePath: getConfig().pdf.chromiumPath, args: ARGS, timeout: TIMEOUT_MS });
    try {
      const page = await browser.newPage({ javaScriptEnabled: false });
      await page.route('**/*', (route) => route.abort());
      await page.setContent(document, { waitUntil: 'load', timeout: TIMEOUT_MS });
      return await page.pdf({
        format: options.format ?? 'A4',
        landscape: options.landscape ?? false,
        printBackground: true,
        displayHeaderFooter: options.footerTemplate !== undefined,
        headerTemplate: '<span></span>',
        footerTemplate: options.footerTemplate ?? '<span></span>',
        margin: options.margin ?? MINUTES_MARGIN,
      });
    } finally {
      await browser.close();
    }
  } finally {
    release();
  }
}
