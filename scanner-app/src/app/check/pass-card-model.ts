/**
 * What the pass card shows, from the verification result and the directory.
 * Pure, so what staff see about a pass (valid or why not, who, which
 * enterprise) is tested without a browser.
 */
import type { VerifyPassResult } from '../../../../src/core/pass/verify.js';
import { PASS_ERROR_TEXT } from '../../../../src/core/pass/errors.js';
import type { PassErrorText } from '../../../../src/core/pass/errors.js';
import { passEnterpriseId } from '../../../../src/core/rules/pass-check.js';
import type { EnterpriseInfo } from '../../../../src/core/trust/bundle.js';

export type PassRole = 'driver' | 'escort';

export interface PassCardModel {
  valid: boolean;
  /** Why not, in both languages (the pass module's own texts); null when valid. */
  problem: PassErrorText | null;
  /** Present when the signature held, even for an expired or revoked pass. */
  details: {
    passNo: string;
    plate: string;
    people: Array<{ passIndex: number; name: string; id4: string; role: PassRole }>;
    enterpriseUscc: string | null;
    /** null when the directory does not list it (the card says so) */
    enterprise: EnterpriseInfo | null;
    /** epoch seconds; validUntil is exclusive */
    validFrom: number;
    validUntil: number;
    origin: string;
  } | null;
}

export function passCardModel(result: VerifyPassResult, directory: ReadonlyMap<string, EnterpriseInfo>): PassCardModel {
  const claims = result.ok ? result.claims : result.claims;
  const details = claims
    ? {
        passNo: claims.jti,
        plate: claims.pl,
        people: claims.ppl.map(([name, id4], i) => ({ passIndex: i, name, id4, role: i === 0 ? ('driver' as const) : ('escort' as const) })),
        enterpriseUscc: passEnterpriseId(claims),
        enterprise: directory.get(passEnterpriseId(claims) ?? '') ?? null,
        validFrom: claims.nbf,
        validUntil: claims.exp,
        origin: claims.org,
      }
    : null;
  return { valid: result.ok, problem: result.ok ? null : PASS_ERROR_TEXT[result.reason], details };
}

const CHINA_OFFSET_MS = 8 * 3_600_000;

/** "2020-02-25 00:00" in China time: passes are issued for China days, whatever the device's zone. */
export function formatChinaTime(epochMs: number): string {
  if (!Number.isFinite(epochMs)) return '—';
  return new Date(epochMs + CHINA_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** "YYYY-MM-DD" of the China date at `epochMs`: the latest last day a stay may have. */
export function chinaDate(epochMs: number): string {
  return new Date(epochMs + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** A `tel:` URI for a duty phone as the directory writes it (spaces, hyphens, "转" extension). */
export function telHref(phone: string): string {
  const [main = '', ext] = phone.split('转');
  const digits = main.replace(/[^\d+]/g, '');
  return ext ? `tel:${digits},${ext.replace(/\D/g, '')}` : `tel:${digits}`;
}
