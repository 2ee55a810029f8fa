import { parseArgs } from 'node:util';
import { getConfig } from '../config.js';
import type { Command } from './commands.js';
import { UsageError } from './errors.js';

type Values = Record<string, string | boolean | undefined>;

function usage(commands: Record<string, Command>): string {
  const lines = Object.entries(commands).map(([name, command]) => `  ${name.padEnd(14)} ${command.usage}\n  ${''.padEnd(14)} ${command.summary}`);
  return `Usage: npm run cli -- <command> [options]\n\nCommands:\n${lines.join('\n')}\n`;
}

/** The command's options, or why they are wrong (unknown option, missing value, required option absent). */
function readOptions(command: Command, args: string[]): Values | string {
  let values: Values;
  try {
    values = parseArgs({ args, options: command.options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    return (error as Error).message;
  }
  const missing = (command.required ?? []).filter((option) => typeof values[option] !== 'string' || values[option] === '');
  return missing.length > 0 ? missing.map((option) => `--${option} is required.`).join('\n') : values;
}

async function run(argv: string[]): Promise<number> {
  const config = getConfig();
  // Imported only once the configuration is known to be valid: loading the components reads it (the logger does).
  const [{ commands }, { openDatabase }, { registerAllMessages }] = await Promise.all([import('./commands.js'), import('../db/index.js'), import('../messages.js')]);
  registerAllMessages();
  const [name, ...rest] = argv;
  if (name === 'help' || name === '--help') {
    console.log(usage(commands));
    return 0;
  }
  const command: Command | undefined = name ? commands[name] : undefined;
  if (!name || !command) {
    console.error(`${name ? `Unknown command "${name}".\n\n` : ''}${usage(commands)}`);
    return 2;
  }
  const badUsage = (message: string) => {
    console.error(`${message}\nUsage: npm run cli -- ${name} ${command.usage}`);
    return 2;
  };
  const values = readOptions(command, rest);
  if (typeof values === 'string') return badUsage(values);
  const db = await openDatabase(config);
  try {
    await command.run(values);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) return badUsage(error.message);
    throw error;
  } finally {
    await db.close();
  }
}

try {
  process.exitCode = await run(process.argv.slice(2));
} catch (error) {
  console.error(error instanceof Error ? `Error: ${error.message}` : String(error));
  process.exitCode = 1;
}
