import { randomBytes } from 'node:crypto';
import { createUser } from './auth.service.js';
import { hasAnyUser } from './user.store.js';

/** What first run did: nothing, or created the first admin (with a generated password to print once). */
export type FirstRunResult = { created: false } | { created: true; email: string; generatedPassword?: string };

/**
 * On first run, create the first admin from ADMIN_EMAIL / ADMIN_PASSWORD, or with a generated
 * password that the caller prints once.
 */
export async function ensureFirstAdmin(admin: { email?: string; password?: string }): Promise<FirstRunResult> {
  if (await hasAnyUser()) return { created: false };
  const email = admin.email ?? 'admin@convene.local';
  const generatedPassword = admin.password ? undefined : randomBytes(12).toString('base64url');
  const password = admin.password ?? generatedPassword!;
  try {
    await createUser({ email, name: 'Administrator', role: 'admin', password });
  } catch (error) {
    // Another instance starting at the same moment created it first.
    if (await hasAnyUser()) return { created: false };
    throw error;
  }
  return { created: true, email, generatedPassword };
}
