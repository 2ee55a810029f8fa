import mongoose, { Schema, type InferSchemaType } from 'mongoose';
import { LOCALES } from '../web/i18n.js';

/** Kinds of financial institution in the zone's directory. */
export const INSTITUTION_TYPES = [
  'bank',
  'tech_bank_branch',
  'securities',
  'insurance',
  'guarantee',
  'small_loan',
  'vc_pe_fund',
  'fund_manager',
  'other',
] as const;
/** A kind of institution. */
export type InstitutionType = (typeof INSTITUTION_TYPES)[number];

const contactSchema = new Schema(
  {
    name: { type: String, required: true, trim: true },
    title: { type: String, default: '', trim: true },
    email: { type: String, default: '', trim: true, lowercase: true },
    phone: { type: String, default: '', trim: true },
    primary: { type: Boolean, default: false },
  },
  { _id: true },
);

const institutionSchema = new Schema(
  {
    nameZh: { type: String, required: true, trim: true },
    nameEn: { type: String, default: '', trim: true },
    shortName: { type: String, default: '', trim: true },
    type: { type: String, required: true, enum: INSTITUTION_TYPES },
    address: { type: String, default: '', trim: true },
    preferredLocale: { type: String, enum: LOCALES, default: 'zh' },
    contacts: { type: [contactSchema], default: [] },
    tags: { type: [String], default: [] },
    notes: { type: String, default: '' },
    /** Archived institutions stay for their history but are not offered for new invitations. */
    archivedAt: Date,
  },
  { timestamps: true },
);

/** An institution in the directory. */
export type InstitutionDoc = InferSchemaType<typeof institutionSchema> & { _id: mongoose.Types.ObjectId };

/** The directory of financial institutions invited to the zone's meetings. */
export const Institution = mongoose.model('Institution', institutionSchema);
