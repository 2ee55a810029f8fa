import pino from 'pino';
import { getConfig } from './config.js';

/** The process logger: JSON lines to stdout, level from LOG_LEVEL. */
export const logger = pino({
  level: getConfig().log.level,
  redact: { paths: ['req.headers.cookie', 'req.headers.authorization', 'password', '*.password'], remove: true },
});
