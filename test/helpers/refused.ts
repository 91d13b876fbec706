/** Refusals by a UNIQUE constraint, as either engine words them (docs/database.md, Known differences). */
import type { Test } from 'tap';
import { isUniqueViolation, type UniqueConstraint } from '../../src/server/db/dialect.js';

/** `fn` fails on exactly `constraint`: SQLite's `UNIQUE constraint failed: <columns>`, PostgreSQL's 23505 on the named constraint. */
export async function refusedAsDuplicate(t: Test, fn: () => Promise<unknown>, constraint: UniqueConstraint, what: string): Promise<void> {
  try {
    await fn();
    t.fail(`${what}: not refused`);
  } catch (error) {
    t.ok(isUniqueViolation(error, constraint), what, { error: (error as Error).message });
  }
}
