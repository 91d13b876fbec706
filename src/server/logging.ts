import type { FastifyServerOptions } from 'fastify';
import type { Config } from './config.js';

/**
 * A URL as it may be logged: the path, and each query parameter's name with
 * its value replaced. Searches carry names, ID numbers and phones in the
 * query (`/api/v1/people?q=…`), and a log line lives far longer and travels
 * farther than the request did.
 */
export function loggableUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const names = url
    .slice(q + 1)
    .split('&')
    .filter(Boolean)
    .map((part) => {
      const eq = part.indexOf('=');
      const name = eq < 0 ? part : part.slice(0, eq);
      // Our parameter names are short identifiers; anything else (`?13912345678`) could be the data itself.
      return `${/^[A-Za-z][A-Za-z0-9_-]{0,31}$/.test(name) ? name : '?'}=*`;
    });
  return `${url.slice(0, q)}?${names.join('&')}`;
}

interface LoggedRequest {
  method: string;
  url: string;
  ip?: string;
  socket?: { remotePort?: number };
}

/** pino options for the server: no cookies, credentials or query values in any line. */
export function loggerOptions(config: Pick<Config, 'logLevel' | 'nodeId'>, extra: Record<string, unknown> = {}): NonNullable<Exclude<FastifyServerOptions['logger'], boolean>> {
  return {
    level: config.logLevel,
    // With several nodes behind one proxy, each line says which one wrote it (KAKOU_NODE_ID).
    base: { pid: process.pid, node: config.nodeId },
    // Cookies and credentials never reach the log, whatever a later serializer adds.
    redact: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'],
    serializers: {
      req: (req: LoggedRequest) => ({ method: req.method, url: loggableUrl(req.url), remoteAddress: req.ip, remotePort: req.socket?.remotePort }),
    },
    ...extra,
  };
}
