import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { cancelJob, getJob, registerJobHandler, scheduleJob, startJobRunner } from '../../src/jobs/index.js';
import { useTestDatabase } from '../helpers/db.js';

useTestDatabase(import.meta.url);

describe('scheduled jobs', () => {
  test('when two processes run the scheduler, then a due job runs exactly once', async () => {
    const runs: unknown[] = [];
    registerJobHandler('test-once', async (payload) => void runs.push(payload));
    await scheduleJob('once:1', 'test-once', new Date(Date.now() - 1000), { n: 1 });
    const a = startJobRunner({ intervalMs: 60_000 });
    const b = startJobRunner({ intervalMs: 60_000 });
    await Promise.all([a.runDue(), b.runDue(), a.runDue(), b.runDue()]);
    await Promise.all([a.stop(), b.stop()]);
    assert.deepEqual(runs, [{ n: 1 }]);
    assert.equal((await getJob('once:1'))?.status, 'done');
  });

  test('when a job is not yet due, then it waits; moving it earlier makes it run', async () => {
    const runs: string[] = [];
    registerJobHandler('test-later', async () => void runs.push('ran'));
    await scheduleJob('later:1', 'test-later', new Date(Date.now() + 3600_000));
    const runner = startJobRunner({ intervalMs: 60_000 });
    assert.equal(await runner.runDue(), 0);
    await scheduleJob('later:1', 'test-later', new Date(Date.now() - 1));
    assert.equal(await runner.runDue(), 1);
    await runner.stop();
    assert.deepEqual(runs, ['ran']);
  });

  test('when a job is cancelled, then it never runs', async () => {
    registerJobHandler('test-cancel', async () => assert.fail('cancelled job ran'));
    await scheduleJob('cancel:1', 'test-cancel', new Date(Date.now() - 1));
    await cancelJob('cancel:1');
    const runner = startJobRunner({ intervalMs: 60_000 });
    assert.equal(await runner.runDue(), 0);
    await runner.stop();
  });

  test('when a handler fails, then the job is marked failed with the reason', async () => {
    registerJobHandler('test-fail', async () => {
      throw new Error('mail server on fire');
    });
    await scheduleJob('fail:1', 'test-fail', new Date(Date.now() - 1));
    const runner = startJobRunner({ intervalMs: 60_000 });
    await runner.runDue();
    await runner.stop();
    const job = await getJob('fail:1');
    assert.equal(job?.status, 'failed');
    assert.match(job?.lastError ?? '', /on fire/);
  });
});
