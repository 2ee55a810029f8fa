import mongoose, { Schema, type InferSchemaType } from 'mongoose';

const seriesSchema = new Schema(
  {
    nameZh: { type: String, required: true, trim: true },
    nameEn: { type: String, default: '', trim: true },
  },
  { timestamps: true },
);

/** A series. */
export type SeriesDoc = InferSchemaType<typeof seriesSchema> & { _id: mongoose.Types.ObjectId };

/** A recurring event, e.g. the annual symposium on financial work; each event is one edition. */
export const Series = mongoose.model('Series', seriesSchema);
