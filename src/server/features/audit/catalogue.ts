import type { Text } from '../../i18n/locale.js';

/**
 * Every action the server records in the audit log: its code, the type of
 * its subject and its label in both languages. The audit console filters and
 * translates by this table; AuditEntry.action is typed by it, and
 * test/server/audit/catalogue.test.ts fails when code records an action that
 * is not here.
 */
export const AUDIT_ACTIONS = {
  login: { subject: 'user', label: { zh: '登录', en: 'Signed in' } },
  'login.failed': { subject: 'user', label: { zh: '登录失败', en: 'Sign-in failed' } },
  'password.change': { subject: 'user', label: { zh: '修改密码', en: 'Password changed' } },
  'user.create': { subject: 'user', label: { zh: '开设账号', en: 'Account created' } },
  'user.disable': { subject: 'user', label: { zh: '停用账号', en: 'Account disabled' } },
  'user.enable': { subject: 'user', label: { zh: '启用账号', en: 'Account enabled' } },
  'user.reset_password': { subject: 'user', label: { zh: '重置密码', en: 'Password reset' } },
  'enterprise.register': { subject: 'enterprise', label: { zh: '登记企业', en: 'Enterprise registered' } },
  'enterprise.update': { subject: 'enterprise', label: { zh: '修改企业信息', en: 'Enterprise edited' } },
  'enterprise.update_contact': { subject: 'enterprise', label: { zh: '修改企业联系方式', en: 'Enterprise contact edited' } },
  'enterprise.status.registered': { subject: 'enterprise', label: { zh: '企业改为待审核', en: 'Enterprise set to registered' } },
  'enterprise.status.approved': { subject: 'enterprise', label: { zh: '企业审核通过', en: 'Enterprise approved' } },
  'enterprise.status.suspended': { subject: 'enterprise', label: { zh: '暂停企业', en: 'Enterprise suspended' } },
  'vehicle.create': { subject: 'vehicle', label: { zh: '登记车辆', en: 'Vehicle registered' } },
  'vehicle.update': { subject: 'vehicle', label: { zh: '修改车辆', en: 'Vehicle edited' } },
  'vehicle.archive': { subject: 'vehicle', label: { zh: '归档车辆', en: 'Vehicle archived' } },
  'vehicle.restore': { subject: 'vehicle', label: { zh: '恢复车辆', en: 'Vehicle restored' } },
  'person.create': { subject: 'person', label: { zh: '登记人员', en: 'Person registered' } },
  'person.update': { subject: 'person', label: { zh: '修改人员', en: 'Person edited' } },
  'person.archive': { subject: 'person', label: { zh: '归档人员', en: 'Person archived' } },
  'person.restore': { subject: 'person', label: { zh: '恢复人员', en: 'Person restored' } },
  'person.reveal': { subject: 'person', label: { zh: '查看完整证件号码和电话', en: 'ID number and phone revealed' } },
  'pass.apply': { subject: 'pass', label: { zh: '填写通行证申请', en: 'Pass application drafted' } },
  'pass.edit': { subject: 'pass', label: { zh: '修改通行证申请', en: 'Pass application edited' } },
  'pass.submit': { subject: 'pass', label: { zh: '提交通行证申请', en: 'Pass application submitted' } },
  'pass.issue': { subject: 'pass', label: { zh: '签发通行证', en: 'Pass issued' } },
  'pass.reject': { subject: 'pass', label: { zh: '退回通行证申请', en: 'Pass application rejected' } },
  'pass.revoke': { subject: 'pass', label: { zh: '吊销通行证', en: 'Pass revoked' } },
  'pass.cancel_request': { subject: 'pass', label: { zh: '申请注销通行证', en: 'Pass cancellation requested' } },
  'pass.amend': { subject: 'pass', label: { zh: '变更通行证', en: 'Pass amendment started' } },
  'pass.print': { subject: 'pass', label: { zh: '打印通行证', en: 'Pass printed' } },
  'key.create': { subject: 'signing_key', label: { zh: '生成签名密钥', en: 'Signing key created' } },
  'key.promote': { subject: 'signing_key', label: { zh: '启用签名密钥', en: 'Signing key activated' } },
  'key.retire': { subject: 'signing_key', label: { zh: '退役签名密钥', en: 'Signing key retired' } },
  'checkpoint.create': { subject: 'checkpoint', label: { zh: '新建卡口', en: 'Checkpoint created' } },
  'checkpoint.update': { subject: 'checkpoint', label: { zh: '修改卡口', en: 'Checkpoint edited' } },
  'checkpoint.close': { subject: 'checkpoint', label: { zh: '关闭卡口', en: 'Checkpoint closed' } },
  'checkpoint.reopen': { subject: 'checkpoint', label: { zh: '重新开放卡口', en: 'Checkpoint reopened' } },
  'checkpoint_staff.create': { subject: 'checkpoint_staff', label: { zh: '新增值守人员', en: 'Staff member added' } },
  'checkpoint_staff.update': { subject: 'checkpoint_staff', label: { zh: '修改值守人员', en: 'Staff member edited' } },
  'checkpoint_staff.disable': { subject: 'checkpoint_staff', label: { zh: '停用值守人员', en: 'Staff member disabled' } },
  'checkpoint_staff.enable': { subject: 'checkpoint_staff', label: { zh: '启用值守人员', en: 'Staff member enabled' } },
  'checkpoint_staff.pin_reset': { subject: 'checkpoint_staff', label: { zh: '重设 PIN 码', en: 'PIN reset' } },
  'enrollment_code.create': { subject: 'checkpoint', label: { zh: '生成设备登记码', en: 'Enrollment code created' } },
  'device.enroll': { subject: 'device', label: { zh: '设备登记', en: 'Device enrolled' } },
  'device.enroll_refused': { subject: 'checkpoint', label: { zh: '设备登记被拒绝', en: 'Device enrollment refused' } },
  'device.revoke': { subject: 'device', label: { zh: '停用设备', en: 'Device revoked' } },
  'event.conflict': { subject: 'event', label: { zh: '核验记录冲突', en: 'Check event conflict' } },
  'rules.draft_save': { subject: 'rule_set', label: { zh: '保存规则草稿', en: 'Rule draft saved' } },
  'rules.draft_discard': { subject: 'rule_set', label: { zh: '放弃规则草稿', en: 'Rule draft discarded' } },
  'rules.publish': { subject: 'rule_set', label: { zh: '发布规则', en: 'Rule set published' } },
  'token.create': { subject: 'api_token', label: { zh: '创建接口令牌', en: 'API token created' } },
  'token.revoke': { subject: 'api_token', label: { zh: '吊销接口令牌', en: 'API token revoked' } },
} as const satisfies Record<string, { subject: string; label: Text }>;

export type AuditAction = keyof typeof AUDIT_ACTIONS;
export const isAuditAction = (code: string): code is AuditAction => Object.hasOwn(AUDIT_ACTIONS, code);
