import type { CheckRow } from './schema.js';

/** Excel reads a UTF-8 file as UTF-8 (and so Chinese text intact) only with the byte-order mark. */
export const BOM = '\uFEFF';

/**
 * One CSV cell (RFC 4180): quoted when it holds a comma, quote, CR or LF,
 * quotes doubled. A cell a spreadsheet would read as a formula (starting with
 * = + - @, or a tab / CR that some strip first) gets a leading apostrophe:
 * device payloads are outside data (CSV injection).
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export const csvLine = (cells: ReadonlyArray<string | number | null | undefined>): string => `${cells.map(csvCell).join(',')}\r\n`;

export const CSV_HEADER = {
  zh: ['记录编号', '收到时间', '设备时间', '时钟偏差(毫秒)', '卡口', '设备', '序号', '类型', '车牌', '通行证编号', '判定', '理由', '值守人员', '接收企业', '规则版本', '异常标记'],
  en: ['Event id', 'Received', 'Device time', 'Clock offset (ms)', 'Checkpoint', 'Device', 'Seq', 'Type', 'Plate', 'Pass id', 'Decision', 'Reasons', 'Staff', 'Receiving enterprise', 'Rule set', 'Flags'],
} as const;

export function csvRow(r: CheckRow): string {
  return csvLine([
    r.id,
    r.receivedAt,
    r.deviceTime,
    r.clockOffsetMs,
    r.checkpointName,
    r.deviceId,
    r.seq,
    r.type,
    r.plate,
    r.passNo,
    r.decision,
    r.reasons.join(' '),
    r.staffBadge,
    r.receivingEnterprise,
    r.ruleSetVersion,
    r.flags.join(' '),
  ]);
}

/** The whole file, as chunks of about `chunkBytes`: BOM and header first. Lazy: rows are read as the reply drains. */
export function csvChunks(rows: Iterable<CheckRow> | AsyncIterable<CheckRow>, locale: 'zh' | 'en', onEnd: (count: number, complete: boolean) => void, chunkChars = 64 * 1024): AsyncGenerator<string> {
  return csvStream(rows, CSV_HEADER[locale], csvRow, onEnd, chunkChars);
}

/**
 * Any CSV file as lazy chunks of about `chunkChars`: BOM and header first. The rows may come from
 * an async iterable (a repository on Kysely reads its keyset batches asynchronously).
 * `onEnd` runs (and is awaited) once: with complete = true after the last row, or with false and
 * the rows produced so far when the consumer stops early (a client that went
 * away: Readable.from returns the generator, which runs the finally).
 */
export async function* csvStream<T>(
  rows: Iterable<T> | AsyncIterable<T>,
  header: ReadonlyArray<string>,
  line: (row: T) => string,
  onEnd: (count: number, complete: boolean) => unknown, // awaited when it returns a promise
  chunkChars = 64 * 1024,
): AsyncGenerator<string> {
  let buf = BOM + csvLine(header);
  let count = 0;
  let complete = false;
  /** Adds a row; returns a full chunk to yield, or null. */
  const add = (r: T): string | null => {
    buf += line(r);
    count++;
    if (buf.length < chunkChars) return null;
    const chunk = buf;
    buf = '';
    return chunk;
  };
  try {
    if (Symbol.asyncIterator in rows) {
      for await (const r of rows) {
        const chunk = add(r);
        if (chunk !== null) yield chunk;
      }
    } else {
      // A synchronous source is read without an await per row.
      for (const r of rows) {
        const chunk = add(r);
        if (chunk !== null) yield chunk;
      }
    }
    if (buf) yield buf;
    complete = true;
  } finally {
    await onEnd(count, complete);
  }
}
