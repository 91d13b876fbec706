import type { Db } from '../../db/open.js';
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

interface PersonRow {
  id: number;
  enterprise_id: number;
  enterprise_name: string;
  name: string;
  role: PersonRole;
  id_number_enc: string;
  id_hmac: string;
  id_last4: string;
  phone_enc: string;
  stays: string;
  stays_declared_at: string | null;
  archived: number;
  created_at: string;
  updated_at: string;
}

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

const SELECT = `SELECT p.*, e.name AS enterprise_name FROM people p JOIN enterprises e ON e.id = p.enterprise_id`;
const NOW = `strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`;

export function peopleRepo(db: Db, dataKey: () => DataKey) {
  const byId = db.prepare<[number], PersonRow>(`${SELECT} WHERE p.id = ?`);
  const byHmac = db.prepare<[number, string], PersonRow>(`${SELECT} WHERE p.enterprise_id = ? AND p.id_hmac = ?`);

  const toPerson = (r: PersonRow): Person => {
    const key = dataKey();
    const codes = JSON.parse(r.stays) as string[];
    return {
      id: r.id,
      enterpriseId: r.enterprise_id,
      enterpriseName: r.enterprise_name,
      name: r.name,
      role: r.role,
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

  return {
    get(id: number): Person | undefined {
      const r = byId.get(id);
      return r && toPerson(r);
    },
    /** Archived people included: the ID number stays taken in its enterprise. */
    getByIdNumber(enterpriseId: number, idNumber: string): Person | undefined {
      const r = byHmac.get(enterpriseId, hmac(idNumber));
      return r && toPerson(r);
    },
    list(filter: PersonFilter): { items: Person[]; total: number } {
      const where = `WHERE (@enterpriseId IS NULL OR p.enterprise_id = @enterpriseId)
        AND (@q IS NULL OR instr(p.name, @q) > 0 OR p.id_last4 = upper(@q))
        AND (@role IS NULL OR p.role = @role)
        AND (@archived IS NULL OR p.archived = @archived)`;
      const args = {
        enterpriseId: filter.enterpriseId ?? null,
        q: filter.q || null,
        role: filter.role ?? null,
        archived: filter.status === 'all' ? null : filter.status === 'archived' ? 1 : 0,
      };
      const items = db
        .prepare<[typeof args & { limit: number; offset: number }], PersonRow>(
          `${SELECT} ${where} ORDER BY p.archived, e.name, p.name, p.id LIMIT @limit OFFSET @offset`,
        )
        .all({ ...args, limit: filter.limit, offset: filter.offset })
        .map(toPerson);
      const total = db.prepare<[typeof args], { n: number }>(`SELECT count(*) AS n FROM people p ${where}`).get(args)!.n;
      return { items, total };
    },
    insert(p: NewPerson): Person {
      const key = dataKey();
      const info = db
        .prepare(
          `INSERT INTO people (enterprise_id, name, role, id_number_enc, id_hmac, id_last4, phone_enc, stays, stays_declared_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          p.enterpriseId,
          p.name,
          p.role,
          key.encrypt(p.idNumber, ID_CONTEXT),
          hmac(p.idNumber),
          p.idNumber.slice(-4),
          key.encrypt(p.phone, PHONE_CONTEXT),
          JSON.stringify(p.stays ?? []),
          p.stays ? p.staysDeclaredAt : null,
        );
      return this.get(Number(info.lastInsertRowid))!;
    },
    /** Only the given fields change; a new ID number or phone is encrypted afresh. */
    update(
      id: number,
      patch: { name?: string; role?: PersonRole; idNumber?: string; phone?: string; stays?: { codes: string[]; declaredAt: string } },
    ): void {
      const key = dataKey();
      const sets: string[] = [];
      const args: unknown[] = [];
      const set = (column: string, value: unknown) => {
        sets.push(`${column} = ?`);
        args.push(value);
      };
      if (patch.name !== undefined) set('name', patch.name);
      if (patch.role !== undefined) set('role', patch.role);
      if (patch.idNumber !== undefined) {
        set('id_number_enc', key.encrypt(patch.idNumber, ID_CONTEXT));
        set('id_hmac', hmac(patch.idNumber));
        set('id_last4', patch.idNumber.slice(-4));
      }
      if (patch.phone !== undefined) set('phone_enc', key.encrypt(patch.phone, PHONE_CONTEXT));
      if (patch.stays !== undefined) {
        set('stays', JSON.stringify(patch.stays.codes));
        set('stays_declared_at', patch.stays.declaredAt);
      }
      if (!sets.length) return;
      db.prepare(`UPDATE people SET ${sets.join(', ')}, updated_at = ${NOW} WHERE id = ?`).run(...args, id);
    },
    setArchived(id: number, archived: boolean): void {
      db.prepare(`UPDATE people SET archived = ?, updated_at = ${NOW} WHERE id = ?`).run(archived ? 1 : 0, id);
    },
    /** The full ID number and phone. Only the audited bureau reveal may call this. */
    reveal(id: number): { idNumber: string; phone: string } | undefined {
      const r = db.prepare<[number], Pick<PersonRow, 'id_number_enc' | 'phone_enc'>>('SELECT id_number_enc, phone_enc FROM people WHERE id = ?').get(id);
      if (!r) return undefined;
      const key = dataKey();
      return { idNumber: key.decrypt(r.id_number_enc, ID_CONTEXT), phone: key.decrypt(r.phone_enc, PHONE_CONTEXT) };
    },
    /**
     * Whether a submitted or issued pass that has not yet ended carries this
     * person: their name and ID last 4 are then signed into it and must not change.
     */
    onLivePass(id: number): boolean {
      return !!db
        .prepare<[number], { x: number }>(
          `SELECT 1 AS x FROM pass_people pp JOIN passes ps ON ps.id = pp.pass_id
           WHERE pp.person_id = ? AND ps.status IN ('submitted', 'issued') AND ps.valid_to > ${NOW} LIMIT 1`,
        )
        .get(id);
    },
  };
}
export type PeopleRepo = ReturnType<typeof peopleRepo>;
