import { randomBytes } from 'node:crypto';

let lastMs = 0;
let counter = 0;

/**
 * A delivery's id (x-kakou-delivery): a UUID of version 7 (RFC 9562), whose text sorts in the order this
 * process made them, the millisecond first and then a 12-bit counter (method 1 of the RFC), the rest
 * random. The delivery queue settles deliveries queued in one instant by the order queued: SQLite has
 * it as the rowid, PostgreSQL has no rowid and orders them by this id (repository.ts, `queued`).
 */
export function deliveryId(nowMs: number = Date.now()): string {
  if (nowMs > lastMs) {
    lastMs = nowMs;
    counter = 0;
  } else if (++counter > 0xfff) {
    // 4096 in one millisecond (or the clock went back): borrow the next millisecond.
    lastMs += 1;
    counter = 0;
  }
  const b = randomBytes(16);
  b.writeUIntBE(lastMs, 0, 6);
  b[6] = 0x70 | (counter >> 8);
  b[7] = counter & 0xff;
  b[8] = 0x80 | (b[8]! & 0x3f);
  const hex = b.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
