import type { Db } from './db/open.js';
import type { SqliteStore } from './db/sqlite-store.js';
import type { Store } from './db/store.js';
import { DataKey } from './security/data-key.js';
import { vehiclesRepo } from './features/vehicles/repository.js';
import { peopleRepo } from './features/people/repository.js';
import { auditRepo } from './features/audit/repository.js';
import { auditTrail } from './features/audit/trail.js';
import { auditIntegrityRepo } from './features/audit/integrity-repository.js';
import { retentionRepo } from './features/retention/repository.js';
import { enterprisesRepo } from './features/enterprises/repository.js';
import { sessionsRepo } from './features/auth/sessions-repository.js';
import { usersRepo } from './features/users/repository.js';
import { passesRepo } from './features/passes/repository.js';
import { signingKeysRepo } from './features/keys/repository.js';
import { checkpointsRepo } from './features/checkpoints/repository.js';
import { staffRepo } from './features/checkpoints/staff-repository.js';
import { devicesRepo } from './features/devices/repository.js';
import { eventsRepo } from './features/ingest/repository.js';
import { auditConsoleRepo } from './features/audit-console/repository.js';
import { auditActionsRepo } from './features/audit-actions/repository.js';
import { anomaliesRepo } from './features/anomalies/repository.js';
import { ruleSetsRepo } from './features/rules/repository.js';
import { authFailuresRepo } from './features/auth/failures-repository.js';
import { apiTokensRepo } from './features/tokens/repository.js';
import { escortsRepo } from './features/escorts/repository.js';
import { webhooksRepo } from './features/webhooks/repository.js';
import { charterRepo } from './features/charter/repository.js';
import { custodyRepo } from './features/custody/repository.js';
import { rateLimitsRepo } from './features/rate-limits/repository.js';
import { signedDocumentsRepo } from './features/trust/signed-documents.js';

export interface RepositoryOptions {
  /** Where the field-encryption key lives (`data-key`); loaded, or created on first use. */
  dataDir?: string;
  dataKey?: DataKey;
  /** Check every audit record against the catalogue and throw on a mismatch (tests); default: KAKOU_AUDIT_STRICT=1. */
  strictAudit?: boolean;
}

/**
 * All repositories over one store (SQLite's or PostgreSQL's); services receive this, route handlers never
 * touch SQL. A tool that opens a SQLite file itself passes `sqliteStore(db)`.
 */
export function repositories(store: Store, opts: RepositoryOptions = {}) {
  const key = opts.dataKey ?? (opts.dataDir ? DataKey.load(opts.dataDir) : undefined);
  const dataKey = (): DataKey => {
    if (!key) throw new Error('repositories: encrypted fields need opts.dataDir or opts.dataKey');
    return key;
  };
  const sqlite = store.engine === 'sqlite' ? (store as SqliteStore).db : null;
  return {
    /** SQLite's better-sqlite3 connection (throws on PostgreSQL): for SQLite's own pragmas and file, nothing else */
    get db(): Db {
      if (!sqlite) throw new Error('repos.db is the SQLite connection: on PostgreSQL use repos.store');
      return sqlite;
    },
    /** the storage engine: Kysely (`q()`) and async transactions (`transaction()`), on SQLite or PostgreSQL (docs/database.md) */
    store,
    users: usersRepo(store),
    sessions: sessionsRepo(store),
    enterprises: enterprisesRepo(store),
    /** the audit trail: audit.record() is the one way to write the audit log */
    audit: auditTrail(auditRepo(store), { strict: opts.strictAudit ?? process.env.KAKOU_AUDIT_STRICT === '1' }),
    /** signed checkpoints of the audit log and the results of its verifications (docs/audit-log.md) */
    auditIntegrity: auditIntegrityRepo(store),
    /** retention: the period setting and the erasure of personal data past it, table by table */
    retention: retentionRepo(store),
    vehicles: vehiclesRepo(store),
    people: peopleRepo(store, dataKey),
    passes: passesRepo(store),
    signingKeys: signingKeysRepo(store),
    checkpoints: checkpointsRepo(store),
    staff: staffRepo(store),
    devices: devicesRepo(store),
    events: eventsRepo(store),
    ruleSets: ruleSetsRepo(store),
    /** issue 16: failed password checks (the guess limiter) on Kysely */
    authFailures: authFailuresRepo(store),
    /** issue 16: API tokens on Kysely */
    apiTokens: apiTokensRepo(store),
    escorts: escortsRepo(store, dataKey),
    /** webhook endpoints (secrets encrypted with the data key) and the delivery queue */
    webhooks: webhooksRepo(store, dataKey),
    /** item 7: carriers, transport needs, charter runs and their passengers (ID numbers encrypted) */
    charter: charterRepo(store, dataKey),
    /** item 7 at the checkpoint: custody tasks from charter checks, their isolation records, charter check flags */
    custody: custodyRepo(store),
    /** issue 14: the bureau's check search, event page and export (reads only; indexes of migration 015) */
    auditConsole: auditConsoleRepo(store),
    /** issue 14: the administrative action log searched (reads only; indexes of migration 018) */
    auditActions: auditActionsRepo(store),
    /** issue 14: anomalies found by the server (migration 016, a derived table) */
    anomalies: anomaliesRepo(store),
    /** issue 16: rate-limit windows shared by every node on the database (Kysely; keys stored as a keyed hash) */
    rateLimits: rateLimitsRepo(store, { hashKey: (key) => dataKey().blindIndex(key, 'rate-limit') }),
    /** issue 16: the checkpoint data and expected-runs documents every node serves (migration 024) */
    signedDocuments: signedDocumentsRepo(store),
    /** A keyed hash (HMAC with the data key) for values that must be matched but never stored in clear. */
    blindIndex: (value: string, context: string): string => dataKey().blindIndex(value, context),
  };
}
export type Repos = ReturnType<typeof repositories>;
