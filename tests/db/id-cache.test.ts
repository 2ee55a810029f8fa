import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import mongoose, { Schema } from 'mongoose';
import { findByIdCached, invalidateIdCacheOnWrite, setIdCacheEnabled } from '../../src/db/index.js';
import { useTestDatabase } from '../helpers/db.js';

useTestDatabase(import.meta.url);

const schema = new Schema({ name: String, n: Number });
invalidateIdCacheOnWrite(schema, 'CacheProbe');
const Probe = mongoose.model('CacheProbe', schema);
const optionalSchema = new Schema({ name: String });
invalidateIdCacheOnWrite(optionalSchema, 'CacheOptional', { cacheMisses: true });
const Optional = mongoose.model('CacheOptional', optionalSchema);
type ProbeDoc = { name: string; n: number };

describe('the _id cache of the embedded engine', () => {
  before(() => setIdCacheEnabled(true));
  after(() => setIdCacheEnabled(false));

  test('when a document is read twice, then the second read comes from memory', async () => {
    const doc = await Probe.create({ name: 'a', n: 1 });
    const first = await findByIdCached<ProbeDoc>(Probe as never, doc._id);
    // Written behind the model's back (raw driver): the cache does not see it, which proves it served the read.
    await mongoose.connection.collection('cacheprobes').updateOne({ _id: doc._id }, { $set: { n: 99 } });
    const second = await findByIdCached<ProbeDoc>(Probe as never, doc._id);
    assert.equal(first?.n, 1);
    assert.equal(second?.n, 1);
  });

  test('when the model writes the document (updateOne, save, updateMany, deleteOne), then the next read is fresh', async () => {
    const doc = await Probe.create({ name: 'b', n: 1 });
    await findByIdCached(Probe as never, doc._id);
    await Probe.updateOne({ _id: doc._id }, { $set: { n: 2 } });
    assert.equal((await findByIdCached<ProbeDoc>(Probe as never, doc._id))?.n, 2);
    doc.n = 3;
    await doc.save();
    assert.equal((await findByIdCached<ProbeDoc>(Probe as never, doc._id))?.n, 3);
    await Probe.updateMany({ name: 'b' }, { $set: { n: 4 } });
    assert.equal((await findByIdCached<ProbeDoc>(Probe as never, doc._id))?.n, 4);
    await Probe.deleteOne({ _id: doc._id });
    assert.equal(await findByIdCached(Probe as never, doc._id), null);
  });

  test('when an id is not found, then the miss is not remembered', async () => {
    const id = new mongoose.Types.ObjectId();
    assert.equal(await findByIdCached(Probe as never, id), null);
    await Probe.create({ _id: id, name: 'c', n: 1 });
    assert.equal((await findByIdCached<ProbeDoc>(Probe as never, id))?.name, 'c');
  });

  test('when the cache is off (MongoDB), then every read goes to the database', async () => {
    setIdCacheEnabled(false);
    const doc = await Probe.create({ name: 'd', n: 1 });
    await findByIdCached(Probe as never, doc._id);
    await mongoose.connection.collection('cacheprobes').updateOne({ _id: doc._id }, { $set: { n: 5 } });
    assert.equal((await findByIdCached<ProbeDoc>(Probe as never, doc._id))?.n, 5);
    setIdCacheEnabled(true);
  });

  test('when a model caches misses, then an id absent from the full load is "not found" from memory until the model writes it', async () => {
    await Optional.create({ name: 'present' });
    const absent = new mongoose.Types.ObjectId();
    assert.equal(await findByIdCached(Optional as never, absent), null);
    // Inserted behind the model's back: the cached miss still answers, which proves no read was made.
    await mongoose.connection.collection('cacheoptionals').insertOne({ _id: absent, name: 'raw' });
    assert.equal(await findByIdCached(Optional as never, absent), null);

    const created = new mongoose.Types.ObjectId();
    assert.equal(await findByIdCached(Optional as never, created), null);
    await Optional.create({ _id: created, name: 'created' });
    assert.equal((await findByIdCached<{ name: string }>(Optional as never, created))?.name, 'created');

    const many = new mongoose.Types.ObjectId();
    assert.equal(await findByIdCached(Optional as never, many), null);
    await Optional.insertMany([{ _id: many, name: 'many' }]);
    assert.equal((await findByIdCached<{ name: string }>(Optional as never, many))?.name, 'many');

    await Optional.deleteOne({ _id: many });
    assert.equal(await findByIdCached(Optional as never, many), null);
  });

  test('when another process writes behind the models (the CLI while the app runs), then misses show within 30 s and documents within 5 min', async (t) => {
    const absent = new mongoose.Types.ObjectId();
    const probe = await Probe.create({ name: 'e', n: 1 });
    t.mock.timers.enable({ apis: ['Date'], now: Date.now() });
    // Each model reloads on its next read after its interval, so start both intervals now.
    setIdCacheEnabled(true);
    assert.equal(await findByIdCached(Optional as never, absent), null);
    assert.equal((await findByIdCached<ProbeDoc>(Probe as never, probe._id))?.n, 1);
    await mongoose.connection.collection('cacheoptionals').insertOne({ _id: absent, name: 'from the CLI' });
    await mongoose.connection.collection('cacheprobes').updateOne({ _id: probe._id }, { $set: { n: 2 } });

    t.mock.timers.tick(29_000);
    assert.equal(await findByIdCached(Optional as never, absent), null, 'still the cached miss at 29 s');
    t.mock.timers.tick(2_000);
    assert.equal((await findByIdCached<{ name: string }>(Optional as never, absent))?.name, 'from the CLI', 'reloaded after 30 s');
    assert.equal((await findByIdCached<ProbeDoc>(Probe as never, probe._id))?.n, 1, 'other models keep their 5-minute interval');
    t.mock.timers.tick(5 * 60_000);
    assert.equal((await findByIdCached<ProbeDoc>(Probe as never, probe._id))?.n, 2, 'reloaded after 5 min');
  });
});
