import { verifyPass, type VerifyPassResult } from '../../../core/pass/index.js';
import { decide, passEnterpriseId, staysAfter, type RuleSet } from '../../../core/rules/index.js';
import { Problem } from '../../problem.js';
import type { MessageKey } from '../../i18n/messages.js';
import type { KeysService } from '../keys/service.js';
import type { TrustService } from '../trust/service.js';
import type { EvaluateBody, EvaluateResponse } from './schema.js';

const invalid = (path: string, message: MessageKey) => new Problem('validation', { errors: [{ path, message }] });

/**
 * The online check: the same rules engine the scanner runs offline
 * (src/core/rules decide), fed from the server's live data — its own
 * published pass keys, its revocations and its enterprise directory. Nothing
 * is recorded: this is the playground's engine and the integration point for
 * other handheld terminals.
 */
export function checksService(trust: TrustService, keys: Pick<KeysService, 'publishedKeys'>) {
  async function ruleSetFor(selector: EvaluateBody['ruleSet'], now: Date): Promise<{ ruleSet: RuleSet; source: 'active' | 'draft' | 'version' }> {
    const rules = trust.rules;
    if (selector === 'active') return { ruleSet: await rules.activeRuleSet(now), source: 'active' };
    if (selector === 'draft') {
      const draft = (await rules.draftRuleSet?.(now)) ?? null;
      if (!draft) throw invalid('body.ruleSet', 'checks.err.no_draft');
      return { ruleSet: draft, source: 'draft' };
    }
    const found = (await rules.ruleSetByVersion?.(selector)) ?? null;
    if (!found) throw invalid('body.ruleSet', 'checks.err.rule_set_unknown');
    return { ruleSet: found, source: 'version' };
  }

  return {
    async evaluate(body: EvaluateBody): Promise<EvaluateResponse> {
      const now = body.now === undefined ? new Date() : new Date(body.now);
      const future = staysAfter(body.observed, now.getTime());
      if (future.length > 0) {
        throw new Problem('validation', { errors: future.map(([i, j]) => ({ path: `body.observed.people.${i}.stays.${j}.lastDay`, message: 'checks.err.stay_future' as const })) });
      }
      const { ruleSet, source } = await ruleSetFor(body.ruleSet, now);

      let result: VerifyPassResult | null = null;
      if (body.qrText !== null) {
        result = await verifyPass(body.qrText, {
          keys: await keys.publishedKeys(now, 'pass'),
          now,
          clockToleranceSec: ruleSet.clockToleranceSec,
          isRevoked: (jti) => trust.isRevoked(jti),
        });
      }

      // With an authentic pass, its own enterprise receives the vehicle; without one, the enterprise staff picked.
      const claims = result?.claims ?? null;
      const passEnt = claims ? passEnterpriseId(claims) : null;
      let receivingEnterprise: EvaluateResponse['receivingEnterprise'] = null;
      if (passEnt !== null) {
        const info = await trust.enterpriseInfo(passEnt);
        receivingEnterprise = info && { ...info, from: 'pass' };
      } else if (body.receivingEnterpriseUscc !== undefined) {
        const info = await trust.enterpriseInfo(body.receivingEnterpriseUscc);
        // A scanner offers only directory entries; an integration naming another enterprise made a mistake.
        if (!info) throw invalid('body.receivingEnterpriseUscc', 'checks.err.receiver_unknown');
        receivingEnterprise = { ...info, from: 'request' };
      }

      const trustAgeSec = body.trustAgeSec === undefined ? 0 : body.trustAgeSec;
      const decision = decide({
        pass: result === null ? { kind: 'none' } : { kind: 'scanned', result },
        observed: body.observed,
        receivingEnterprise: receivingEnterprise && { uscc: receivingEnterprise.uscc, name: receivingEnterprise.name, dutyPhone: receivingEnterprise.dutyPhone },
        now: now.toISOString(),
        ruleSet,
        trustAgeSec,
      });

      return {
        decision,
        pass:
          result === null
            ? null
            : {
                ok: result.ok,
                reason: result.ok ? null : result.reason,
                detail: result.ok ? null : (result.detail ?? null),
                kid: result.kid ?? null,
                claims,
              },
        receivingEnterprise,
        ruleSet: { version: ruleSet.version, source },
        now: now.toISOString(),
        trustAgeSec,
        recorded: false,
      };
    },
  };
}
export type ChecksService = ReturnType<typeof checksService>;
