import mongoose, { Schema, type InferSchemaType } from 'mongoose';

const departmentSchema = new Schema(
  {
    nameZh: { type: String, required: true, trim: true },
    nameEn: { type: String, default: '', trim: true },
    shortName: { type: String, default: '', trim: true },
    /** Shared mailbox where suggestions and invitations for the department go. */
    email: { type: String, default: '', trim: true, lowercase: true },
    head: {
      name: { type: String, default: '' },
      title: { type: String, default: '' },
      email: { type: String, default: '', lowercase: true },
    },
    archivedAt: Date,
  },
  { timestamps: true },
);

/** A zone department. */
export type DepartmentDoc = InferSchemaType<typeof departmentSchema> & { _id: mongoose.Types.ObjectId };

/** Zone departments (finance bureau, science and technology bureau…): answer suggestions, can be invited. */
export const Department = mongoose.model('Department', departmentSchema);
