import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PrintQueue, PrintQueueFullError } from '../../src/records/print-queue.js';

/** A print job that runs until released, and tells when it started. */
function heldJob() {
  let release!: () => void;
  let started = false;
  const done = new Promise<void>((resolve) => (release = resolve));
  return { job: async () => { started = true; await done; return 'printed'; }, release: () => release(), started: () => started };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('the print queue', () => {
  const limits = { printing: 2, lanes: { staff: { printing: 2, waiting: 5 }, link: { printing: 1, waiting: 2 } }, retryAfterSeconds: 30 };

  test('when link holders fill their printer and their queue, then the next is refused at once with 503 and Retry-After, and a staff print still starts', async () => {
    const queue = new PrintQueue(limits);
    const jobs = [heldJob(), heldJob(), heldJob()];
    const runs = jobs.map((held) => queue.run('link', held.job));
    await tick();
    assert.deepEqual(queue.state(), { running: { staff: 0, link: 1 }, waiting: { staff: 0, link: 2 } });
    await assert.rejects(queue.run('link', async () => 'never'), (error: unknown) => error instanceof PrintQueueFullError && error.status === 503 && error.retryAfterSeconds === 30);
    const staff = heldJob();
    const staffRun = queue.run('staff', staff.job);
    await tick();
    assert.ok(staff.started(), 'a staff export never waits behind link holders');
    staff.release();
    assert.equal(await staffRun, 'printed');
    for (const held of jobs) held.release();
    assert.deepEqual(await Promise.all(runs), ['printed', 'printed', 'printed']);
    assert.deepEqual(queue.state(), { running: { staff: 0, link: 0 }, waiting: { staff: 0, link: 0 } });
  });

  test('when staff and link holders both wait, then a freed printer goes to staff first', async () => {
    const queue = new PrintQueue(limits);
    const first = heldJob();
    const second = heldJob();
    const running = [queue.run('staff', first.job), queue.run('staff', second.job)];
    const link = heldJob();
    const staff = heldJob();
    const linkRun = queue.run('link', link.job);
    const staffRun = queue.run('staff', staff.job);
    await tick();
    first.release();
    await running[0];
    await tick();
    assert.ok(staff.started() && !link.started(), 'the waiting staff export goes first');
    second.release();
    await running[1];
    await tick();
    assert.ok(link.started());
    staff.release();
    link.release();
    await Promise.all([linkRun, staffRun]);
  });

  test('when a job fails, then its printer is freed for the next', async () => {
    const queue = new PrintQueue(limits);
    await assert.rejects(queue.run('link', async () => { throw new Error('chromium crashed'); }));
    assert.equal(await queue.run('link', async () => 'printed'), 'printed');
  });
});
