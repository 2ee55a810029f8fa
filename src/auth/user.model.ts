import mongoose, { Schema, type InferSchemaType } from 'mongoose';
import { ROLES } from '../web/access.js';
import { LOCALES } from '../web/i18n.js';

const userSchema = new Schema(
  {
    email: { type: String, required: true, unique: true, lowercase: true, trim: true },
    name: { type: String, required: true, trim: true },
    role: { type: String, required: true, enum: ROLES },
    passwordHash: { type: String, required: true },
    locale: { type: String, enum: LOCALES },
    /** For role `department`: the zone department whose suggestions this user answers. */
    departmentId: { type: Schema.Types.ObjectId, ref: 'Department' },
    active: { type: Boolean, default: true },
    /** When the user was last deactivated: feed links and API tokens issued before it never work again. */
    deactivatedAt: Date,
    lastLoginAt: Date,
  },
  { timestamps: true },
);

/** A staff member who signs in: organiser, secretary, department staff, viewer or admin. */
export type UserDoc = InferSchemaType<typeof userSchema> & { _id: mongoose.Types.ObjectId };

/** Staff users. */
export const User = mongoose.model('User', userSchema);
