import type { Request } from 'express';

/**
 * Where the JSON API lives. Routing is case-sensitive (`createApp` sets it, `defineRouter` too), so this
 * one exact prefix decides both what the API routers answer and where cookies carry no authority.
 */
export const API_PREFIX = '/api/';

/** Whether a request is for the JSON API (bearer tokens only, JSON errors, no CSRF). */
export function isApiRequest(req: Pick<Request, 'originalUrl'>): boolean {
  return req.originalUrl.startsWith(API_PREFIX);
}
