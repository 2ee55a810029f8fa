import mongoose, { Schema } from 'mongoose';

const scheduledJobSchema = new Schema(
  {
    /** A stable key, e.g. `reminder-pending:<eventId>`: scheduling again moves the job rather than adding one. */
    _id: { type: String, required: true },
    kind: { type: String, required: true },
    runAt: { type: Date, required: true },
    payload: { type: Schema.Types.Mixed, default: {} },
    status: { type: String, enum: ['scheduled', 'running', 'done', 'failed', 'cancelled'], default: 'scheduled' },
    startedAt: Date,
    doneAt: Date,
    lastError: String,
    workerId: String,
  },
  { timestamps: true, minimize: false },
);

/** Work to do at a time (reminders…), kept in the database so it survives restarts. */
export const ScheduledJob = mongoose.model('ScheduledJob', scheduledJobSchema, 'scheduled_jobs');
