/**
 * Reason codes for a charter pass (包车通行证) that cannot be accepted: the
 * freight pass's codes, because the checks are the same steps
 * (docs/charter-pass.md, section 6), with texts that say "charter pass" so a
 * scanner never tells staff a freight pass failed when a coach's did.
 */
import { PASS_ERROR_CODES } from '../pass/errors.js';
import type { PassErrorCode, PassErrorText } from '../pass/errors.js';

export const CHARTER_ERROR_CODES = PASS_ERROR_CODES;
export type CharterErrorCode = PassErrorCode;

export const CHARTER_ERROR_TEXT: Readonly<Record<CharterErrorCode, PassErrorText>> = Object.freeze({
  malformed: { zh: '包车通行证二维码内容无法识别或已损坏', en: 'The charter pass QR content is unreadable or damaged' },
  bad_prefix: { zh: '不是本系统的包车通行证二维码', en: 'Not a Kakou charter pass QR code' },
  unsupported_version: {
    zh: '包车通行证格式版本不受支持，请更新扫码程序',
    en: 'Unsupported charter pass format version; update the scanner',
  },
  alg_not_allowed: { zh: '包车通行证签名算法不被接受', en: 'The charter pass signature algorithm is not accepted' },
  wrong_typ: { zh: '二维码不是包车通行证类型的令牌', en: 'The token is not of the charter pass type' },
  unknown_kid: {
    zh: '包车通行证由未知密钥签发（请同步最新密钥）',
    en: 'The charter pass was signed by an unknown key (sync the latest keys)',
  },
  bad_signature: { zh: '包车通行证签名无效，可能被伪造或篡改', en: 'Invalid charter pass signature: forged or altered' },
  crit_unsupported: {
    zh: '包车通行证包含不支持的关键扩展字段',
    en: 'The charter pass uses an unsupported critical header extension',
  },
  expired: { zh: '包车通行证已过期', en: 'The charter pass has expired' },
  not_yet_valid: { zh: '包车通行证尚未生效', en: 'The charter pass is not valid yet' },
  revoked: { zh: '包车通行证已被撤销', en: 'The charter pass has been revoked' },
  claims_invalid: { zh: '包车通行证内容不符合格式要求', en: 'The charter pass contents do not match the required format' },
});

export function charterErrorText(code: CharterErrorCode): PassErrorText {
  return CHARTER_ERROR_TEXT[code];
}

/** Thrown by the encoding and signing helpers; verifyCharterPass never throws. */
export class CharterError extends Error {
  override readonly name = 'CharterError';
  readonly code: CharterErrorCode;
  readonly detail: string | undefined;

  constructor(code: CharterErrorCode, detail?: string) {
    super(detail === undefined ? CHARTER_ERROR_TEXT[code].en : `${CHARTER_ERROR_TEXT[code].en}: ${detail}`);
    this.code = code;
    this.detail = detail;
  }
}
