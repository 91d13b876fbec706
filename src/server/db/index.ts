import type { Db } from './open.js';
import { auditRepo } from './audit.js';
import { enterprisesRepo } from './enterprises.js';
import { sessionsRepo } from './sessions.js';
import { usersRepo } from './users.js';

/** All repositories over one connection; services receive this, route handlers never touch SQL. */
export function repositories(db: Db) {
  return {
    db,
    users: usersRepo(db),
    sessions: sessionsRepo(db),
    enterprises: enterprisesRepo(db),
    audit: auditRepo(db),
    /** Runs fn in one transaction; everything a service changes for one request commits or rolls back together. */
    tx<T>(fn: () => T): T {
      return db.transaction(fn)();
    },
  };
}
export type Repos = ReturnType<typeof repositories>;
