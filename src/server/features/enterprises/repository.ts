import type { Selectable } from 'kysely';
import type { Store } from '../../db/store.js';
import type { DB } from '../../db/tables.js';
import { containsText, isoNow, startsWithText } from '../../db/dialect.js';
import type { Enterprise, EnterpriseInput, EnterpriseStatus } from './schema.js';

const toEnterprise = (r: Selectable<DB['enterprises']>): Enterprise => ({
  id: r.id,
  name: r.name,
  creditCode: r.credit_code,
  address: r.address,
  regionCode: r.region_code,
  dutyPhone: r.duty_phone,
  status: r.status as EnterpriseStatus, // the column's CHECK holds exactly enterpriseStatusSchema's values
  statusReason: r.status_reason,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export interface EnterpriseFilter {
  q?: string | undefined;
  status?: EnterpriseStatus | undefined;
  limit: number;
  offset: number;
}

/** The UNIQUE constraint a caller can break: one enterprise per credit code (for isUniqueViolation). */
export const ENTERPRISE_CREDIT_CODE_UNIQUE = { postgres: 'enterprises_credit_code_key', sqlite: 'enterprises.credit_code' };

/** Enterprises, on either engine: every statement through store.q(), so it joins whatever transaction is open. */
export function enterprisesRepo(store: Store) {
  const matching = (filter: EnterpriseFilter) =>
    store
      .q()
      .selectFrom('enterprises')
      // Part of the name, or the start of the credit code; ASCII case ignored and the text taken literally on both engines.
      .$if(!!filter.q, (qb) => qb.where((eb) => eb.or([containsText(eb.ref('name'), filter.q!), startsWithText(eb.ref('credit_code'), filter.q!)])))
      .$if(filter.status !== undefined, (qb) => qb.where('status', '=', filter.status!));

  async function get(id: number): Promise<Enterprise | undefined> {
    const r = await store.q().selectFrom('enterprises').selectAll().where('id', '=', id).executeTakeFirst();
    return r && toEnterprise(r);
  }

  return {
    get,
    async getByCreditCode(code: string): Promise<Enterprise | undefined> {
      const r = await store.q().selectFrom('enterprises').selectAll().where('credit_code', '=', code).executeTakeFirst();
      return r && toEnterprise(r);
    },
    async list(filter: EnterpriseFilter): Promise<{ items: Enterprise[]; total: number }> {
      const rows = await matching(filter).selectAll().orderBy('name').orderBy('id').limit(filter.limit).offset(filter.offset).execute();
      const { n } = await matching(filter)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return { items: rows.map(toEnterprise), total: Number(n) };
    },
    /** Throws on a credit code already registered (isUniqueViolation with ENTERPRISE_CREDIT_CODE_UNIQUE, on both engines). */
    async insert(e: EnterpriseInput): Promise<Enterprise> {
      const { id } = await store
        .q()
        .insertInto('enterprises')
        .values({ name: e.name, credit_code: e.creditCode, address: e.address, region_code: e.regionCode, duty_phone: e.dutyPhone })
        .returning('id')
        .executeTakeFirstOrThrow();
      return (await get(id))!;
    },
    async update(id: number, e: EnterpriseInput): Promise<void> {
      await store
        .q()
        .updateTable('enterprises')
        .set({ name: e.name, credit_code: e.creditCode, address: e.address, region_code: e.regionCode, duty_phone: e.dutyPhone, updated_at: isoNow(store) })
        .where('id', '=', id)
        .execute();
    },
    async setStatus(id: number, status: EnterpriseStatus, reason: string | null): Promise<void> {
      await store.q().updateTable('enterprises').set({ status, status_reason: reason, updated_at: isoNow(store) }).where('id', '=', id).execute();
    },
  };
}
export type EnterprisesRepo = ReturnType<typeof enterprisesRepo>;
