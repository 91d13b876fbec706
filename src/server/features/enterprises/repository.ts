import type { Db } from '../../db/open.js';
import { cached } from '../../db/statement-cache.js';
import type { Enterprise, EnterpriseInput, EnterpriseStatus } from './schema.js';

interface EnterpriseRow {
  id: number;
  name: string;
  credit_code: string;
  address: string;
  region_code: string;
  duty_phone: string;
  status: EnterpriseStatus;
  status_reason: string | null;
  created_at: string;
  updated_at: string;
}

const toEnterprise = (r: EnterpriseRow): Enterprise => ({
  id: r.id,
  name: r.name,
  creditCode: r.credit_code,
  address: r.address,
  regionCode: r.region_code,
  dutyPhone: r.duty_phone,
  status: r.status,
  statusReason: r.status_reason,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export function enterprisesRepo(db: Db) {
  const prep = cached(db);
  return {
    get(id: number): Enterprise | undefined {
      const r = prep<[number], EnterpriseRow>('SELECT * FROM enterprises WHERE id = ?').get(id);
      return r && toEnterprise(r);
    },
    getByCreditCode(code: string): Enterprise | undefined {
      const r = prep<[string], EnterpriseRow>('SELECT * FROM enterprises WHERE credit_code = ?').get(code);
      return r && toEnterprise(r);
    },
    list(filter: { q?: string | undefined; status?: EnterpriseStatus | undefined; limit: number; offset: number }): { items: Enterprise[]; total: number } {
      const where = `WHERE (@q IS NULL OR name LIKE '%' || @q || '%' OR credit_code LIKE @q || '%') AND (@status IS NULL OR status = @status)`;
      const args = { q: filter.q || null, status: filter.status ?? null };
      const items = prep<[typeof args & { limit: number; offset: number }], EnterpriseRow>(`SELECT * FROM enterprises ${where} ORDER BY name, id LIMIT @limit OFFSET @offset`)
        .all({ ...args, limit: filter.limit, offset: filter.offset })
        .map(toEnterprise);
      const total = (prep<[typeof args], { n: number }>(`SELECT count(*) AS n FROM enterprises ${where}`).get(args))!.n;
      return { items, total };
    },
    insert(e: EnterpriseInput): Enterprise {
      const info = prep('INSERT INTO enterprises (name, credit_code, address, region_code, duty_phone) VALUES (?, ?, ?, ?, ?)')
        .run(e.name, e.creditCode, e.address, e.regionCode, e.dutyPhone);
      return this.get(Number(info.lastInsertRowid))!;
    },
    update(id: number, e: EnterpriseInput): void {
      prep(
        `UPDATE enterprises SET name = ?, credit_code = ?, address = ?, region_code = ?, duty_phone = ?,
         updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?`,
      ).run(e.name, e.creditCode, e.address, e.regionCode, e.dutyPhone, id);
    },
    setStatus(id: number, status: EnterpriseStatus, reason: string | null): void {
      prep(
        `UPDATE enterprises SET status = ?, status_reason = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?`,
      ).run(status, reason, id);
    },
  };
}
export type EnterprisesRepo = ReturnType<typeof enterprisesRepo>;
