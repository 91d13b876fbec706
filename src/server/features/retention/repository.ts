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
