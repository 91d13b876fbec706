import { Writable } from 'node:stream';

/** A stream for the app's logger (loggerOptions(config, { stream })) that keeps every line it is given, for a test to read. */
export function logCapture(): { stream: Writable; lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { stream, lines };
}
