import type { Db } from '../../db/open.js';
import { cached } from '../../db/statement-cache.js';
import type { ApplicationInput, Pass, PassListFilter, PassStatus } from './schema.js';
import { maskIdLast4 } from '../../../core/validate/index.js';
import { chinaDate, lastDay } from '../../views/time.js';

interface PassRow {
  id: number;
  pass_no: string;
  enterprise_id: number;
  enterprise_name: string;
  vehicle_id: number;
  plate: string;
  status: PassStatus;
  valid_from: string;
  valid_to: string;
  origin_region: string;
  destination: string;
  cargo_category: Pass['cargoCategory'];
  route_note: string;
  created_at: string;
  submitted_at: string | null;
  decided_at: string | null;
  reject_reason: string | null;
  kid: string | null;
  revoked_at: string | null;
  revoke_reason: string | null;
  cancel_requested_at: string | null;
  cancel_reason: string | null;
  replaces_id: number | null;
  replaced_by_id: number | null;
}

interface CrewRow {
  pass_id: number;
  person_id: number;
  position: number;
  role: 'driver' | 'escort';
  name: string;
  id_last4: string;
}

const SELECT = `SELECT p.*, e.name AS enterprise_name, v.plate AS plate
  FROM passes p JOIN enterprises e ON e.id = p.enterprise_id JOIN vehicles v ON v.id = p.vehicle_id`;


export interface PassFilter {
  enterpriseId?: number | undefined;
  status?: PassListFilter | undefined;
  q?: string | undefined;
  limit: number;
  offset: number;
}

export function passesRepo(db: Db) {
  const prep = cached(db);
  const crewOf = prep<[number], CrewRow>(
    `SELECT pp.pass_id, pp.person_id, pp.position, pp.role, pe.name, pe.id_last4
     FROM pass_people pp JOIN people pe ON pe.id = pp.person_id WHERE pp.pass_id = ? ORDER BY pp.position`,
  );
  const toPass = (r: PassRow, now: number): Pass => ({
    id: r.id,
    passNo: r.pass_no,
    enterpriseId: r.enterprise_id,
    enterpriseName: r.enterprise_name,
    vehicleId: r.vehicle_id,
    plate: r.plate,
    people: crewOf.all(r.id).map((c) => ({ personId: c.person_id, name: c.name, role: c.role, idMasked: maskIdLast4(c.id_last4) })),
    status: r.status,
    displayStatus: r.status === 'issued' && Date.parse(r.valid_to) <= now ? 'expired' : r.status,
    validFrom: r.valid_from,
    validity: { firstDay: chinaDate(r.valid_from), lastDay: lastDay(r.valid_to) },
    validTo: r.valid_to,
    originRegion: r.origin_region,
    destination: r.destination,
    cargoCategory: r.cargo_category,
    routeNote: r.route_note,
    createdAt: r.created_at,
    submittedAt: r.submitted_at,
    decidedAt: r.decided_at,
    rejectReason: r.reject_reason,
    kid: r.kid,
    revokedAt: r.revoked_at,
    revokeReason: r.revoke_reason,
    cancelRequestedAt: r.cancel_requested_at,
    cancelReason: r.cancel_reason,
    replacesId: r.replaces_id,
    replacedById: r.replaced_by_id,
  });

  return {
    get(id: number, now = Date.now()): Pass | undefined {
      const r = prep<[number], PassRow>(`${SELECT} WHERE p.id = ?`).get(id);
      return r && toPass(r, now);
    },
    getByPassNo(passNo: string, now = Date.now()): Pass | undefined {
      const r = prep<[string], PassRow>(`${SELECT} WHERE p.pass_no = ?`).get(passNo);
      return r && toPass(r, now);
    },
    /** Driver first, then escorts: the names and ID last 4 a pass's token carries. */
    tokenCrew(id: number): Array<{ name: string; id4: string }> {
      return crewOf.all(id).map((c) => ({ name: c.name, id4: c.id_last4 }));
    },
    token(id: number): string | null {
      return (prep('SELECT token FROM passes WHERE id = ?').get(id) as { token: string | null } | undefined)?.token ?? null;
    },
    list(f: PassFilter, now = Date.now()): { items: Pass[]; total: number } {
      // issued/expired/cancel_requested are views over the stored status and the validity window.
      const where = `WHERE (@enterpriseId IS NULL OR p.enterprise_id = @enterpriseId)
        AND (@status IS NULL
          OR (@status = 'issued' AND p.status = 'issued' AND p.valid_to > @nowIso)
          OR (@status = 'expired' AND p.status = 'issued' AND p.valid_to <= @nowIso)
          OR (@status = 'cancel_requested' AND p.status = 'issued' AND p.cancel_requested_at IS NOT NULL)
          OR (@status NOT IN ('issued', 'expired', 'cancel_requested') AND p.status = @status))
        AND (@q IS NULL OR v.plate LIKE '%' || @q || '%' OR p.pass_no = @q OR e.name LIKE '%' || @q || '%')`;
      const args = { enterpriseId: f.enterpriseId ?? null, status: f.status ?? null, q: f.q || null, nowIso: new Date(now).toISOString() };
      // The approval queue reads oldest first; everything else newest first. Passes submitted in the same
      // millisecond tie: the id settles their order, so an offset page never repeats or skips one.
      const order = f.status === 'submitted' || f.status === 'cancel_requested' ? 'coalesce(p.cancel_requested_at, p.submitted_at) ASC, p.id ASC' : 'p.id DESC';
      const rows = prep<[typeof args & { limit: number; offset: number }], PassRow>(`${SELECT} ${where} ORDER BY ${order} LIMIT @limit OFFSET @offset`)
        .all({ ...args, limit: f.limit, offset: f.offset });
      const total = prep<[typeof args], { n: number }>(
          `SELECT count(*) AS n FROM passes p JOIN enterprises e ON e.id = p.enterprise_id JOIN vehicles v ON v.id = p.vehicle_id ${where}`,
        )
        .get(args)!.n;
      return { items: rows.map((r) => toPass(r, now)), total };
    },
    insert(p: { passNo: string; enterpriseId: number; createdBy: number; input: ApplicationInput; validFrom: string; validTo: string; replacesId?: number | null }): number {
      const info = prep(
          `INSERT INTO passes (pass_no, enterprise_id, vehicle_id, status, valid_from, valid_to, origin_region, destination, cargo_category, route_note, created_by, replaces_id)
           VALUES (?, ?, ?, 'draft', ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(p.passNo, p.enterpriseId, p.input.vehicleId, p.validFrom, p.validTo, p.input.originRegion, p.input.destination, p.input.cargoCategory, p.input.routeNote, p.createdBy, p.replacesId ?? null);
      const id = Number(info.lastInsertRowid);
      this.setCrew(id, p.input.driverId, p.input.escortIds);
      return id;
    },
    update(id: number, input: ApplicationInput, validFrom: string, validTo: string): void {
      prep(
        `UPDATE passes SET vehicle_id = ?, valid_from = ?, valid_to = ?, origin_region = ?, destination = ?, cargo_category = ?, route_note = ? WHERE id = ?`,
      ).run(input.vehicleId, validFrom, validTo, input.originRegion, input.destination, input.cargoCategory, input.routeNote, id);
      this.setCrew(id, input.driverId, input.escortIds);
    },
    setCrew(id: number, driverId: number, escortIds: number[]): void {
      prep('DELETE FROM pass_people WHERE pass_id = ?').run(id);
      const ins = prep('INSERT INTO pass_people (pass_id, person_id, position, role) VALUES (?, ?, ?, ?)');
      ins.run(id, driverId, 0, 'driver');
      escortIds.forEach((pid, i) => ins.run(id, pid, i + 1, 'escort'));
    },
    /** Moves status only from the expected one; returns false when another request got there first. */
    transition(id: number, from: PassStatus, to: PassStatus, fields: Record<string, string | number | null> = {}): boolean {
      const cols = Object.keys(fields);
      const sets = [`status = @to`, ...cols.map((c) => `${c} = @${c}`)].join(', ');
      return prep(`UPDATE passes SET ${sets} WHERE id = @id AND status = @from`).run({ ...fields, id, from, to }).changes === 1;
    },
    setFields(id: number, fields: Record<string, string | number | null>): void {
      const cols = Object.keys(fields);
      prep(`UPDATE passes SET ${cols.map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`).run({ ...fields, id });
    },
    /** Issued passes of an enterprise whose validity has not ended at `nowIso`. */
    inForceOf(enterpriseId: number, nowIso: string): Pass[] {
      const now = Date.parse(nowIso);
      return prep<[number, string], { id: number }>("SELECT id FROM passes WHERE enterprise_id = ? AND status = 'issued' AND valid_to > ? ORDER BY id")
        .all(enterpriseId, nowIso)
        .map((r) => this.get(r.id, now)!);
    },
    addRevocation(passNo: string, reason: string, expiresAt: number): number {
      return Number(prep('INSERT INTO revocations (pass_no, reason, expires_at) VALUES (?, ?, ?)').run(passNo, reason, expiresAt).lastInsertRowid);
    },
    revocationsSince(since: number, limit: number): Array<{ version: number; passNo: string; revokedAt: string; reason: string; expiresAt: number }> {
      return prep<[number, number], { version: number; pass_no: string; revoked_at: string; reason: string; expires_at: number }>(
          'SELECT * FROM revocations WHERE version > ? ORDER BY version LIMIT ?',
        )
        .all(since, limit)
        .map((r) => ({ version: r.version, passNo: r.pass_no, revokedAt: r.revoked_at, reason: r.reason, expiresAt: r.expires_at }));
    },
    revocationVersion(): number {
      return (prep('SELECT coalesce(max(version), 0) AS v FROM revocations').get() as { v: number }).v;
    },
    setting(key: string): string | undefined {
      return (prep('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined)?.value;
    },
  };
}
export type PassesRepo = ReturnType<typeof passesRepo>;
