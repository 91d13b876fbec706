import { REASONS, isReasonCode, render } from '../../../core/rules/reasons.js';
import type { DutySheetSource } from '../webhooks/duty-sheet.js';
import type { Repos } from '../../repositories.js';

/**
 * The duty sheet's rows: the enterprise's requests still waiting at a
 * checkpoint (open or dispatched), with names and masked IDs only. Reasons
 * are stored as codes without their facts, so they print as the catalogue's
 * Chinese wording with blanks for the details.
 */
export function escortDutySheet(repos: Pick<Repos, 'escorts'>): DutySheetSource {
  return async (enterpriseId) =>
    (await repos.escorts.list({ enterpriseId, status: 'active', limit: 200, offset: 0 })).items
      .filter((r) => r.status === 'open' || r.status === 'dispatched')
      .map((r) => ({
        plate: r.plate,
        checkpointName: r.checkpoint.name,
        checkpointLocation: r.checkpoint.location,
        waitingSince: r.waitingSince,
        people: r.people.map((p) => ({ name: p.name ?? '（证外人员）', maskedId: p.idMasked })),
        reasons: r.reasons.map((code) => (isReasonCode(code) ? render(REASONS[code].zh, {}) : code)),
      }));
}
