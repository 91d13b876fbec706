import type { Text } from '../../i18n/locale.js';

/**
 * Strings of the trust-bundle and online-check features (API field errors);
 * spread into the one catalogue (i18n/messages.ts). The checks feature has
 * no catalogue file of its own: its few messages live here.
 */
export const trustMessages = {
  'trust.bundle': { zh: '信任数据包', en: 'Trust bundle' },
  'checks.err.receiver_unknown': {
    zh: '接车企业不在企业名录中(未通过复工备案或已暂停)',
    en: 'The receiving enterprise is not in the directory (not approved to resume work, or suspended)',
  },
  'checks.err.no_draft': { zh: '当前没有草稿规则', en: 'There is no draft rule set' },
  'checks.err.now_range': {
    zh: '核验时间须在 1970-01-01 至 9999-12-31(UTC)之间',
    en: 'The decision time must be between 1970-01-01 and 9999-12-31 (UTC)',
  },
  'checks.err.stay_future': {
    zh: '申报的停留最后一天晚于核验日期(北京时间)',
    en: 'The declared stay ends after the date of the check (China time)',
  },
  'checks.err.rule_set_unknown': { zh: '没有这个版本的规则', en: 'No rule set has this version' },
} as const satisfies Record<string, Text>;
