// The admin command line, run as a real child process against this file's own test database.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import supertest from 'supertest';
import { AgendaVersion } from '../../src/agenda/agenda-version.model.js';
import { User } from '../../src/auth/user.model.js';
import { DEMO_PASSWORD } from '../../src/demo/index.js';
import { Event } from '../../src/events/event.model.js';
import { Series } from '../../src/events/series.model.js';
import { Department } from '../../src/institutions/department.model.js';
import { Institution } from '../../src/institutions/institution.model.js';
import { Invitation } from '../../src/invitations/invitation.model.js';
import { RsvpToken } from '../../src/invitations/rsvp-token.model.js';
import { testDatabaseName, testMongoUri, useTestDatabase } from '../helpers/db.js';
import { createTestApp, csrfFrom, type TestApp } from '../helpers/web.js';
import { runCli, uriWithDatabase, type Finished } from './cli-process.js';

useTestDatabase(import.meta.url);

// The child must write where this process reads: the same server, this file's database in the URI path.
const env = { MONGODB_URI: uriWithDatabase(testMongoUri(), testDatabaseName(import.meta.url)) };
const cli = (...args: string[]) => runCli(args, env);
const uniqueEmail = (name: string) => `${name}-${randomBytes(4).toString('hex')}@cli.example`;

async function signInStatus(app: TestApp['app'], email: string, password: string): Promise<number> {
  const agent = supertest.agent(app);
  const csrf = await csrfFrom(agent, '/login');
  const res = await agent.post('/login').type('form').send({ email, password, _csrf: csrf });
  return res.status;
}

// Each test runs its own processes with its own data, so they run side by side to keep the file fast.
describe('the admin command line', { concurrency: true }, () => {
  let t: TestApp;
  before(async () => (t = await createTestApp()));
  after(() => t.stop());

  test('when the command is unknown, then it exits 2, names it and lists the commands', async () => {
    const run = await cli('user:delete');
    assert.equal(run.code, 2);
    assert.match(run.stderr, /Unknown command "user:delete"/);
    assert.match(run.stderr, /user:create[\s\S]*user:list[\s\S]*token:create[\s\S]*demo:load/);
  });

  test('when no command is given, then it exits 2 with the usage; help exits 0', async () => {
    const [none, help] = await Promise.all([cli(), cli('help')]);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /Usage: npm run cli -- <command>/);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /Usage: npm run cli -- <command>/);
  });

  test('when user:create misses --email and --role, then it exits 2 and says both are required', async () => {
    const run = await cli('user:create', '--name', 'Nobody');
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--email is required\./);
    assert.match(run.stderr, /--role is required\./);
    assert.match(run.stderr, /Usage: npm run cli -- user:create --email E/);
  });

  test('when an option is unknown, then it exits 2 and names the option', async () => {
    const run = await cli('user:list', '--verbose');
    assert.equal(run.code, 2);
    assert.match(run.stderr, /Unknown option '--verbose'/);
  });

  test('when the configuration is invalid, then it exits 1 and lists the bad key, without a stack trace', async () => {
    const run = await runCli(['user:list'], { ...env, PORT: 'not-a-port' });
    assert.equal(run.code, 1);
    assert.match(run.stderr, /^Error: Invalid configuration:\n\s+- PORT:/);
    assert.doesNotMatch(run.stderr, /\bat \S+ \(/, 'no stack trace');
  });

  test('when the role is not one of the roles, then it exits 2, says so and nothing is created', async () => {
    const email = uniqueEmail('bad-role');
    const run = await cli('user:create', '--email', email, '--name', 'Bad Role', '--role', 'superuser', '--password', 'long-enough-password');
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--role: Choose one of the roles\./);
    assert.match(run.stderr, /admin\|organiser\|secretary\|department\|viewer/);
    assert.equal(await User.countDocuments({ email }), 0);
  });

  test('when the password is shorter than 10 characters, then it exits 2, says so and nothing is created', async () => {
    const email = uniqueEmail('short');
    const run = await cli('user:create', '--email', email, '--name', 'Short', '--role', 'viewer', '--password', 'short');
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--password: Use at least 10 characters\./);
    assert.equal(await User.countDocuments({ email }), 0);
  });

  test('when user:create succeeds, then user:list shows the user with its role, and the same email again is refused', async () => {
    const email = uniqueEmail('organiser');
    const created = await cli('user:create', '--email', email.toUpperCase(), '--name', '林晓 Lin Xiao', '--role', 'organiser', '--password', 'organiser-password');
    assert.equal(created.code, 0, created.stderr);
    assert.match(created.stdout, new RegExp(`Created organiser ${email}`));
    assert.doesNotMatch(created.stdout, /Password/, 'a given password is never echoed');
    const list = await cli('user:list');
    assert.equal(list.code, 0, list.stderr);
    const line = list.stdout.split('\n').find((l) => l.startsWith(email));
    assert.ok(line, `user:list shows ${email}:\n${list.stdout}`);
    assert.match(line, /organiser\s+active\s+林晓 Lin Xiao/);
    const again = await cli('user:create', '--email', email, '--name', 'Twice', '--role', 'viewer', '--password', 'another-password');
    assert.equal(again.code, 2);
    assert.match(again.stderr, /--email: A user with this email already exists\./);
  });

  test('when no password is given, then a generated one is printed once and signs in', async () => {
    const email = uniqueEmail('secretary');
    const run = await cli('user:create', '--email', email, '--name', 'Generated', '--role', 'secretary');
    assert.equal(run.code, 0, run.stderr);
    const password = /Password \(shown once\): (\S+)/.exec(run.stdout)?.[1];
    assert.ok(password && password.length >= 10, run.stdout);
    assert.equal(await signInStatus(t.app, email, password), 303);
  });

  test('when token:create is run for a user, then the printed token authenticates GET /api/v1/me as that user', async () => {
    const email = uniqueEmail('viewer');
    assert.equal((await cli('user:create', '--email', email, '--name', 'Token Holder', '--role', 'viewer', '--password', 'viewer-password')).code, 0);
    const run = await cli('token:create', '--email', email, '--label', 'reporting');
    assert.equal(run.code, 0, run.stderr);
    const token = run.stdout.trim();
    assert.match(token, /^cvn_\S+$/);
    const me = await supertest(t.app).get('/api/v1/me').set('Authorization', `Bearer ${token}`);
    assert.equal(me.status, 200);
    assert.equal(me.body.email, email);
    assert.equal(me.body.role, 'viewer');
    const wrong = await supertest(t.app).get('/api/v1/me').set('Authorization', `Bearer ${token}x`);
    assert.equal(wrong.status, 401);
  });

  test('when token:create names an unknown email, then it exits 2 and says so', async () => {
    const run = await cli('token:create', '--email', 'nobody@cli.example');
    assert.equal(run.code, 2);
    assert.match(run.stderr, /No user with email nobody@cli\.example/);
  });
});

/** Every count demo:load affects, by the demo's own keys (other tests in this file add users too). */
async function demoCounts() {
  return {
    institutions: await Institution.countDocuments(),
    departments: await Department.countDocuments(),
    series: await Series.countDocuments(),
    events: await Event.countDocuments(),
    invitations: await Invitation.countDocuments(),
    zoneUsers: await User.countDocuments({ email: /@zone\.example$/ }),
    rsvpTokens: await RsvpToken.countDocuments(),
    publishedAgendas: await AgendaVersion.countDocuments(),
  };
}

describe('demo:load', () => {
  let t: TestApp;
  let firstLoad: Finished;
  let countsAfterFirstLoad: Awaited<ReturnType<typeof demoCounts>>;
  before(async () => {
    t = await createTestApp();
    firstLoad = await cli('demo:load');
    countsAfterFirstLoad = await demoCounts();
  });
  after(() => t.stop());

  test('when loaded, then it creates 26 institutions, 5 departments, 2 editions and 7 staff users, and says how to sign in', () => {
    assert.equal(firstLoad.code, 0, firstLoad.stderr);
    assert.deepEqual(countsAfterFirstLoad, { institutions: 26, departments: 5, series: 1, events: 2, invitations: 26, zoneUsers: 7, rsvpTokens: 0, publishedAgendas: 1 });
    assert.match(firstLoad.stdout, /institutions\s+26 created, 0 already there/);
    assert.match(firstLoad.stdout, /agendas\s+1 created, 0 already there/);
    assert.match(firstLoad.stdout, new RegExp(`demo password is ${DEMO_PASSWORD}`));
    assert.match(firstLoad.stdout, /organiser@zone\.example/);
    assert.match(firstLoad.stdout, /二〇一九年度金融工作座谈会.*26 invited/);
  });

  test('when loaded again, then nothing is duplicated and the report says nothing changed', async () => {
    const second = await cli('demo:load');
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stdout, /nothing changed/);
    assert.match(second.stdout, /institutions\s+0 created, 26 already there/);
    assert.deepEqual(await demoCounts(), countsAfterFirstLoad);
  });

  test('when loaded, then the 2019 edition has realistic answers and the next edition is a draft still open for replies', async () => {
    const series = await Series.findOne({ nameZh: '年度金融工作座谈会' }).lean();
    assert.ok(series);
    const [first, next] = await Event.find({ seriesId: series._id }).sort({ edition: 1 }).lean();
    assert.ok(first && next);
    assert.equal(first.titleZh, '二〇一九年度金融工作座谈会');
    assert.deepEqual([first.edition, first.status, first.timezone, first.kind], [2019, 'scheduled', 'Asia/Shanghai', 'symposium']);
    assert.ok(first.rsvpDeadline! < first.startsAt && first.startsAt < first.endsAt);
    assert.ok(first.zoneParticipants.some((p) => p.role === 'host') && first.zoneParticipants.some((p) => p.role === 'chair'));
    assert.equal(next.status, 'draft');
    assert.ok(next.edition! > 2019);
    assert.ok(Date.now() < next.rsvpDeadline!.getTime() && next.rsvpDeadline! < next.startsAt, 'replies are still open');

    const invitations = await Invitation.find({ eventId: first._id }).lean();
    const byStatus = (status: string) => invitations.filter((i) => i.status === status).length;
    assert.equal(invitations.length, 26);
    assert.ok(byStatus('accepted') >= 15 && byStatus('declined') >= 1 && byStatus('tentative') + byStatus('pending') >= 2);
    const delegates = invitations.flatMap((i) => i.delegates);
    assert.equal(delegates.filter((d) => d.substituteFor).length, 1, 'one delegate attends in place of the head');
    assert.ok(invitations.every((i) => i.delegates.length <= first.maxDelegates));
    assert.equal(new Set(delegates.map((d) => d.checkInCode)).size, delegates.length, 'every check-in code is unique');
    assert.equal(await Invitation.countDocuments({ eventId: next._id }), 0);
  });

  test('when loaded, then institutions are fictional but complete, and the demo staff sign in with the demo password', async () => {
    const institutions = await Institution.find().lean();
    const locales = institutions.map((i) => i.preferredLocale);
    assert.deepEqual([locales.filter((l) => l === 'ko').length, locales.filter((l) => l === 'ja').length, locales.filter((l) => l === 'en').length], [1, 1, 2]);
    for (const institution of institutions) {
      assert.ok(institution.nameZh && institution.nameEn && institution.shortName, institution.nameZh);
      assert.equal(institution.contacts.filter((c) => c.primary).length, 1, `${institution.nameZh} has one primary contact`);
      assert.ok(institution.contacts.every((c) => c.email.endsWith('.example') && /^0532-8\d{3}-\d{4}$/.test(c.phone)));
    }
    const departmentUsers = await User.find({ role: 'department', email: /@zone\.example$/ }).lean();
    assert.equal(departmentUsers.length, 5);
    assert.ok(departmentUsers.every((u) => u.departmentId));
    assert.equal(await signInStatus(t.app, 'organiser@zone.example', DEMO_PASSWORD), 303);
    assert.equal(await signInStatus(t.app, 'secretary@zone.example', DEMO_PASSWORD), 303);
  });
});
