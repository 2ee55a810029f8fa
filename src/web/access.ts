import type { Locale } from './i18n.js';

/** Staff roles, from most to least powerful. */
export const ROLES = ['admin', 'organiser', 'secretary', 'department', 'viewer'] as const;
/** A staff role. */
export type Role = (typeof ROLES)[number];

/** Who may use a route: anyone, any signed-in staff member, or the listed roles (admin always may). */
export type Access = 'public' | 'staff' | readonly Role[];

/** Common access lists, so routers read like a table. */
export const ACCESS = {
  admin: [] as readonly Role[],
  organiser: ['organiser'] as readonly Role[],
  secretary: ['organiser', 'secretary'] as readonly Role[],
  department: ['organiser', 'secretary', 'department'] as readonly Role[],
} as const;

/** The signed-in staff member, as handlers see them. */
export interface StaffUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  locale?: Locale;
  departmentId?: string;
}

/** Whether a user may use a route with this access. */
export function isAllowed(user: StaffUser | undefined, access: Access): boolean {
  if (access === 'public') return true;
  if (!user) return false;
  if (access === 'staff' || user.role === 'admin') return true;
  return access.includes(user.role);
}

declare module 'express-serve-static-core' {
  interface Request {
    /** Set by the auth middleware for a valid session or API token. */
    user?: StaffUser;
    /** True when the request authenticated with a bearer token. */
    viaApiToken?: boolean;
  }
}
