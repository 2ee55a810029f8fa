import pino from 'pino';
import { logger } from '../../src/logger.js';

/** One JSON log line as pino wrote it. */
export type LogLine = { level: number; msg: string } & Record<string, unknown>;

/** pino's number for `error`; lines at or above it are errors. */
export const ERROR_LEVEL = 50;

/**
 * Record what the app logs at `level` and above (tests run with LOG_LEVEL=silent), until `stop()`.
 * Every child logger writes to the process logger's stream, so one hook on that stream sees them all.
 */
export function captureLogs(level: pino.LevelWithSilent = 'warn'): { lines: LogLine[]; stop(): void } {
  const stream = (logger as unknown as Record<symbol, { write(chunk: string): boolean }>)[pino.symbols.streamSym]!;
  const write = stream.write;
  const previous = logger.level;
  const lines: LogLine[] = [];
  stream.write = (chunk: string) => {
    lines.push(JSON.parse(chunk) as LogLine);
    return true;
  };
  logger.level = level;
  return {
    lines,
    stop() {
      stream.write = write;
      logger.level = previous;
    },
  };
}
