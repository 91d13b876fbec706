import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { csvStream } from './csv.js';

export interface AuditedCsv<T> {
  /** which search was exported, as the `audit.export` entry names it */
  view: 'checks' | 'actions' | 'anomalies';
  /** the filter as the officer gave it (recorded with the export) */
  filter: Record<string, unknown>;
  /** rows the file will hold, announced in `X-Total-Count` so a client can show progress */
  expected: number;
  rows: Iterable<T> | AsyncIterable<T>;
  header: ReadonlyArray<string>;
  line: (row: T) => string;
}

/**
 * Streams a search as CSV (BOM, header, rows read as the socket drains) and
 * puts the export on record: an `audit.export` entry before the first byte, so
 * an export the client aborts is on record too, and one at its end ('done' with
 * the rows written, or 'aborted' with the rows sent before the client left),
 * appended before the stream ends.
 */
export async function sendAuditedCsv<T>(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply, o: AuditedCsv<T>): Promise<FastifyReply> {
  const actor = request.actor!;
  const record = async (detail: Record<string, unknown>): Promise<void> => {
    await app.repos.audit.record({ actor, action: 'audit.export', ip: request.ip, detail: { format: 'csv', view: o.view, filter: o.filter, expected: o.expected, ...detail } });
  };
  await record({ stage: 'start' });
  const chunks = csvStream(o.rows, o.header, o.line, (rows, complete) => record({ stage: complete ? 'done' : 'aborted', rows }));
  const day = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  reply
    .header('cache-control', 'no-store')
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="kakou-${o.view}-${day}.csv"`)
    .header('x-total-count', String(o.expected));
  return reply.send(Readable.from(chunks, { objectMode: false }));
}
