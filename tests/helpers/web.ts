import { randomBytes } from 'node:crypto';
import type { Express } from 'express';
import supertest from 'supertest';
import { createApp } from '../../src/app.js';
import { createApiToken, createUser } from '../../src/auth/index.js';
import { getConfig } from '../../src/config.js';
import { startMail, type MailService } from '../../src/mail/index.js';
import type { Role } from '../../src/web/access.js';

/** A supertest agent that keeps cookies, as one browser would. */
export type Agent = ReturnType<typeof supertest.agent>;

/** The app wired to the test database and a real embedded SMTP server. */
export interface TestApp {
  app: Express;
  mail: MailService;
  stop(): Promise<void>;
}

/** Build the app for route tests (call inside `before`, after useTestDatabase's connect). */
export async function createTestApp(): Promise<TestApp> {
  const config = getConfig();
  const mail = await startMail(config);
  const app = createApp({ config, mailHealthy: () => mail.healthy() });
  return { app, mail, stop: () => mail.stop() };
}

/**
 * A cookie-less visitor's CSRF token, and the cookies its page set, as a browser gets them. Pages behind an
 * RSVP link set none (their token is bound to the link); sign-in sets the double-submit cookie.
 */
export async function visitorCsrf(target: Parameters<typeof supertest>[0], pagePath: string): Promise<{ csrf: string; cookie: string }> {
  const res = await supertest(target).get(pagePath);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(res.text)?.[1];
  if (!csrf) throw new Error(`no CSRF field on ${pagePath} (status ${res.status})`);
  const cookies = (res.headers['set-cookie'] as unknown as string[] | undefined) ?? [];
  return { csrf, cookie: cookies.map((c) => c.split(';')[0]).join('; ') };
}

/** The CSRF token from the hidden `_csrf` field of a page (fetching it also sets the CSRF cookie). */
export async function csrfFrom(agent: Agent, pagePath: string): Promise<string> {
  const res = await agent.get(pagePath);
  const match = /name="_csrf" value="([^"]+)"/.exec(res.text);
  if (!match?.[1]) throw new Error(`No CSRF field on ${pagePath} (status ${res.status})`);
  return match[1];
}

/** Create a staff user with this role. */
export async function makeUser(role: Role, overrides: { departmentId?: string } = {}) {
  const email = `${role}-${randomBytes(4).toString('hex')}@test.local`;
  const password = `pw-${randomBytes(8).toString('hex')}`;
  const user = await createUser({ email, name: `Test ${role}`, role, password, ...overrides });
  return { ...user, password };
}

/**
 * A browser signed in as a new user with this role, plus the CSRF token for its forms (valid for the
 * whole session; fetched up front because supertest attaches cookies when a request is created).
 */
export async function signIn(app: Express, role: Role, overrides: { departmentId?: string } = {}) {
  const user = await makeUser(role, overrides);
  const agent = supertest.agent(app);
  const csrf = await csrfFrom(agent, '/login');
  const res = await agent.post('/login').type('form').send({ email: user.email, password: user.password, _csrf: csrf });
  if (res.status !== 303) throw new Error(`Sign-in failed with status ${res.status}`);
  return { agent, user, csrf: await csrfFrom(agent, '/account') };
}

/** A bearer token for a new user with this role. */
export async function apiTokenFor(role: Role, overrides: { departmentId?: string } = {}): Promise<string> {
  const user = await makeUser(role, overrides);
  return (await createApiToken(user.id)).token;
}
