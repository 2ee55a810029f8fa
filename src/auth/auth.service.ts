import { isDuplicateKeyError } from '../db/index.js';
import { createHash, randomBytes } from 'node:crypto';
import argon2 from 'argon2';
import { isAllowed, type Access, type StaffUser } from '../web/access.js';
import { NotFoundError, ValidationError } from '../web/errors.js';
import type { Locale } from '../web/i18n.js';
import { findApiToken, insertApiToken, listApiTokensOfUser, recordApiTokenUse, revokeApiTokensOfUser, setApiTokenRevoked, type ApiTokenRecord } from './api-token.store.js';
import { endUserSessions } from './session.js';
import type { UserCreateInput, UserUpdateInput } from './auth.schemas.js';
import type { UserDoc } from './user.model.js';
import { findUser, findUserByEmail, insertUser, listUsersByName, recordLogin, setUserFields, userExists } from './user.store.js';

// Verified against when the email is unknown, so a wrong email costs as long as a wrong password.
const DUMMY_HASH = argon2.hash('convene-dummy-password');

/** Hash a password with argon2id. */
export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

/** The fields handlers and views see of a user. */
export function toStaffUser(user: UserDoc): StaffUser {
  return {
    id: String(user._id),
    email: user.email,
    name: user.name,
    role: user.role,
    locale: (user.locale ?? undefined) as Locale | undefined,
    departmentId: user.departmentId ? String(user.departmentId) : undefined,
  };
}


/** Create a staff user; a taken email is a validation error on `email`. */
export async function createUser(input: UserCreateInput & { locale?: Locale }): Promise<StaffUser> {
  const { password, ...fields } = input;
  const passwordHash = await hashPassword(password);
  try {
    return toStaffUser(await insertUser({ ...fields, passwordHash }));
  } catch (error) {
    if (isDuplicateKeyError(error)) throw new ValidationError({ email: 'auth.emailTaken' });
    throw error;
  }
}

/** The active user with this email and password, or undefined. */
export async function authenticate(email: string, password: string): Promise<StaffUser | undefined> {
  const user = await findUserByEmail(email.trim().toLowerCase());
  const ok = await argon2.verify(user?.passwordHash ?? (await DUMMY_HASH), password).catch(() => false);
  if (!user || !ok || !user.active) return undefined;
  await recordLogin(String(user._id), new Date());
  return toStaffUser(user);
}

/** The active user with this id, or undefined (deactivated users lose access at once). */
export async function findActiveUser(id: string): Promise<StaffUser | undefined> {
  const user = await findUser(id);
  return user?.active ? toStaffUser(user) : undefined;
}

/** Every staff user, by name. */
export async function listUsers(): Promise<UserDoc[]> {
  return listUsersByName();
}

/** The id of the user with this email, or null. */
export async function findUserIdByEmail(email: string): Promise<string | null> {
  const user = await findUserByEmail(email.trim().toLowerCase());
  return user ? String(user._id) : null;
}

/** One user, or 404. */
export async function getUser(id: string): Promise<UserDoc> {
  const user = await findUser(id);
  if (!user) throw new NotFoundError();
  return user;
}

/**
 * Apply an admin's changes to a user. Deactivating ends everything the user could act with (sessions, API
 * tokens, feed links: see findCredentialHolder); a new password ends the user's sessions but the admin's own.
 */
export async function updateUser(id: string, input: UserUpdateInput, bySessionId?: string): Promise<void> {
  const { password, ...fields } = input;
  const set: Record<string, unknown> = { ...fields };
  if (password) set.passwordHash = await hashPassword(password);
  const before = await setUserFields(id, set);
  if (!before) throw new NotFoundError();
  if (before.active && !input.active) {
    const now = new Date();
    await setUserFields(id, { deactivatedAt: now });
    await revokeApiTokensOfUser(id, now);
    await endUserSessions(id);
  } else if (password) await endUserSessions(id, bySessionId);
}

/** A user's own change of language and, with the current password, of password (which ends their other sessions). */
export async function updateAccount(id: string, input: { locale: Locale; currentPassword?: string; newPassword?: string }, sessionId?: string): Promise<void> {
  const set: Record<string, unknown> = { locale: input.locale };
  if (input.newPassword) {
    const user = await findUser(id);
    const ok = user && (await argon2.verify(user.passwordHash, input.currentPassword ?? '').catch(() => false));
    if (!ok) throw new ValidationError({ currentPassword: 'auth.currentPasswordWrong' });
    if (await argon2.verify(user.passwordHash, input.newPassword).catch(() => false)) throw new ValidationError({ newPassword: 'auth.passwordUnchanged' });
    set.passwordHash = await hashPassword(input.newPassword);
  }
  await setUserFields(id, set);
  if (input.newPassword) await endUserSessions(id, sessionId);
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Issue an API token for a user; the token is returned once and only its hash is kept. */
export async function createApiToken(userId: string, label = ''): Promise<{ id: string; token: string }> {
  if (!(await userExists(userId))) throw new NotFoundError();
  const token = `cvn_${randomBytes(32).toString('base64url')}`;
  const id = hashToken(token);
  await insertApiToken({ _id: id, userId, label, prefix: token.slice(0, 10) });
  return { id, token };
}

/** A user's API tokens, newest first (hashes and prefixes only). */
export async function listApiTokens(userId: string): Promise<ApiTokenRecord[]> {
  return listApiTokensOfUser(userId);
}

/** Revoke a token; later requests with it get 401. */
export async function revokeApiToken(id: string, userId?: string): Promise<void> {
  if (!(await setApiTokenRevoked(id, new Date(), userId))) throw new NotFoundError();
}

const TOUCH_INTERVAL_MS = 60_000;

/** The user behind a bearer token, if it is valid, unrevoked and its user active. */
export async function resolveApiToken(token: string): Promise<StaffUser | undefined> {
  const record = await findApiToken(hashToken(token));
  if (!record || record.revokedAt) return undefined;
  if (!record.lastUsedAt || Date.now() - record.lastUsedAt.getTime() > TOUCH_INTERVAL_MS) {
    await recordApiTokenUse(record._id, new Date());
  }
  return findCredentialHolder(String(record.userId), record.createdAt);
}

/**
 * The user a standing credential (API token, calendar feed link) acts for, or undefined once it must end:
 * the user is deactivated, was deactivated after it was issued (reactivation does not revive it), or their
 * role is no longer allowed `access`. Read from the database every time.
 */
export async function findCredentialHolder(userId: string, issuedAt: Date | undefined, access: Access = 'staff'): Promise<StaffUser | undefined> {
  const user = await findUser(userId);
  if (!user?.active) return undefined;
  if (user.deactivatedAt && (!issuedAt || issuedAt <= user.deactivatedAt)) return undefined;
  const staff = toStaffUser(user);
  return isAllowed(staff, access) ? staff : undefined;
}
