import { Types } from 'mongoose';
import type { Role } from '../web/access.js';
import { User, type UserDoc } from './user.model.js';

// The only file that reads or writes staff users.

const OBJECT_ID = /^[0-9a-f]{24}$/i;

/** What a new user is stored with. */
export interface NewUser {
  email: string;
  name: string;
  role: Role;
  passwordHash: string;
  locale?: string;
  departmentId?: string;
  active?: boolean;
}

/** A department user as the department's page lists them. */
export type DepartmentUser = Pick<UserDoc, '_id' | 'name' | 'email' | 'active'>;

/** Insert a user; a taken email throws the duplicate-key error. */
export async function insertUser(fields: NewUser): Promise<UserDoc> {
  return (await User.create(fields)).toObject() as UserDoc;
}

/** The user with this id, or null (also for a malformed id). */
export async function findUser(id: string): Promise<UserDoc | null> {
  if (!OBJECT_ID.test(id)) return null;
  return User.findById(id).lean<UserDoc>();
}

/** The user with this email (stored lowercased), or null. */
export async function findUserByEmail(email: string): Promise<UserDoc | null> {
  return User.findOne({ email }).lean<UserDoc>();
}

/** Every user, by name. */
export async function listUsersByName(): Promise<UserDoc[]> {
  return User.find().sort({ name: 1 }).lean<UserDoc[]>();
}

/** The users with the role `department` linked to this department (name, email and whether active). */
export async function listDepartmentUsers(departmentId: string): Promise<DepartmentUser[]> {
  return User.find({ role: 'department', departmentId: new Types.ObjectId(departmentId) }, { name: 1, email: 1, active: 1 }).lean<DepartmentUser[]>();
}

/** Set fields of a user; returns the user as it was before, or null when there is none. */
export async function setUserFields(id: string, set: Record<string, unknown>): Promise<UserDoc | null> {
  return User.findOneAndUpdate({ _id: id }, { $set: set }).lean<UserDoc>();
}

/** Note a successful sign-in. */
export async function recordLogin(id: string, at: Date): Promise<void> {
  await User.updateOne({ _id: id }, { $set: { lastLoginAt: at } });
}

/** Whether a user with this id exists. */
export async function userExists(id: string): Promise<boolean> {
  return Boolean(await User.exists({ _id: id }));
}

/** Whether any user exists (first run when not). */
export async function hasAnyUser(): Promise<boolean> {
  return (await User.countDocuments()) > 0;
}

/** Whether any user has this role. */
export async function hasUserWithRole(role: Role): Promise<boolean> {
  return Boolean(await User.exists({ role }));
}
