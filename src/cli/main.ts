import { parseArgs } from 'node:util';
import { ConfigError, getConfig } from '../config.js';
import { openDatabase } from '../db/index.js';
import { commands, type Command } from './commands.js';
import { UsageError } from './errors.js';
import { registerAllMessages } from '../messages.js';


function usage(): string {
  const lines = Object.entries(commands).map(([name, command]) => `  ${name.padEnd(14)} ${command.usage}\n  ${''.padEnd(14)} ${command.summary}`);
  return `Usage: npm run cli -- <command> [options]\n\nCommands:\n${lines.join('\n')}\n`;
}

async function run(argv: string[]): Promise<number> {
  registerAllMessages();
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help') {
    console.log(usage());
    return name ? 0 : 2;
  }
  const command: Command | undefined = commands[name];
  if (!command) {
    console.error(`Unknown command "${name}".\n\n${usage()}`);
    return 2;
  }
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({ args: rest, options: command.options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    console.error(`${(error as Error).message}\nUsage: npm run cli -- ${name} ${command.usage}`);
    return 2;
  }
  const config = getConfig();
  const db = await openDatabase(config);
  try {
    await command.run(values);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`${error.message}\nUsage: npm run cli -- ${name} ${command.usage}`);
      return 2;
    }
    throw error;
  } finally {
    await db.close();
  }
}

try {
  process.exitCode = await run(process.argv.slice(2));
} catch (error) {
  console.error(error instanceof ConfigError || error instanceof Error ? `Error: ${error.message}` : String(error));
  process.exitCode = 1;
}
