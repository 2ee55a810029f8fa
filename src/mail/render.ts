import path from 'node:path';
import ejs from 'ejs';
import { convert } from 'html-to-text';
import { ROOT_DIR } from '../config.js';
import { translatorFor, type Locale } from '../web/i18n.js';

const SOURCE_DIR = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const VIEW_DIRS = [path.join(ROOT_DIR, 'views'), SOURCE_DIR];

/** A rendered email: subject, HTML and the plain-text alternative. */
export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

/**
 * Render an email template (a component view such as `invitations/emails/invitation`, which includes
 * `email/top` and `email/bottom`) in a language. The text part is derived from the HTML, so the two
 * never disagree.
 */
export async function renderEmail(view: string, locale: Locale, subject: string, locals: Record<string, unknown>): Promise<RenderedEmail> {
  const t = translatorFor(locale);
  const file = path.join(SOURCE_DIR, `${view}.ejs`);
  const html = await ejs.renderFile(file, { ...locals, t, locale, subject }, { views: VIEW_DIRS, async: false });
  const text = convert(html, {
    wordwrap: 78,
    selectors: [
      { selector: 'a', options: { hideLinkHrefIfSameAsText: true } },
      { selector: 'img', format: 'skip' },
      { selector: 'table.layout', format: 'block' },
      { selector: 'table.layout > tbody > tr', format: 'block' },
      { selector: 'table.layout > tbody > tr > td', format: 'block' },
    ],
  });
  return { subject, html, text };
}
