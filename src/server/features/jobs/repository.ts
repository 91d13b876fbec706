import { sql } from 'kysely';
import type { Store } from '../../db/store.js';

export interface AcquireOptions {
  /** The node's clock (epoch ms). */
  now: number;
  /** When the lease lapses if this node dies before it releases it (epoch ms). */
  leaseUntil: number;
  /** For a periodic job: taken only if the last run started at or before this (epoch ms); otherwise it is not due. */
  lastStartedBefore?: number;
}

export interface JobLease {
  name: string;
  holder: string | null;
  leaseUntil: number;
  lastStartedAt: number | null;
  lastEndedAt: number | null;
  lastOutcome: 'ok' | 'failed' | null;
  lastError: string | null;
}

/**
 * One lease row per background job, shared by every node on the database (issue 16; migration 022).
 * Kysely over a Store, the same on SQLite and PostgreSQL.
 */
export function jobLeasesRepo(store: Store) {
  return {
    /**
     * Takes the job's lease in ONE conditional upsert: the row is created, or taken over when no run holds
     * it, when its holder's lease has lapsed (that node died), or when it is already this node's; and, for
     * a periodic job, only when the last run started long enough ago. True when this node now holds it.
     * On PostgreSQL two nodes racing for the row serialise on its lock, and the second re-checks the
     * condition against the first one's row, so exactly one wins.
     */
    async acquire(name: string, holder: string, { now, leaseUntil, lastStartedBefore }: AcquireOptions): Promise<boolean> {
      const free = sql<boolean>`(job_leases.holder IS NULL OR job_leases.lease_until <= ${Math.trunc(now)} OR job_leases.holder = ${holder})`;
      const due =
        lastStartedBefore === undefined
          ? sql<boolean>`1 = 1`
          : sql<boolean>`(job_leases.last_started_at IS NULL OR job_leases.last_started_at <= ${Math.trunc(lastStartedBefore)})`;
      const row = await store
        .q()
        .insertInto('job_leases')
        .values({ name, holder, lease_until: Math.trunc(leaseUntil), last_started_at: Math.trunc(now) })
        .onConflict((oc) =>
          oc
            .column('name')
            .doUpdateSet({
              holder: (eb) => eb.ref('excluded.holder'),
              lease_until: (eb) => eb.ref('excluded.lease_until'),
              last_started_at: (eb) => eb.ref('excluded.last_started_at'),
            })
            .where(sql<boolean>`${free} AND ${due}`),
        )
        .returning('name')
        .executeTakeFirst();
      return row !== undefined;
    },

    /**
     * Ends this node's run: the lease is freed and the outcome recorded. False (nothing written) when the
     * lease is no longer this node's: it lapsed and another node took the job over.
     */
    async release(name: string, holder: string, { now, outcome, error }: { now: number; outcome: 'ok' | 'failed'; error?: string | null }): Promise<boolean> {
      const r = await store
        .q()
        .updateTable('job_leases')
        .set({ holder: null, lease_until: 0, last_ended_at: Math.trunc(now), last_outcome: outcome, last_error: error ? error.slice(0, 500) : null })
        .where('name', '=', name)
        .where('holder', '=', holder)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },

    async get(name: string): Promise<JobLease | null> {
      const r = await store.q().selectFrom('job_leases').selectAll().where('name', '=', name).executeTakeFirst();
      if (!r) return null;
      return {
        name: r.name,
        holder: r.holder,
        leaseUntil: Number(r.lease_until),
        lastStartedAt: r.last_started_at === null ? null : Number(r.last_started_at),
        lastEndedAt: r.last_ended_at === null ? null : Number(r.last_ended_at),
        lastOutcome: r.last_outcome as JobLease['lastOutcome'],
        lastError: r.last_error,
      };
    },
  };
}
export type JobLeasesRepo = ReturnType<typeof jobLeasesRepo>;
