import type { Db } from '../../db/open.js';
import { ERASED, ERASED_OTHER } from '../../../core/audit/retention.js';

/** settings.key of the retention period in days */
export const RETENTION_DAYS_KEY = 'retention.days';

/** One retention run's bounds: rows recorded before `before` (ISO UTC), isolations ended before `day` (China date). */
export interface Cutoff {
  before: string;
  day: string;
  /** written to events.redacted_at and escort_requests.redacted_at */
  now: string;
}

// Each SQL expression below is the one migration 017's triggers compare against: a change of a
// personal column to anything else is refused by the database.
const M = `'${ERASED}'`;
const eventPayload = `json_remove(json_replace(payload, '$.escortName', ${M}), '$.escortPhoneLast4')`;
const eventCanonical = `json_remove(json_replace(canonical, '$.payload.escortName', ${M}), '$.payload.escortPhoneLast4')`;
const timelineDetail = `json_remove(json_replace(detail, '$.escortName', ${M}, '$.responsible', ${M}), '$.phoneLast4')`;
const webhookPayload = `json_remove(json_replace(payload, '$.data.escortName', ${M}, '$.data.responsible', ${M}), '$.data.phoneLast4')`;

/** A request whose personal fields may go: closed before the cut-off, every isolation ended before it. */
const ERASABLE_REQUEST = `r.status = 'closed' AND r.redacted_at IS NULL AND r.closed_at < @before
  AND NOT EXISTS (SELECT 1 FROM escort_isolations i WHERE i.request_id = r.id AND (i.ended_on IS NULL OR i.ended_on >= @day))`;

/**
 * The erasure of personal data after the retention period, table by table
 * (docs/audit-log.md has the inventory). Each step erases at most `limit` rows
 * and returns how many it changed; the service calls it until 0, one
 * transaction per batch. Each step only picks rows not yet erased, so a
 * second run changes nothing.
 */
export function retentionRepo(db: Db) {
  const run = (sql: string, params: Record<string, unknown>): number => db.prepare(sql).run(params).changes;
  return {
    days(): number | null {
      const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(RETENTION_DAYS_KEY) as { value: string } | undefined;
      return row ? Number(row.value) : null;
    },
    setDays(days: number): void {
      db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(RETENTION_DAYS_KEY, String(days));
    },

    /** escort_requests: people's names and masked IDs, the escort's name and phone, the handover's name and phone suffix. */
    escortRequests(c: Cutoff, limit: number): number {
      return run(
        `UPDATE escort_requests SET
           people = (SELECT json_group_array(json(json_replace(p.value, '$.name', ${M}, '$.idMasked', ${M}))) FROM json_each(escort_requests.people) p),
           escort_name = CASE WHEN escort_name IS NULL THEN NULL ELSE ${M} END,
           escort_phone_enc = NULL, escort_phone_last4 = NULL, handover_phone_last4 = NULL,
           handover_escort_name = CASE WHEN handover_escort_name IS NULL THEN NULL WHEN escort_mismatch = 1 THEN '${ERASED_OTHER}' ELSE ${M} END,
           redacted_at = @now
         WHERE id IN (SELECT r.id FROM escort_requests r WHERE ${ERASABLE_REQUEST} ORDER BY r.id LIMIT @limit)`,
        { ...c, limit },
      );
    },
    /** escort_isolations.responsible of erased requests (their isolations all ended before the cut-off). */
    escortIsolations(c: Cutoff, limit: number): number {
      return run(
        `UPDATE escort_isolations SET responsible = ${M}
         WHERE id IN (SELECT i.id FROM escort_isolations i JOIN escort_requests r ON r.id = i.request_id
                      WHERE r.redacted_at IS NOT NULL AND i.ended_on IS NOT NULL AND i.responsible IS NOT ${M} LIMIT @limit)`,
        { limit },
      );
    },
    /** escort_timeline details (escort names, phone suffixes, the responsible person) of erased requests. */
    escortTimeline(c: Cutoff, limit: number): number {
      return run(
        `UPDATE escort_timeline SET detail = ${timelineDetail}
         WHERE id IN (SELECT t.id FROM escort_timeline t JOIN escort_requests r ON r.id = t.request_id
                      WHERE r.redacted_at IS NOT NULL AND t.detail IS NOT json_remove(json_replace(t.detail, '$.escortName', ${M}, '$.responsible', ${M}), '$.phoneLast4')
                      LIMIT @limit)`,
        { limit },
      );
    },
    /**
     * escort_handover events received before the cut-off, unless the request they complete is
     * still kept (open, or not yet past the period): payload and canonical lose the escort's
     * name and phone suffix; hash, sig and prev_hash stay.
     */
    handoverEvents(c: Cutoff, limit: number): number {
      return run(
        `UPDATE events SET payload = ${eventPayload}, canonical = ${eventCanonical}, redacted_at = @now
         WHERE id IN (SELECT e.id FROM events e
                      WHERE e.type = 'escort_handover' AND e.redacted_at IS NULL AND e.received_at < @before
                        AND NOT EXISTS (SELECT 1 FROM escort_requests r
                                        WHERE r.check_event_id = json_extract(e.payload, '$.checkEventId') AND r.redacted_at IS NULL)
                      LIMIT @limit)`,
        { ...c, limit },
      );
    },
    /** Twins of events (same id, other content) first received before the cut-off: the same members. */
    eventConflicts(c: Cutoff, limit: number): number {
      return run(
        `UPDATE event_conflicts SET canonical = ${eventCanonical}
         WHERE id IN (SELECT x.id FROM event_conflicts x
                      WHERE x.first_received_at < @before AND json_valid(x.canonical)
                        AND x.canonical IS NOT json_remove(json_replace(x.canonical, '$.payload.escortName', ${M}), '$.payload.escortPhoneLast4')
                        AND NOT EXISTS (SELECT 1 FROM escort_requests r
                                        WHERE r.check_event_id = json_extract(x.canonical, '$.payload.checkEventId') AND r.redacted_at IS NULL)
                      LIMIT @limit)`,
        { ...c, limit },
      );
    },
    /** charter_custody_isolations.responsible of isolations ended before the cut-off. */
    custodyIsolations(c: Cutoff, limit: number): number {
      return run(
        `UPDATE charter_custody_isolations SET responsible = ${M}
         WHERE id IN (SELECT id FROM charter_custody_isolations
                      WHERE ended_on IS NOT NULL AND ended_on < @day AND responsible IS NOT ${M} LIMIT @limit)`,
        { ...c, limit },
      );
    },
    /**
     * charter_runs whose window ended before the cut-off (approved or never approved alike), unless a
     * custody task of the run has an isolation not ended before the cut-off day (or none recorded
     * yet): the driver's name, ID and phone. Marks the run (redacted_at), which lets migration 019's
     * triggers admit the erasure of its passengers and its pass.
     */
    charterRuns(c: Cutoff, limit: number): number {
      return run(
        `UPDATE charter_runs SET driver_name = ${M}, driver_id_enc = ${M}, driver_id_last4 = '****', driver_phone_enc = ${M}, redacted_at = @now
         WHERE id IN (SELECT r.id FROM charter_runs r
                      WHERE r.redacted_at IS NULL AND r.arrival_by < @before
                        AND NOT EXISTS (SELECT 1 FROM charter_custody t LEFT JOIN charter_custody_isolations i ON i.custody_id = t.id
                                        WHERE t.run_id = r.id AND (i.ended_on IS NULL OR i.ended_on >= @day))
                      ORDER BY r.id LIMIT @limit)`,
        { ...c, limit },
      );
    },
    /** charter_passengers of erased runs: name, ID (ciphertext, blind index, last four), phone, declared stays. */
    charterPassengers(c: Cutoff, limit: number): number {
      return run(
        `UPDATE charter_passengers SET name = ${M}, id_number_enc = ${M}, id_hmac = 'erased:' || id, id_last4 = '****', phone_enc = ${M}, stays = '[]'
         WHERE id IN (SELECT p.id FROM charter_passengers p JOIN charter_runs r ON r.id = p.run_id
                      WHERE r.redacted_at IS NOT NULL AND p.name IS NOT ${M} ORDER BY p.id LIMIT @limit)`,
        { limit },
      );
    },
    /** charter_passes.jws of erased runs (the signed pass names the driver with an ID suffix), once expired. */
    charterPasses(c: Cutoff, limit: number): number {
      return run(
        `UPDATE charter_passes SET jws = ${M}
         WHERE id IN (SELECT p.id FROM charter_passes p JOIN charter_runs r ON r.id = p.run_id
                      WHERE r.redacted_at IS NOT NULL AND p.jws IS NOT ${M} AND p.exp < CAST(strftime('%s', r.redacted_at) AS INTEGER)
                      ORDER BY p.id LIMIT @limit)`,
        { limit },
      );
    },
    /** charter_needs' contact, once the need's last day is before the cut-off and it was cancelled or every run serving it is erased. */
    charterNeeds(c: Cutoff, limit: number): number {
      return run(
        `UPDATE charter_needs SET contact_name = ${M}, contact_phone = ${M}
         WHERE id IN (SELECT n.id FROM charter_needs n
                      WHERE n.contact_name IS NOT ${M} AND n.latest_date < @day
                        AND (n.status = 'cancelled'
                             OR NOT EXISTS (SELECT 1 FROM charter_run_needs rn JOIN charter_runs r ON r.id = rn.run_id
                                            WHERE rn.need_id = n.id AND r.redacted_at IS NULL))
                      ORDER BY n.id LIMIT @limit)`,
        { ...c, limit },
      );
    },
    /** Webhook bodies already delivered (or given up) before the cut-off: escort names, phone suffixes, responsible persons. */
    webhookDeliveries(c: Cutoff, limit: number): number {
      return run(
        `UPDATE webhook_deliveries SET payload = ${webhookPayload}
         WHERE id IN (SELECT id FROM webhook_deliveries
                      WHERE status <> 'pending' AND created_at < @before AND json_valid(payload)
                        AND payload IS NOT json_remove(json_replace(payload, '$.data.escortName', ${M}, '$.data.responsible', ${M}), '$.data.phoneLast4')
                      LIMIT @limit)`,
        { ...c, limit },
      );
    },
    /**
     * passes.token of passes that expired before the cut-off: the signed pass names its crew with
     * the last four ID characters, and an expired pass is never printed or scanned again. The pass
     * row (number, plate, enterprise, dates, status, who approved or revoked it) stays, so counts,
     * the audit trail and the checks that presented it keep their meaning; the crew's master data
     * (`people`) belongs to the enterprise's current list and is not the retention run's.
     */
    passTokens(c: Cutoff, limit: number): number {
      return run(
        `UPDATE passes SET token = NULL
         WHERE id IN (SELECT id FROM passes WHERE token IS NOT NULL AND valid_to < @before ORDER BY id LIMIT @limit)`,
        { ...c, limit },
      );
    },
    /**
     * audit_personal rows of entries recorded before the cut-off, except those about an escort
     * request still kept (its dispatch and handover stay readable in the log while it is open).
     */
    auditPersonal(c: Cutoff, limit: number): number {
      return run(
        `DELETE FROM audit_personal WHERE seq IN (
           SELECT l.seq FROM audit_personal p JOIN audit_log l ON l.seq = p.seq
           WHERE l.at < @before
             AND NOT (l.subject_type = 'escort_request'
                      AND EXISTS (SELECT 1 FROM escort_requests r WHERE CAST(r.id AS TEXT) = l.subject_id AND r.redacted_at IS NULL))
           LIMIT @limit)`,
        { ...c, limit },
      );
    },
  };
}
export type RetentionRepo = ReturnType<typeof retentionRepo>;
