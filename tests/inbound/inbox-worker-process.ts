// A separate app process that only handles the inbox, for the crash test (it is killed with SIGKILL).
import mongoose from 'mongoose';
import { startInboxWorker } from '../../src/inbound/index.js';

const { TEST_MONGODB_URI, WORKER_DB } = process.env;
await mongoose.connect(TEST_MONGODB_URI!, { dbName: WORKER_DB });
const worker = startInboxWorker({ pollMs: 50, staleMs: 60_000, workerId: 'doomed-process' });
worker.kick();
console.log('ready');
