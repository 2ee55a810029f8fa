import { AppError } from '../web/errors.js';

/** How often one RSVP link may ask for the minutes PDF. */
export const LINK_PDF_LIMIT = { requests: 5, windowMs: 10 * 60_000 } as const;
const MAX_TRACKED_LINKS = 10_000;
const MAX_CACHED_PDFS = 16;

/** 429 with Retry-After: this link asked for the PDF too often. */
export class TooManyPdfRequestsError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super('records.export.pdfTooOften', 429);
  }
}

const recent = new Map<string, number[]>();

/**
 * Count one PDF request by a link (keyed by its token hash, never the token), or throw
 * TooManyPdfRequestsError when it has made LINK_PDF_LIMIT.requests in the window already.
 */
export function takeLinkPdfTurn(linkKey: string, now = Date.now()): void {
  const since = now - LINK_PDF_LIMIT.windowMs;
  const times = (recent.get(linkKey) ?? []).filter((at) => at > since);
  if (times.length >= LINK_PDF_LIMIT.requests) {
    recent.set(linkKey, times);
    throw new TooManyPdfRequestsError(Math.max(1, Math.ceil((times[0]! - since) / 1000)));
  }
  if (!recent.has(linkKey) && recent.size >= MAX_TRACKED_LINKS) {
    for (const [key, stamps] of recent) if (stamps.every((at) => at <= since)) recent.delete(key);
    if (recent.size >= MAX_TRACKED_LINKS) recent.delete(recent.keys().next().value!);
  }
  recent.set(linkKey, [...times, now]);
}

const cache = new Map<string, Promise<Buffer>>();

/**
 * The PDF of one published version, printed once per process and kept (the last 16): a published version
 * never changes, and the key names the event's last change too. Requests that come while it prints share
 * that print; a failed print is not kept.
 */
export function cachedPdf(key: string, print: () => Promise<Buffer>): Promise<Buffer> {
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const printing = print();
  cache.set(key, printing);
  if (cache.size > MAX_CACHED_PDFS) cache.delete(cache.keys().next().value!);
  printing.catch(() => {
    if (cache.get(key) === printing) cache.delete(key);
  });
  return printing;
}
