import { z } from 'zod';
import type { Text } from '../../i18n/locale.js';

// The detail of an action: exactly these fields (a test parses every recorded detail strictly).
const d = <S extends z.ZodRawShape>(shape: S) => z.strictObject(shape);
const none = d({});
const record = z.record(z.string(), z.unknown());
const beforeAfter = d({ before: z.string(), after: z.string() });
const plateAndType = d({ plate: z.string(), type: z.string() });
const plateOnly = d({ plate: z.string() });
const personRef = d({ name: z.string(), idLast4: z.string() });
const statusChange = d({ from: z.enum(['registered', 'approved', 'suspended']), to: z.enum(['registered', 'approved', 'suspended']) });
const checkpointStatus = d({ name: z.string(), withdrawnCodes: z.number() });
const webhookState = d({ url: z.string(), enabled: z.boolean() });
const staffRef = d({ checkpointId: z.number(), badge: z.string() });
/** What the audit log keeps of a rule-set comparison (rules/service.ts diffSummary). */
const ruleDiffShape = {
  changes: z.array(z.unknown()),
  keyAreasAdded: z.array(z.string()),
  keyAreasRemoved: z.array(z.string()),
  counties: z.array(z.unknown()),
};
const ruleDiff = d({ basedOn: z.number().nullable(), ...ruleDiffShape });
const published = z.union([
  d({ version: z.number(), previous: z.number(), basedOn: z.number().nullable(), effectiveFrom: z.string(), ...ruleDiffShape }),
  d({ version: z.literal(1), effectiveFrom: z.string(), initial: z.literal(true), keyAreas: z.array(z.unknown()) }),
]);

/**
 * Every action the server records in the audit log: its code, the type of
 * its subject, its label in both languages and the fields of its detail (a
 * strict zod object: audit.record() is typed by it). The audit console filters and
 * translates by this table; AuditEntry.action is typed by it, and
 * test/server/audit/catalogue.test.ts fails when code records an action that
 * is not here.
 */
export const AUDIT_ACTIONS = {
  login: { subject: 'user', label: { zh: '登录', en: 'Signed in' }, detail: none },
  'login.failed': { subject: 'user', label: { zh: '登录失败', en: 'Sign-in failed' }, detail: d({ username: z.string().optional(), usernameHash: z.string().optional() }) },
  'password.change': { subject: 'user', label: { zh: '修改密码', en: 'Password changed' }, detail: none },
  'user.create': { subject: 'user', label: { zh: '开设账号', en: 'Account created' }, detail: d({ role: z.string(), firstRun: z.literal(true).optional() }) },
  'user.disable': { subject: 'user', label: { zh: '停用账号', en: 'Account disabled' }, detail: none },
  'user.enable': { subject: 'user', label: { zh: '启用账号', en: 'Account enabled' }, detail: none },
  'user.reset_password': { subject: 'user', label: { zh: '重置密码', en: 'Password reset' }, detail: none },
  'enterprise.register': { subject: 'enterprise', label: { zh: '登记企业', en: 'Enterprise registered' }, detail: d({ name: z.string(), creditCode: z.string() }) },
  'enterprise.update': { subject: 'enterprise', label: { zh: '修改企业信息', en: 'Enterprise edited' }, detail: d({ before: record, after: record }) },
  'enterprise.update_contact': { subject: 'enterprise', label: { zh: '修改企业联系方式', en: 'Enterprise contact edited' }, detail: d({ before: d({ address: z.string(), dutyPhone: z.string() }), after: record }) },
  'enterprise.status.registered': { subject: 'enterprise', label: { zh: '企业改为待审核', en: 'Enterprise set to registered' }, detail: statusChange },
  'enterprise.status.approved': { subject: 'enterprise', label: { zh: '企业审核通过', en: 'Enterprise approved' }, detail: statusChange },
  'enterprise.status.suspended': { subject: 'enterprise', label: { zh: '暂停企业', en: 'Enterprise suspended' }, detail: statusChange },
  'vehicle.create': { subject: 'vehicle', label: { zh: '登记车辆', en: 'Vehicle registered' }, detail: d({ plate: z.string(), type: z.string(), regionCode: z.string().nullable() }) },
  'vehicle.update': { subject: 'vehicle', label: { zh: '修改车辆', en: 'Vehicle edited' }, detail: d({ before: plateAndType, after: plateAndType }) },
  'vehicle.archive': { subject: 'vehicle', label: { zh: '归档车辆', en: 'Vehicle archived' }, detail: plateOnly },
  'vehicle.restore': { subject: 'vehicle', label: { zh: '恢复车辆', en: 'Vehicle restored' }, detail: plateOnly },
  'person.create': { subject: 'person', label: { zh: '登记人员', en: 'Person registered' }, detail: d({ name: z.string(), role: z.string(), idLast4: z.string(), stays: z.array(z.string()).nullable() }) },
  'person.update': { subject: 'person', label: { zh: '修改人员', en: 'Person edited' }, detail: d({ changed: z.array(z.string()), name: beforeAfter.optional(), idLast4: beforeAfter.optional(), stays: z.array(z.string()).optional() }) },
  'person.archive': { subject: 'person', label: { zh: '归档人员', en: 'Person archived' }, detail: personRef },
  'person.restore': { subject: 'person', label: { zh: '恢复人员', en: 'Person restored' }, detail: personRef },
  'person.reveal': { subject: 'person', label: { zh: '查看完整证件号码和电话', en: 'ID number and phone revealed' }, detail: d({ fields: z.array(z.enum(['idNumber', 'phone'])), name: z.string(), idLast4: z.string() }) },
  'pass.apply': { subject: 'pass', label: { zh: '填写通行证申请', en: 'Pass application drafted' }, detail: none },
  'pass.edit': { subject: 'pass', label: { zh: '修改通行证申请', en: 'Pass application edited' }, detail: none },
  'pass.submit': { subject: 'pass', label: { zh: '提交通行证申请', en: 'Pass application submitted' }, detail: none },
  'pass.issue': { subject: 'pass', label: { zh: '签发通行证', en: 'Pass issued' }, detail: d({ kid: z.string() }) },
  'pass.reject': { subject: 'pass', label: { zh: '退回通行证申请', en: 'Pass application rejected' }, detail: none },
  'pass.revoke': { subject: 'pass', label: { zh: '吊销通行证', en: 'Pass revoked' }, detail: none },
  'pass.cancel_request': { subject: 'pass', label: { zh: '申请注销通行证', en: 'Pass cancellation requested' }, detail: none },
  'pass.amend': { subject: 'pass', label: { zh: '变更通行证', en: 'Pass amendment started' }, detail: d({ replaces: z.string() }) },
  'pass.print': { subject: 'pass', label: { zh: '打印通行证', en: 'Pass printed' }, detail: d({ format: z.string() }) },
  'key.create': { subject: 'signing_key', label: { zh: '生成签名密钥', en: 'Signing key created' }, detail: d({ purpose: z.string(), state: z.enum(['active', 'next']) }) },
  'key.promote': { subject: 'signing_key', label: { zh: '启用签名密钥', en: 'Signing key activated' }, detail: d({ purpose: z.string(), replaces: z.string().nullable() }) },
  'key.retire': { subject: 'signing_key', label: { zh: '退役签名密钥', en: 'Signing key retired' }, detail: d({ purpose: z.string(), replacedBy: z.string(), lastExp: z.number().nullable() }) },
  'checkpoint.create': { subject: 'checkpoint', label: { zh: '新建卡口', en: 'Checkpoint created' }, detail: d({ name: z.string(), location: z.string(), regionCode: z.string(), direction: z.string() }) },
  'checkpoint.update': { subject: 'checkpoint', label: { zh: '修改卡口', en: 'Checkpoint edited' }, detail: d({ before: record, after: record }) },
  'checkpoint.close': { subject: 'checkpoint', label: { zh: '关闭卡口', en: 'Checkpoint closed' }, detail: checkpointStatus },
  'checkpoint.reopen': { subject: 'checkpoint', label: { zh: '重新开放卡口', en: 'Checkpoint reopened' }, detail: checkpointStatus },
  'checkpoint_staff.create': { subject: 'checkpoint_staff', label: { zh: '新增值守人员', en: 'Staff member added' }, detail: d({ checkpointId: z.number(), badge: z.string(), name: z.string() }) },
  'checkpoint_staff.update': { subject: 'checkpoint_staff', label: { zh: '修改值守人员', en: 'Staff member edited' }, detail: d({ checkpointId: z.number(), badge: z.string(), before: d({ name: z.string() }), after: d({ name: z.string() }) }) },
  'checkpoint_staff.disable': { subject: 'checkpoint_staff', label: { zh: '停用值守人员', en: 'Staff member disabled' }, detail: staffRef },
  'checkpoint_staff.enable': { subject: 'checkpoint_staff', label: { zh: '启用值守人员', en: 'Staff member enabled' }, detail: staffRef },
  'checkpoint_staff.pin_reset': { subject: 'checkpoint_staff', label: { zh: '重设 PIN 码', en: 'PIN reset' }, detail: staffRef },
  'enrollment_code.create': { subject: 'checkpoint', label: { zh: '生成设备登记码', en: 'Enrollment code created' }, detail: d({ codeId: z.string(), expiresAt: z.string() }) },
  'device.enroll': { subject: 'device', label: { zh: '设备登记', en: 'Device enrolled' }, detail: d({ checkpointId: z.number(), codeId: z.string(), label: z.string().nullable(), appVersion: z.string().nullable(), keyThumbprint: z.string() }) },
  'device.enroll_refused': { subject: 'checkpoint', label: { zh: '设备登记被拒绝', en: 'Device enrollment refused' }, detail: d({ codeId: z.string(), reason: z.string() }) },
  'device.revoke': { subject: 'device', label: { zh: '停用设备', en: 'Device revoked' }, detail: d({ checkpointId: z.number(), reason: z.string() }) },
  'event.conflict': { subject: 'event', label: { zh: '核验记录冲突', en: 'Check event conflict' }, detail: d({ storedHash: z.string(), storedDeviceId: z.string(), twinHash: z.string(), seq: z.number() }) },
  'rules.draft_save': { subject: 'rule_set', label: { zh: '保存规则草稿', en: 'Rule draft saved' }, detail: ruleDiff },
  'rules.draft_discard': { subject: 'rule_set', label: { zh: '放弃规则草稿', en: 'Rule draft discarded' }, detail: ruleDiff },
  'rules.publish': { subject: 'rule_set', label: { zh: '发布规则', en: 'Rule set published' }, detail: published },
  'token.create': { subject: 'api_token', label: { zh: '创建接口令牌', en: 'API token created' }, detail: d({ name: z.string(), role: z.string(), scopes: z.array(z.string()), expiresAt: z.string() }) },
  'escort.request': { subject: 'escort_request', label: { zh: '生成接车请求', en: 'Escort requested' }, detail: d({ checkEventId: z.string(), checkpointId: z.number(), plate: z.string(), people: z.number(), keyAreaPeople: z.number() }) },
  'escort.notify': { subject: 'escort_request', label: { zh: '通知企业接车', en: 'Enterprise notified of an escort request' }, detail: d({ channel: z.enum(['webhook', 'duty_sheet', 'portal']) }) },
  'escort.dispatch': { subject: 'escort_request', label: { zh: '登记派出接车人员', en: 'Escort dispatched' }, detail: d({ escortName: z.string(), phoneLast4: z.string(), dispatchedAt: z.string(), previous: z.string().nullable() }) },
  'escort.handover': { subject: 'escort_request', label: { zh: '卡口交接车辆', en: 'Vehicle handed over at the checkpoint' }, detail: d({ handoverEventId: z.string(), escortName: z.string(), differentEscort: z.boolean().nullable() }) },
  'escort.arrive': { subject: 'escort_request', label: { zh: '确认车辆到达', en: 'Arrival confirmed' }, detail: d({ arrivedAt: z.string(), handedOver: z.boolean() }) },
  'escort.isolation_start': { subject: 'escort_request', label: { zh: '登记隔离安排', en: 'Isolation arranged' }, detail: d({ personIndex: z.number(), place: z.string(), startDate: z.string(), plannedEnd: z.string(), responsible: z.string() }) },
  'escort.isolation_end': { subject: 'escort_request', label: { zh: '登记隔离结束', en: 'Isolation ended' }, detail: d({ personIndex: z.number(), endedOn: z.string(), plannedEnd: z.string() }) },
  'escort.overdue': { subject: 'escort_request', label: { zh: '接车请求超时', en: 'Escort request overdue' }, detail: d({ kind: z.enum(['wait', 'transit', 'isolation_unrecorded', 'isolation_end']), personIndex: z.number().nullable(), since: z.string() }) },
  'escort.close': { subject: 'escort_request', label: { zh: '接车请求办结', en: 'Escort request closed' }, detail: d({ isolations: z.number() }) },
  'token.revoke': { subject: 'api_token', label: { zh: '吊销接口令牌', en: 'API token revoked' }, detail: d({ name: z.string() }) },
  'webhook.create': { subject: 'webhook_endpoint', label: { zh: '添加推送地址', en: 'Webhook endpoint added' }, detail: d({ url: z.string() }) },
  'webhook.update': { subject: 'webhook_endpoint', label: { zh: '修改推送地址', en: 'Webhook endpoint edited' }, detail: d({ before: webhookState, after: webhookState }) },
  'webhook.rotate_secret': { subject: 'webhook_endpoint', label: { zh: '更换推送签名密钥', en: 'Webhook signing secret rotated' }, detail: d({ url: z.string() }) },
  'webhook.delete': { subject: 'webhook_endpoint', label: { zh: '删除推送地址', en: 'Webhook endpoint deleted' }, detail: d({ url: z.string() }) },
  'webhook.test': { subject: 'webhook_endpoint', label: { zh: '发送测试推送', en: 'Webhook test event sent' }, detail: d({ deliveryId: z.string() }) },
  'webhook.resend': { subject: 'webhook_endpoint', label: { zh: '重新推送', en: 'Webhook delivery re-sent' }, detail: d({ deliveryId: z.string(), resendOf: z.string(), type: z.string() }) },
  // Item 7: charter transport. Never a full ID number or phone: the last four at most.
  'carrier.register': { subject: 'carrier', label: { zh: '登记运输企业', en: 'Carrier registered' }, detail: d({ name: z.string(), creditCode: z.string() }) },
  'charter.need_post': { subject: 'charter_need', label: { zh: '发布返岗运输需求', en: 'Transport need posted' }, detail: d({ originRegion: z.string(), workers: z.number(), earliestDate: z.string(), latestDate: z.string() }) },
  'charter.need_cancel': { subject: 'charter_need', label: { zh: '撤销返岗运输需求', en: 'Transport need cancelled' }, detail: d({ from: z.string() }) },
  'charter.run_plan': { subject: 'charter_run', label: { zh: '安排包车班次', en: 'Charter run planned' }, detail: d({ carrierId: z.number(), plate: z.string(), driverIdLast4: z.string(), departureAt: z.string(), needs: z.array(d({ needId: z.number(), seats: z.number() })) }) },
  'charter.run_cancel': { subject: 'charter_run', label: { zh: '撤销包车班次', en: 'Charter run withdrawn' }, detail: d({ from: z.string() }) },
  'charter.manifest_set': { subject: 'charter_run', label: { zh: '提交乘客名单', en: 'Passenger list entered' }, detail: d({ needId: z.number(), passengers: z.number(), source: z.enum(['form', 'csv', 'xlsx']), replaced: z.number() }) },
  'charter.run_confirm': { subject: 'charter_run', label: { zh: '企业确认包车班次', en: 'Charter run confirmed by an enterprise' }, detail: d({ needIds: z.array(z.number()), passengers: z.number(), allConfirmed: z.boolean() }) },
  'charter.run_approve': { subject: 'charter_run', label: { zh: '批准包车班次', en: 'Charter run approved' }, detail: d({ plate: z.string(), passengers: z.number(), checkpointIds: z.array(z.number()).optional() }) },
  'charter.pass_issue': { subject: 'charter_run', label: { zh: '签发包车通行证', en: 'Charter pass issued' }, detail: d({ jti: z.string(), run: z.number(), n: z.number(), kid: z.string() }) },
  'charter.pass_print': { subject: 'charter_run', label: { zh: '打印包车通行证', en: 'Charter pass printed' }, detail: d({ jti: z.string() }) },
  'charter.pass_revoke': { subject: 'charter_run', label: { zh: '撤销包车通行证', en: 'Charter pass revoked' }, detail: d({ jti: z.string(), run: z.number() }) },
  'custody.handover': { subject: 'custody_task', label: { zh: '包车乘客交企业隔离', en: 'Charter passenger handed into custody' }, detail: d({ eventId: z.string(), runId: z.number(), place: z.number(), checkpointId: z.number(), moved: z.boolean() }) },
  'custody.isolation_start': { subject: 'custody_task', label: { zh: '登记包车乘客隔离安排', en: 'Custody isolation arranged' }, detail: d({ place: z.string(), startDate: z.string(), plannedEnd: z.string(), responsible: z.string() }) },
  'custody.isolation_end': { subject: 'custody_task', label: { zh: '登记包车乘客隔离结束', en: 'Custody isolation ended' }, detail: d({ endedOn: z.string(), plannedEnd: z.string() }) },
  'custody.overdue': { subject: 'custody_task', label: { zh: '隔离任务超时', en: 'Custody task overdue' }, detail: d({ kind: z.enum(['isolation_unrecorded', 'isolation_end']), since: z.string() }) },
  'custody.flag': { subject: 'event', label: { zh: '包车查验记录存疑', en: 'Charter check flagged' }, detail: d({ kind: z.enum(['unknown_run', 'md_mismatch', 'count_mismatch', 'ent_mismatch']), place: z.number().nullable(), runId: z.string().nullable() }) },
  // Recorded when an export starts (stage 'start', with the expected row count), so an export the
  // client aborts is on record too; then 'done' (rows written) or 'aborted' (rows sent before the
  // client went away). view: the check search (default, older entries), the action log or the anomalies.
  'audit.export': {
    subject: 'event',
    label: { zh: '导出审计检索结果', en: 'Audit search exported' },
    detail: d({
      format: z.literal('csv'),
      view: z.enum(['checks', 'actions', 'anomalies']).optional(),
      stage: z.enum(['start', 'done', 'aborted']).optional(),
      filter: record,
      expected: z.number().optional(),
      rows: z.number().optional(),
    }),
  },
  'charter.run_reject': { subject: 'charter_run', label: { zh: '驳回包车班次', en: 'Charter run rejected' }, detail: d({ plate: z.string(), from: z.string() }) },
  // Issue 14: the tamper-evident log (docs/audit-log.md). A device event as received: hashes and ids only.
  'device.event': { subject: 'event', label: { zh: '收到卡口核验记录', en: 'Check event received' }, detail: d({ eventId: z.string(), deviceId: z.string(), seq: z.number(), type: z.string(), eventHash: z.string() }) },
  'audit.backfill': { subject: 'audit_log', label: { zh: '审计日志补建哈希链', en: 'Audit log chained (older entries)' }, detail: d({ entries: z.number() }) },
  'audit.verify': { subject: 'audit_log', label: { zh: '校验审计日志', en: 'Audit log verified' }, detail: d({ ok: z.boolean(), entries: z.number(), checkpoints: z.number(), failureKind: z.string().nullable(), failureSeq: z.number().nullable() }) },
  'audit.checkpoint': { subject: 'audit_log', label: { zh: '签署审计日志检查点', en: 'Audit checkpoint signed on request' }, detail: d({ size: z.number(), head: z.string(), kid: z.string() }) },
  'audit.retention_purge': { subject: 'audit_log', label: { zh: '按保留期限删除个人信息', en: 'Personal data erased (retention)' }, detail: d({
    before: z.string(), auditEntries: z.number(), days: z.number().optional(),
    // rows erased per table by a retention run (features/retention); counts only, never a value
    tables: z.record(z.string(), z.number()).optional(),
  }) },
  'audit.retention_setting': { subject: 'audit_log', label: { zh: '修改个人信息保留期限', en: 'Retention period changed' }, detail: d({ before: z.number(), after: z.number() }) },
} as const satisfies Record<string, { subject: string; label: Text; detail: z.ZodType<Record<string, unknown>> }>;

export type AuditAction = keyof typeof AUDIT_ACTIONS;
/** The detail a record of this action carries, as the code writes it. */
export type AuditDetail<A extends AuditAction> = z.input<(typeof AUDIT_ACTIONS)[A]['detail']>;
export type AuditSubjectType = (typeof AUDIT_ACTIONS)[AuditAction]['subject'];
export const isAuditAction = (code: string): code is AuditAction => Object.hasOwn(AUDIT_ACTIONS, code);
