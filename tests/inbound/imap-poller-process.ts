// A separate app process that polls one IMAP mailbox and handles what it finds, for the test of two processes
// sharing a mailbox. Stops cleanly on SIGTERM.
import mongoose from 'mongoose';
import { getConfig } from '../../src/config.js';
import { startInbound } from '../../src/inbound/index.js';

const { TEST_MONGODB_URI, WORKER_DB, WORKER_ID, POLLED_IMAP_URL } = process.env;
await mongoose.connect(TEST_MONGODB_URI!, { dbName: WORKER_DB });
const config = getConfig();
const inbound = await startInbound({ ...config, inbound: { ...config.inbound, imapUrl: POLLED_IMAP_URL } }, { workerId: WORKER_ID, pollMs: 100, imapPollMs: 250 });
process.once('SIGTERM', () => {
  void inbound.stop().then(() => mongoose.disconnect()).then(() => process.exit(0));
});
console.log('ready');
