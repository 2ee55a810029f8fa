import { randomBytes } from 'node:crypto';
import { createApiToken, findUserIdByEmail, listUsers, userCreateSchema, createUser } from '../auth/index.js';
import { loadDemo } from '../demo/index.js';
import { ValidationError } from '../web/errors.js';
import { translate } from '../web/i18n.js';
import { UsageError } from './errors.js';

type Values = Record<string, string | boolean | undefined>;

/** One CLI command: its options (node:util parseArgs), a usage line and what it does. */
export interface Command {
  usage: string;
  summary: string;
  options: Record<string, { type: 'string' | 'boolean' }>;
  /** Options that must be given, checked before the database is opened. */
  required?: string[];
  run(values: Values): Promise<void>;
}

function describeFields(fields: Record<string, string>): string {
  return Object.entries(fields)
    .map(([field, key]) => `  --${field}: ${translate('en', key)}`)
    .join('\n');
}

/** Every command of `npm run cli`. */
export const commands: Record<string, Command> = {
  'user:create': {
    usage: '--email E --name N --role admin|organiser|secretary|department|viewer [--password P] [--department ID]',
    summary: 'Create a staff user (a password is generated and printed if none is given).',
    options: { email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' }, password: { type: 'string' }, department: { type: 'string' } },
    required: ['email', 'name', 'role'],
    async run(values) {
      const generated = values.password ? undefined : randomBytes(12).toString('base64url');
      const input = { email: values.email, name: values.name, role: values.role, password: values.password ?? generated, departmentId: values.department ?? '' };
      const parsed = userCreateSchema.safeParse(input);
      if (!parsed.success) {
        throw new UsageError(`Invalid arguments:\n${describeFields(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])))}`);
      }
      try {
        const user = await createUser(parsed.data);
        console.log(`Created ${user.role} ${user.email}${generated ? `\nPassword (shown once): ${generated}` : ''}`);
      } catch (error) {
        if (error instanceof ValidationError) throw new UsageError(`Invalid arguments:\n${describeFields(error.fields)}`);
        throw error;
      }
    },
  },
  'user:list': {
    usage: '',
    summary: 'List staff users.',
    options: {},
    async run() {
      const users = await listUsers();
      if (users.length === 0) console.log('No users yet.');
      for (const u of users) console.log([u.email.padEnd(36), u.role.padEnd(11), u.active ? 'active  ' : 'disabled', u.name].join(' '));
    },
  },
  'token:create': {
    usage: '--email E [--label L]',
    summary: 'Create an API token for a user and print it once.',
    options: { email: { type: 'string' }, label: { type: 'string' } },
    required: ['email'],
    async run(values) {
      if (typeof values.email !== 'string') throw new UsageError('--email is required.');
      const userId = await findUserIdByEmail(values.email);
      if (!userId) throw new UsageError(`No user with email ${values.email}.`);
      const { token } = await createApiToken(userId, typeof values.label === 'string' ? values.label : 'cli');
      console.log(token);
    },
  },
  'demo:load': {
    usage: '',
    summary: 'Load the model case (safe to repeat): 26 institutions, 5 departments, demo staff, the 2019 annual symposium on financial work with answers, and a draft next edition.',
    options: {},
    async run() {
      const report = await loadDemo();
      console.log(report);
    },
  },
};
