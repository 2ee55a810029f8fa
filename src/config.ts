import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import dotenv from 'dotenv';
import { z } from 'zod';

/** The repository root, whether running from src/ (tsx) or dist/ (compiled). */
export const ROOT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  MONGODB_URI: optionalString.pipe(
    z.string().regex(/^mongodb(\+srv)?:\/\//, 'must start with mongodb:// or mongodb+srv://').optional(),
  ),
  DATA_DIR: z.string().trim().min(1).default('./data'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  PUBLIC_URL: optionalString.pipe(z.url({ protocol: /^https?$/ }).optional()),
  TRUST_PROXY: optionalString,
  SESSION_SECRET: optionalString.pipe(z.string().min(32, 'must be at least 32 characters').optional()),
  SMTP_URL: optionalString.pipe(z.string().regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://').optional()),
  MAIL_FROM: z.string().trim().min(3).default('Convene <convene@localhost>'),
  IMAP_URL: optionalString.pipe(z.string().regex(/^imaps?:\/\/[^/]+/, 'must be imap:// or imaps://user:password@host/MAILBOX').optional()),
  INBOUND_SMTP_PORT: optionalString.pipe(
    z.string().regex(/^\d{1,5}$/, 'must be a port number').transform(Number).refine((port) => port <= 65535, 'must be a port number').optional(),
  ),
  INBOUND_SMTP_HOST: z.string().trim().min(1).default('127.0.0.1'),
  ADMIN_EMAIL: optionalString.pipe(z.email().optional()),
  ADMIN_PASSWORD: optionalString.pipe(z.string().min(10, 'must be at least 10 characters').optional()),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DEFAULT_TIMEZONE: z.string().trim().default('Asia/Shanghai').refine(isTimeZone, 'must be an IANA time zone'),
  CHROMIUM_PATH: optionalString.transform((v) => v ?? '/usr/bin/chromium'),
});

/** Raised when the environment is invalid; its message lists every bad key. */
export class ConfigError extends Error {}

function formatIssues(issues: z.core.$ZodIssue[]): string {
  const lines = issues.map((issue) => `  - ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  return `Invalid configuration:\n${lines.join('\n')}`;
}

/** Development convenience: a generated secret kept under DATA_DIR so sessions survive restarts. */
function readOrCreateDevSecret(dataDir: string): string {
  const file = path.join(dataDir, 'session-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

/** Parse and validate an environment into Convene's frozen, nested configuration. */
export function loadConfig(source: Record<string, string | undefined>) {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) throw new ConfigError(formatIssues(parsed.error.issues));
  const env = parsed.data;
  const isProduction = env.NODE_ENV === 'production';
  if (isProduction && !env.SESSION_SECRET) {
    throw new ConfigError(formatIssues([{ code: 'custom', path: ['SESSION_SECRET'], message: 'is required when NODE_ENV=production', input: undefined }]));
  }
  if (isProduction && /@localhost>?\s*$/i.test(env.MAIL_FROM)) {
    // The ORGANIZER of every calendar request is this address: calendar replies go to it, so it must reach our inbox.
    throw new ConfigError(formatIssues([{ code: 'custom', path: ['MAIL_FROM'], message: 'must be set to an address that receives mail when NODE_ENV=production (not @localhost)', input: env.MAIL_FROM }]));
  }
  const dataDir = path.resolve(ROOT_DIR, env.DATA_DIR);
  const displayHost = env.HOST === '0.0.0.0' || env.HOST === '::' ? 'localhost' : env.HOST;
  const publicUrl = (env.PUBLIC_URL ?? `http://${displayHost}:${env.PORT}`).replace(/\/+$/, '');
  return deepFreeze({
    env: env.NODE_ENV,
    isProduction,
    http: { host: env.HOST, port: env.PORT, publicUrl, trustProxy: env.TRUST_PROXY },
    db: { uri: env.MONGODB_URI, dataDir },
    session: { secret: env.SESSION_SECRET ?? readOrCreateDevSecret(dataDir) },
    mail: { smtpUrl: env.SMTP_URL, from: env.MAIL_FROM },
    inbound: { imapUrl: env.IMAP_URL, smtpPort: env.INBOUND_SMTP_PORT, smtpHost: env.INBOUND_SMTP_HOST },
    admin: { email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD },
    log: { level: env.LOG_LEVEL },
    defaultTimezone: env.DEFAULT_TIMEZONE,
    pdf: { chromiumPath: env.CHROMIUM_PATH },
  });
}

/** Convene's configuration. */
export type Config = ReturnType<typeof loadConfig>;

function deepFreeze<T extends object>(value: T): T {
  for (const child of Object.values(value)) {
    if (child && typeof child === 'object') deepFreeze(child as object);
  }
  return Object.freeze(value);
}

let cached: Config | undefined;

/** The process configuration from `.env` (if present) and the environment, read once. */
export function getConfig(): Config {
  if (!cached) {
    dotenv.config({ path: path.join(ROOT_DIR, '.env'), quiet: true });
    cached = loadConfig(process.env);
  }
  return cached;
}
