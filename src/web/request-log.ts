import { randomUUID } from 'node:crypto';
import type { Express, Request, RequestHandler } from 'express';
import type { Logger } from 'pino';

declare module 'express-serve-static-core' {
  interface Request {
    /** The request's id: the caller's `X-Request-Id` if it sent a usable one, else a new UUID. */
    id: string;
    /** The process logger bound to this request's id. */
    log: Logger;
  }
}

/** What every access-log line records of a request; the secret part of an RSVP link is left out. */
export function describeRequest(req: Pick<Request, 'method' | 'originalUrl'>) {
  return { method: req.method, url: req.originalUrl.replace(/^\/rsvp\/[^/?]+/, '/rsvp/…') };
}

const CHILD = Symbol('request logger');
/** An incoming id is echoed into logs, so only short ids of safe characters are reused. */
const USABLE_ID = /^[\w.:-]{1,100}$/;

/**
 * One access-log line per request at `info` (a 5xx is also logged with its error by the error handler).
 * `req.log` is a child logger bound to the request id, made only when something logs through it:
 * pino-http made two child loggers for every request whether or not anything was logged, which cost
 * about a third of the RSVP page's throughput (docs/performance.md).
 */
export function requestLogging(app: Express, logger: Logger): RequestHandler {
  Object.defineProperty(app.request, 'log', {
    configurable: true,
    get(this: Request & { [CHILD]?: Logger }) {
      return (this[CHILD] ??= logger.child({ reqId: this.id }));
    },
  });
  return (req, res, next) => {
    const incoming = req.headers['x-request-id'];
    req.id = typeof incoming === 'string' && USABLE_ID.test(incoming) ? incoming : randomUUID();
    const started = process.hrtime.bigint();
    res.once('close', () => {
      if (!logger.isLevelEnabled('info')) return;
      const responseTime = Number(process.hrtime.bigint() - started) / 1e6;
      req.log.info(
        { req: describeRequest(req), res: { statusCode: res.statusCode }, responseTime: Math.round(responseTime * 10) / 10, aborted: !res.writableFinished || undefined },
        res.writableFinished ? 'request completed' : 'request aborted',
      );
    });
    next();
  };
}
