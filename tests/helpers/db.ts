import { after, before } from 'node:test';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import mongoose from 'mongoose';

/** The shared test server started by `npm test` (scripts/test.ts). */
export function testMongoUri(): string {
  const uri = process.env.TEST_MONGODB_URI;
  if (!uri) throw new Error('TEST_MONGODB_URI is not set: run tests through `npm test` (or set it to a MongoDB/FerretDB URI).');
  return uri;
}

/** A database name of this test file's own, so files never see each other's data. */
export function testDatabaseName(fileUrl: string): string {
  const base = path.basename(fileURLToPath(fileUrl)).replace(/\.test\.ts$/, '').replace(/[^a-z0-9]/gi, '_');
  return `t_${base}_${process.pid}`.slice(0, 60);
}

/** Connect the default Mongoose connection to this file's own database for its tests; drop it afterwards. */
export function useTestDatabase(fileUrl: string): void {
  before(async () => {
    // The driver's normal pool, as the app runs (see openDatabase).
    await mongoose.connect(testMongoUri(), { dbName: testDatabaseName(fileUrl), serverSelectionTimeoutMS: 10_000 });
    await Promise.all(Object.values(mongoose.connection.models).map((model) => model.init()));
  });
  after(async () => {
    await mongoose.connection.dropDatabase().catch(() => undefined);
    await mongoose.disconnect();
  });
}
