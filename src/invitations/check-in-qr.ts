import { LRUCache } from 'lru-cache';
import QRCode from 'qrcode';

/**
 * Check-in QR images, drawn once per code. Drawing one costs about 7 ms of CPU and a delegate's code never
 * changes, so every view of an accepted RSVP page and every confirmation email would otherwise redraw them.
 * Each image is 1–2 KB; the RSVP page and the email use different sizes, so each has its own cache.
 */
const OPTIONS = { max: 5000 } as const;

/** Pixels per module in emails: an 8-character code is a 21-module QR code, so with its margin 23 × 6 = 138 px. */
const EMAIL_SCALE = 6;

const pageImages = new LRUCache<string, string>({ ...OPTIONS, fetchMethod: (code) => QRCode.toDataURL(code, { margin: 1, width: 168 }) });
const emailImages = new LRUCache<string, Buffer>({ ...OPTIONS, fetchMethod: (code) => QRCode.toBuffer(code, { margin: 1, scale: EMAIL_SCALE }) });

/** The code as a 168-pixel PNG `data:` URL, for the RSVP page. */
export async function checkInQrDataUrl(code: string): Promise<string> {
  return (await pageImages.fetch(code))!;
}

/** The code as a PNG at the size the email templates show, for an inline (`cid:`) attachment. */
export async function checkInQrPng(code: string): Promise<Buffer> {
  return (await emailImages.fetch(code))!;
}
