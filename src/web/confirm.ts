import type { Request, Response } from 'express';

/** What a confirmation page says before an action that cannot be undone or that mails many people. */
export interface Confirmation {
  /** What is about to happen, as a heading ("Send 31 invitations?"). */
  title: string;
  /** Its consequence, with the count ("31 institutions will receive the invitation by email."). */
  consequence: string;
  /** The label of the button that does it. */
  confirmLabel: string;
  /** Where "Cancel" goes: the page the action was started from. */
  cancelHref: string;
}

/** The fields of a parsed form body as the name/value pairs that post it again (`a[0][b]` for nested ones). */
export function formPairs(value: unknown, name = ''): Array<[string, string]> {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.flatMap((item, i) => formPairs(item, typeof item === 'object' && item !== null ? `${name}[${i}]` : name));
  if (typeof value === 'object') return Object.entries(value).flatMap(([key, inner]) => formPairs(inner, name ? `${name}[${key}]` : key));
  return [[name, String(value)]];
}

/**
 * One pattern for every risky action, working without JavaScript: a POST without `confirmed=1` answers with a
 * page that names the consequence and posts the same fields again with `confirmed=1`, or goes back. Returns
 * whether the action was confirmed; when not, the page has been sent and the caller does nothing.
 */
export function isConfirmed(req: Request, res: Response, confirmation: Confirmation): boolean {
  const body = (req.body ?? {}) as Record<string, unknown>;
  if (body.confirmed === '1') return true;
  const fields = formPairs(body).filter(([key]) => key !== '_csrf' && key !== 'confirmed');
  res.status(200).render('confirm', { title: confirmation.title, confirmation, action: req.originalUrl, fields });
  return false;
}
