/**
 * Reason codes for a trust bundle that cannot be used. The codes are the
 * stable contract (logs, scanner UI); the texts may be reworded.
 */
export const BUNDLE_ERROR_CODES = [
  'malformed',
  'alg_not_allowed',
  'wrong_typ',
  'unknown_kid',
  'bad_signature',
  'expired',
  'not_yet_valid',
  'claims_invalid',
] as const;

export type BundleErrorCode = (typeof BUNDLE_ERROR_CODES)[number];

export interface BundleErrorText {
  readonly zh: string;
  readonly en: string;
}

export const BUNDLE_ERROR_TEXT: Readonly<Record<BundleErrorCode, BundleErrorText>> = Object.freeze({
  malformed: {
    zh: '信任数据包无法识别或已损坏',
    en: 'The trust bundle is unreadable or damaged',
  },
  alg_not_allowed: {
    zh: '信任数据包签名算法不被接受',
    en: 'The trust bundle signature algorithm is not accepted',
  },
  wrong_typ: {
    zh: '收到的不是信任数据包',
    en: 'The token is not a trust bundle',
  },
  unknown_kid: {
    zh: '信任数据包由未知密钥签发（请重新登记设备）',
    en: 'The trust bundle was signed by an unknown key (re-enroll the device)',
  },
  bad_signature: {
    zh: '信任数据包签名无效，可能被伪造或篡改',
    en: 'Invalid trust bundle signature: forged or altered',
  },
  expired: {
    zh: '信任数据包已过期，请联网同步；在此之前只能人工判定',
    en: 'The trust bundle has expired; sync it. Until then decisions are manual',
  },
  not_yet_valid: {
    zh: '信任数据包签发时间晚于设备时间，请检查设备时钟',
    en: 'The trust bundle was issued after the device time; check the device clock',
  },
  claims_invalid: {
    zh: '信任数据包内容不符合格式要求（可能需要更新扫码程序）',
    en: 'The trust bundle contents do not match the required format (the scanner may need an update)',
  },
});

export function isBundleErrorCode(value: unknown): value is BundleErrorCode {
  return typeof value === 'string' && (BUNDLE_ERROR_CODES as readonly string[]).includes(value);
}

export function bundleErrorText(code: BundleErrorCode): BundleErrorText {
  return BUNDLE_ERROR_TEXT[code];
}

/** Thrown by signBundle only; verifyBundle returns the codes instead. */
export class BundleError extends Error {
  override readonly name = 'BundleError';
  readonly code: BundleErrorCode;
  readonly detail: string | undefined;

  constructor(code: BundleErrorCode, detail?: string) {
    super(detail === undefined ? BUNDLE_ERROR_TEXT[code].en : `${BUNDLE_ERROR_TEXT[code].en}: ${detail}`);
    this.code = code;
    this.detail = detail;
  }
}
