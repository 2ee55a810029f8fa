import type { RequestHandler } from 'express';
import { ValidationError, type FieldErrors } from './errors.js';

/** C0 controls other than tab, line feed and carriage return, DEL and the C1 controls: never part of typed text. */
// eslint-disable-next-line no-control-regex -- finding control characters is this file's purpose
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
/** Line breaks, including the Unicode ones some mail and calendar parsers honour. */
const LINE_BREAK = /[\r\n\u2028\u2029]/;
/** Fields that are one line by nature (names, titles, emails, phones): a line break there is refused. */
const SINGLE_LINE_KEY = /(^|[a-z])(name|title|email|phone)(Zh|En)?$/i;

/** The text without invisible control characters (tab and line breaks are kept). */
export function stripControlChars(value: string): string {
  return value.replace(CONTROL, '');
}

/** The text on one line: every run of line breaks and control characters becomes one space (for mail headers). */
export function oneLine(value: string): string {
  // eslint-disable-next-line no-control-regex -- as above
  return value.replace(/[\s\u0000-\u001F\u007F-\u009F\u2028\u2029]+/g, ' ').trim();
}

/** Strip control characters from every string of a parsed body, noting single-line fields that hold a line break. */
function cleanValue(value: unknown, path: string[], refused: FieldErrors): unknown {
  if (typeof value === 'string') {
    const key = path.at(-1) ?? '';
    if (SINGLE_LINE_KEY.test(key) && LINE_BREAK.test(value)) refused[path.join('.')] = 'validation.controlChars';
    return stripControlChars(value);
  }
  if (value && typeof value === 'object') {
    // In place, and only strings are written back: a JSON key `__proto__` must not become a prototype.
    for (const [key, item] of Object.entries(value)) {
      const cleaned = cleanValue(item, [...path, key], refused);
      if (cleaned !== item) (value as Record<string, unknown>)[key] = cleaned;
    }
  }
  return value;
}

/**
 * Every text field of a form or JSON body loses its invisible control characters (NUL, escape, DEL…),
 * and a name, title, email or phone holding a line break is refused with 422: such names would end up
 * as encoded line breaks in a `To:` header, which strict mail parsers reject.
 */
export const cleanBody: RequestHandler = (req, _res, next) => {
  const refused: FieldErrors = {};
  req.body = cleanValue(req.body, [], refused);
  next(Object.keys(refused).length ? new ValidationError(refused, 'errors.controlChars') : undefined);
};
