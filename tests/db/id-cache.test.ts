import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import mongoose, { Schema } from 'mongoose';
import { cachedUntilWrite, findByIdCached, invalidateIdCacheOnWrite, setIdCacheEnabled } from '../../src/db/index.js';
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

  describe('answers remembered until a write (cachedUntilWrite)', () => {
    /** A count of the probes named `name`, computed by a query the engine cannot answer by `_id`, counting computations. */
    function counter(name: string) {
      let computed = 0;
      const read = () => cachedUntilWrite(`probe-count:${name}`, ['CacheProbe'], async () => {
        computed += 1;
        return { n: await Probe.countDocuments({ name }), names: [name] };
      });
      return { read, computed: () => computed };
    }

    test('when nothing is written, then the answer is remembered and shared, frozen; a write through the model, any write, computes it again', async () => {
      const { read, computed } = counter('m');
      await Probe.create({ name: 'm', n: 1 });
      const first = await read();
      const [second, third] = await Promise.all([read(), read()]);
      assert.equal(first.n, 1);
      assert.equal(computed(), 1);
      assert.equal(second, first, 'the same object');
      assert.equal(third, first);
      assert.ok(Object.isFrozen(first) && Object.isFrozen(first.names), 'callers cannot change what others read');
      await Probe.create({ name: 'm', n: 2 });
      assert.equal((await read()).n, 2);
      await Probe.updateMany({ name: 'other' }, { $set: { n: 3 } });
      await read();
      assert.equal(computed(), 3, 'a write elsewhere in the model invalidates too');
    });

    test('when a write lands while the answer is being computed, then the next read computes it again', async () => {
      const { read, computed } = counter('w');
      const reading = read();
      await Probe.create({ name: 'w', n: 1 });
      await reading;
      assert.equal((await read()).n, 1);
      assert.equal(computed(), 2);
    });

    test('when the computation fails, then it is not remembered; writes behind the models show within 30 s; with the cache off it always computes', async (t) => {
      let fail = true;
      const flaky = () => cachedUntilWrite('probe-flaky', ['CacheProbe'], async () => {
        if (fail) throw new Error('database went away');
        return 'ok';
      });
      await assert.rejects(flaky(), /went away/);
      fail = false;
      assert.equal(await flaky(), 'ok');

      const { read, computed } = counter('t');
      t.mock.timers.enable({ apis: ['Date'], now: Date.now() });
      await read();
      await mongoose.connection.collection('cacheprobes').insertOne({ name: 't', n: 1 });
      t.mock.timers.tick(29_000);
      assert.equal((await read()).n, 0, 'the raw insert is not seen yet');
      t.mock.timers.tick(2_000);
      assert.equal((await read()).n, 1, 'computed again after 30 s');
      setIdCacheEnabled(false);
      await read();
      await read();
      assert.equal(computed(), 4);
      setIdCacheEnabled(true);
    });
  });
});
