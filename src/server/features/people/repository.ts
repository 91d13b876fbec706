import type { Selectable } from 'kysely';
import type { Store } from '../../db/store.js';
import type { DB } from '../../db/tables.js';
import { containsText, isoNow } from '../../db/dialect.js';
import type { DataKey } from '../../security/data-key.js';
import { lookupRegion, maskCitizenId, maskPhone } from '../../../core/validate/index.js';
import type { Person, PersonRole } from './schema.js';
import type { RecordStatus } from '../vehicles/schema.js';

/**
 * People of an enterprise (drivers, escorts). The full citizen ID number and
 * phone are only ever written as AES-256-GCM ciphertext (the key is outside the
 * database); `id_hmac` is a keyed blind index for finding duplicates and
 * `id_last4` is kept in clear for the pass. Everything this repository returns
 * is masked; the one way to the full values is `reveal`, which only the
 * audited bureau action calls.
 */

export const ID_CONTEXT = 'people.id_number';
export const PHONE_CONTEXT = 'people.phone';
const HMAC_CONTEXT = 'people.id_hmac';

/** A people row with its enterprise's name, as every read selects it. */
type PersonRow = Selectable<DB['people']> & { enterprise_name: string };

/** 武汉市 → 湖北省 武汉市; an unknown code (retired after the data snapshot) shows as itself. */
export function regionLabel(code: string): string {
  const r = lookupRegion(code);
  if (!r) return code;
  return [...r.parents.map((p) => p.name), r.name].join(' ');
}

export interface NewPerson {
  enterpriseId: number;
  name: string;
  role: PersonRole;
  /** Normalised, validated 18-character ID. */
  idNumber: string;
  phone: string;
  stays: string[] | null;
  staysDeclaredAt: string | null;
}

export interface PersonFilter {
  enterpriseId?: number | undefined;
  q?: string | undefined;
  role?: PersonRole | undefined;
  status: RecordStatus;
  limit: number;
  offset: number;
}

/** The one UNIQUE constraint a caller can break: one ID number (by its blind index) per enterprise. */
export const PERSON_ID_UNIQUE = { postgres: 'people_enterprise_id_id_hmac_key', sqlite: 'people.enterprise_id, people.id_hmac' };

/** People, on either engine (issue 16): every statement through store.q(), so it joins whatever transaction is open. */
export function peopleRepo(store: Store, dataKey: () => DataKey) {
  const withEnterprise = () =>
    store.q().selectFrom('people as p').innerJoin('enterprises as e', 'e.id', 'p.enterprise_id').selectAll('p').select('e.name as enterprise_name');

  const matching = (filter: PersonFilter) => {
    const archived = filter.status === 'all' ? undefined : filter.status === 'archived' ? 1 : 0;
    const q = filter.q || undefined;
    return store
      .q()
      .selectFrom('people as p')
      .$if(filter.enterpriseId !== undefined, (qb) => qb.where('p.enterprise_id', '=', filter.enterpriseId!))
      // Part of the name (taken literally), or exactly the last four of the ID number.
      .$if(q !== undefined, (qb) => qb.where((eb) => eb.or([containsText(eb.ref('p.name'), q!), eb('p.id_last4', '=', q!.toUpperCase())])))
      .$if(filter.role !== undefined, (qb) => qb.where('p.role', '=', filter.role!))
      .$if(archived !== undefined, (qb) => qb.where('p.archived', '=', archived!));
  };

  const toPerson = (r: PersonRow): Person => {
    const key = dataKey();
    const codes = JSON.parse(r.stays) as string[];
    return {
      id: r.id,
      enterpriseId: r.enterprise_id,
      enterpriseName: r.enterprise_name,
      name: r.name,
      role: r.role as PersonRole, // the column's CHECK holds exactly personRoleSchema's values
      idMasked: maskCitizenId(key.decrypt(r.id_number_enc, ID_CONTEXT)),
      idLast4: r.id_last4,
      phoneMasked: maskPhone(key.decrypt(r.phone_enc, PHONE_CONTEXT)),
      stays: codes.map((code) => ({ code, name: regionLabel(code) })),
      staysDeclaredAt: r.stays_declared_at,
      archived: r.archived === 1,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    };
  };
  const hmac = (idNumber: string) => dataKey().blindIndex(idNumber, HMAC_CONTEXT);

  async function get(id: number): Promise<Person | undefined> {
    const r = await withEnterprise().where('p.id', '=', id).executeTakeFirst();
    return r && toPerson(r);
  }

  return {
    get,
    /** Archived people included: the ID number stays taken in its enterprise. */
    async getByIdNumber(enterpriseId: number, idNumber: string): Promise<Person | undefined> {
      const r = await withEnterprise().where('p.enterprise_id', '=', enterpriseId).where('p.id_hmac', '=', hmac(idNumber)).executeTakeFirst();
      return r && toPerson(r);
    },
    async list(filter: PersonFilter): Promise<{ items: Person[]; total: number }> {
      const rows = await matching(filter)
        .innerJoin('enterprises as e', 'e.id', 'p.enterprise_id')
        .selectAll('p')
        .select('e.name as enterprise_name')
        .orderBy('p.archived')
        .orderBy('e.name')
        .orderBy('p.name')
        .orderBy('p.id')
        .limit(filter.limit)
        .offset(filter.offset)
        .execute();
      const { n } = await matching(filter)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return { items: rows.map(toPerson), total: Number(n) };
    },
    /** Throws on an ID number the enterprise already has (isUniqueViolation with PERSON_ID_UNIQUE, on both engines). */
    async insert(p: NewPerson): Promise<Person> {
      const key = dataKey();
      const { id } = await store
        .q()
        .insertInto('people')
        .values({
          enterprise_id: p.enterpriseId,
          name: p.name,
          role: p.role,
          id_number_enc: key.encrypt(p.idNumber, ID_CONTEXT),
          id_hmac: hmac(p.idNumber),
          id_last4: p.idNumber.slice(-4),
          phone_enc: key.encrypt(p.phone, PHONE_CONTEXT),
          stays: JSON.stringify(p.stays ?? []),
          stays_declared_at: p.stays ? p.staysDeclaredAt : null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return (await get(id))!;
    },
    /** Only the given fields change; a new ID number or phone is encrypted afresh. */
    async update(
      id: number,
      patch: { name?: string; role?: PersonRole; idNumber?: string; phone?: string; stays?: { codes: string[]; declaredAt: string } },
    ): Promise<void> {
      const key = dataKey();
      const set: Partial<Record<'name' | 'role' | 'id_number_enc' | 'id_hmac' | 'id_last4' | 'phone_enc' | 'stays' | 'stays_declared_at', string>> = {};
      if (patch.name !== undefined) set.name = patch.name;
      if (patch.role !== undefined) set.role = patch.role;
      if (patch.idNumber !== undefined) {
        set.id_number_enc = key.encrypt(patch.idNumber, ID_CONTEXT);
        set.id_hmac = hmac(patch.idNumber);
        set.id_last4 = patch.idNumber.slice(-4);
      }
      if (patch.phone !== undefined) set.phone_enc = key.encrypt(patch.phone, PHONE_CONTEXT);
      if (patch.stays !== undefined) {
        set.stays = JSON.stringify(patch.stays.codes);
        set.stays_declared_at = patch.stays.declaredAt;
      }
      if (Object.keys(set).length === 0) return;
      await store
        .q()
        .updateTable('people')
        .set({ ...set, updated_at: isoNow(store) })
        .where('id', '=', id)
        .execute();
    },
    async setArchived(id: number, archived: boolean): Promise<void> {
      await store
        .q()
        .updateTable('people')
        .set({ archived: archived ? 1 : 0, updated_at: isoNow(store) })
        .where('id', '=', id)
        .execute();
    },
    /** The full ID number and phone. Only the audited bureau reveal may call this. */
    async reveal(id: number): Promise<{ idNumber: string; phone: string } | undefined> {
      const r = await store.q().selectFrom('people').select(['id_number_enc', 'phone_enc']).where('id', '=', id).executeTakeFirst();
      if (!r) return undefined;
      const key = dataKey();
      return { idNumber: key.decrypt(r.id_number_enc, ID_CONTEXT), phone: key.decrypt(r.phone_enc, PHONE_CONTEXT) };
    },
    /**
     * Whether a submitted or issued pass that has not yet ended carries this
     * person: their name and ID last 4 are then signed into it and must not change.
     */
    async onLivePass(id: number): Promise<boolean> {
      const r = await store
        .q()
        .selectFrom('pass_people as pp')
        .innerJoin('passes as ps', 'ps.id', 'pp.pass_id')
        .select('ps.id')
        .where('pp.person_id', '=', id)
        .where('ps.status', 'in', ['submitted', 'issued'])
        .where('ps.valid_to', '>', isoNow(store))
        .limit(1)
        .executeTakeFirst();
      return r !== undefined;
    },
  };
}
export type PeopleRepo = ReturnType<typeof peopleRepo>;
