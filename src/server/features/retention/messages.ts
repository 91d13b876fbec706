import type { Text } from '../../i18n/locale.js';

/** Strings of the retention page (docs/audit-log.md "Personal fields and retention"). */
export const retentionMessages = {
  'retention.title': { zh: '个人信息保留期限', en: 'Retention of personal data' },
  'retention.intro': {
    zh: '超过保留期限后,查验记录、接车请求、隔离记录、交接事件和审计日志中的姓名、证件号码及后四位、电话及后四位被删除,显示为"已删除/erased";数量、判定结果和哈希链保持不变,审计日志仍可校验。尚未结束的接车请求和隔离记录不会被删除。服务器每小时执行一次,每次删除都记入审计日志(只记数量)。',
    en: 'After the retention period, names, ID numbers and suffixes, phones and suffixes in check records, escort requests, isolation records, handover events and the audit log are erased and shown as "已删除/erased"; counts, decisions and the hash chains stay, and the audit log still verifies. Escort requests and isolations still open are never erased. The server runs the erasure every hour; each erasure is audited (counts only).',
  },
  'retention.days': { zh: '保留天数', en: 'Days kept' },
  'retention.days_hint': { zh: '15 至 3650 天;隔离期为 14 天,故至少 15 天。默认 180 天。', en: '15 to 3650 days; isolation lasts 14 days, hence at least 15. Default 180.' },
  'retention.err.days': { zh: '请输入 15 至 3650 之间的整数', en: 'Enter a whole number from 15 to 3650' },
  'retention.save': { zh: '保存', en: 'Save' },
  'retention.cutoff': { zh: '当前删除界限(此前记录的个人信息将被删除)', en: 'Current cut-off (personal data recorded before it is erased)' },
  'retention.last_run': { zh: '最近一次删除', en: 'Last erasure' },
  'retention.never_run': { zh: '尚未删除过任何个人信息', en: 'Nothing erased yet' },
  'retention.rows': { zh: '删除的条目', en: 'Rows erased' },
  'retention.run': { zh: '立即执行', en: 'Run now' },
  'retention.done_saved': { zh: '保留期限已保存。', en: 'Retention period saved.' },
  'retention.done_run': { zh: '已执行,删除了 {n} 条。', en: 'Done: {n} rows erased.' },
  'retention.table.escortRequests': { zh: '接车请求', en: 'Escort requests' },
  'retention.table.escortIsolations': { zh: '接车隔离记录', en: 'Escort isolations' },
  'retention.table.escortTimeline': { zh: '接车时间线', en: 'Escort timeline steps' },
  'retention.table.handoverEvents': { zh: '交接事件', en: 'Handover events' },
  'retention.table.eventConflicts': { zh: '冲突事件副本', en: 'Conflicting event copies' },
  'retention.table.custodyIsolations': { zh: '包车隔离记录', en: 'Custody isolations' },
  'retention.table.webhookDeliveries': { zh: 'Webhook 投递', en: 'Webhook deliveries' },
  'retention.table.passTokens': { zh: '过期通行证的签名令牌', en: 'Signed tokens of expired passes' },
  'retention.table.auditPersonal': { zh: '审计日志条目', en: 'Audit log entries' },
  'nav.audit_retention': { zh: '保留期限', en: 'Retention' },
} satisfies Record<string, Text>;
