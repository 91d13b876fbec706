import type { Db } from './open.js';
import { DataKey } from '../security/data-key.js';
import { vehiclesRepo } from './vehicles.js';
import { peopleRepo } from './people.js';
import { auditRepo } from './audit.js';
import { enterprisesRepo } from './enterprises.js';
import { sessionsRepo } from './sessions.js';
import { usersRepo } from './users.js';
import { passesRepo } from './passes.js';
import { signingKeysRepo } from './signing-keys.js';
import { checkpointsRepo } from './checkpoints.js';
import { staffRepo } from './staff.js';
import { devicesRepo } from './devices.js';
import { eventsRepo } from './events.js';
import { ruleSetsRepo } from './rule-sets.js';
import { authFailuresRepo } from './auth-failures.js';

export interface RepositoryOptions {
  /** Where the field-encryption key lives (`data-key`); loaded, or created on first use. */
  dataDir?: string;
  dataKey?: DataKey;
}

/** All repositories over one connection; services receive this, route handlers never touch SQL. */
export function repositories(db: Db, opts: RepositoryOptions = {}) {
  const key = opts.dataKey ?? (opts.dataDir ? DataKey.load(opts.dataDir) : undefined);
  const dataKey = (): DataKey => {
    if (!key) throw new Error('repositories: encrypted fields need opts.dataDir or opts.dataKey');
    return key;
  };
  return {
    db,
    users: usersRepo(db),
    sessions: sessionsRepo(db),
    enterprises: enterprisesRepo(db),
    audit: auditRepo(db),
    vehicles: vehiclesRepo(db),
    people: peopleRepo(db, dataKey),
    passes: passesRepo(db),
    signingKeys: signingKeysRepo(db),
    checkpoints: checkpointsRepo(db),
    staff: staffRepo(db),
    devices: devicesRepo(db),
    events: eventsRepo(db),
    ruleSets: ruleSetsRepo(db),
    authFailures: authFailuresRepo(db),
    /** A keyed hash (HMAC with the data key) for values that must be matched but never stored in clear. */
    blindIndex: (value: string, context: string): string => dataKey().blindIndex(value, context),
    /** Runs fn in one transaction; everything a service changes for one request commits or rolls back together. */
    tx<T>(fn: () => T): T {
      return db.transaction(fn)();
    },
  };
}
export type Repos = ReturnType<typeof repositories>;
