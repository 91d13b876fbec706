/**
 * Reason codes for a pass that cannot be accepted. The codes are the stable
 * contract (logs, audit, scanner UI, API); the texts are for people and may be
 * reworded without a format change.
 */
export const PASS_ERROR_CODES = [
  'malformed',
  'bad_prefix',
  'unsupported_version',
  'alg_not_allowed',
  'wrong_typ',
  'unknown_kid',
  'bad_signature',
  'crit_unsupported',
  'expired',
  'not_yet_valid',
  'revoked',
  'claims_invalid',
] as const;

export type PassErrorCode = (typeof PASS_ERROR_CODES)[number];

export interface PassErrorText {
  readonly zh: string;
  readonly en: string;
}

export const PASS_ERROR_TEXT: Readonly<Record<PassErrorCode, PassErrorText>> = Object.freeze({
  malformed: {
    zh: '通行证二维码内容无法识别或已损坏',
    en: 'The pass QR content is unreadable or damaged',
  },
  bad_prefix: {
    zh: '不是本系统的通行证二维码',
    en: 'Not a Kakou pass QR code',
  },
  unsupported_version: {
    zh: '通行证格式版本不受支持，请更新扫码程序',
    en: 'Unsupported pass format version; update the scanner',
  },
  alg_not_allowed: {
    zh: '通行证签名算法不被接受',
    en: 'The pass signature algorithm is not accepted',
  },
  wrong_typ: {
    zh: '二维码不是通行证类型的令牌',
    en: 'The token is not of the pass type',
  },
  unknown_kid: {
    zh: '通行证由未知密钥签发（请同步最新密钥）',
    en: 'The pass was signed by an unknown key (sync the latest keys)',
  },
  bad_signature: {
    zh: '通行证签名无效，可能被伪造或篡改',
    en: 'Invalid pass signature: forged or altered',
  },
  crit_unsupported: {
    zh: '通行证包含不支持的关键扩展字段',
    en: 'The pass uses an unsupported critical header extension',
  },
  expired: {
    zh: '通行证已过期',
    en: 'The pass has expired',
  },
  not_yet_valid: {
    zh: '通行证尚未生效',
    en: 'The pass is not valid yet',
  },
  revoked: {
    zh: '通行证已被撤销',
    en: 'The pass has been revoked',
  },
  claims_invalid: {
    zh: '通行证内容不符合格式要求',
    en: 'The pass contents do not match the required format',
  },
});

export function isPassErrorCode(value: unknown): value is PassErrorCode {
  return typeof value === 'string' && (PASS_ERROR_CODES as readonly string[]).includes(value);
}

export function passErrorText(code: PassErrorCode): PassErrorText {
  return PASS_ERROR_TEXT[code];
}

/**
 * Thrown by the encoding and signing helpers. `verifyPass` never throws: it
 * returns the same codes in its result, so a scanner has one shape to handle.
 */
export class PassError extends Error {
  override readonly name = 'PassError';
  readonly code: PassErrorCode;
  readonly detail: string | undefined;

  constructor(code: PassErrorCode, detail?: string, options?: { cause?: unknown }) {
    super(detail === undefined ? PASS_ERROR_TEXT[code].en : `${PASS_ERROR_TEXT[code].en}: ${detail}`, options);
    this.code = code;
    this.detail = detail;
  }
}
