import type { Text } from '../../i18n/locale.js';

/** Problem details and portal strings of the API-token feature; spread into the server catalogue. */
export const tokensMessages = {
  // Problem details
  'token.invalid': {
    zh: '接口令牌无效、已过期或已吊销(请求未使用会话)',
    en: 'The API token is invalid, expired or revoked (the request was not tried with a session)',
  },
  'token.out_of_scope': { zh: '接口令牌的权限范围不包括此接口', en: 'This route is outside the API token’s scopes' },
  'token.enterprise_required': { zh: '企业用户令牌须指定企业', en: 'An enterprise-user token needs an enterprise' },
  'token.enterprise_unknown': { zh: '企业不存在', en: 'No such enterprise' },
  'token.enterprise_not_allowed': { zh: '交通局角色的令牌不属于任何企业', en: 'A bureau-role token belongs to no enterprise' },
  'token.scope_not_for_role': { zh: '该权限范围不适用于此角色', en: 'This scope is not available for the role' },
  'token.already_revoked': { zh: '该令牌已吊销', en: 'This token is already revoked' },

  // Portal
  'nav.tokens': { zh: '接口令牌', en: 'API tokens' },
  'tokens.title': { zh: '接口令牌', en: 'API tokens' },
  'tokens.intro': {
    zh: '接口令牌供其他系统调用 API:请求头写 Authorization: Bearer <令牌>,不用 Cookie,也不需要 CSRF 令牌。令牌只在创建时显示一次,服务器只保存其哈希;到期或吊销后立即失效。用令牌做的每个操作在审计日志中记为 token:<编号>。',
    en: 'API tokens let other systems call the API: send Authorization: Bearer <token>, with no cookie and no CSRF token. A token is shown once, when it is created, and the server keeps only a hash of it; it stops working when it expires or is revoked. Every action taken with a token is audited as token:<id>.',
  },
  'tokens.id': { zh: '编号', en: 'Id' },
  'tokens.name': { zh: '名称(用途)', en: 'Name (purpose)' },
  'tokens.role': { zh: '角色', en: 'Role' },
  'tokens.enterprise': { zh: '企业编号', en: 'Enterprise id' },
  'tokens.enterprise_hint': { zh: '仅企业用户角色需要', en: 'Only for the enterprise-user role' },
  'tokens.scopes': { zh: '权限范围', en: 'Scopes' },
  'tokens.expires_in_days': { zh: '有效天数(最长 365 天)', en: 'Valid for (days, at most 365)' },
  'tokens.created_at': { zh: '创建时间', en: 'Created' },
  'tokens.expires_at': { zh: '到期时间', en: 'Expires' },
  'tokens.last_used': { zh: '最近使用', en: 'Last used' },
  'tokens.never_used': { zh: '从未使用', en: 'Never used' },
  'tokens.state': { zh: '状态', en: 'State' },
  'tokens.state.active': { zh: '有效', en: 'Active' },
  'tokens.state.expired': { zh: '已过期', en: 'Expired' },
  'tokens.state.revoked': { zh: '已吊销', en: 'Revoked' },
  'tokens.create': { zh: '创建令牌', en: 'Create token' },
  'tokens.revoke': { zh: '吊销', en: 'Revoke' },
  'tokens.created_once': {
    zh: '令牌已创建。请立即复制保存,离开本页后无法再次查看:',
    en: 'Token created. Copy it now; it cannot be shown again once you leave this page:',
  },
  'tokens.revoked': { zh: '令牌已吊销', en: 'Token revoked' },
  'tokens.scope.passes:read': { zh: '查看通行证及其二维码', en: 'Read passes and their QR codes' },
  'tokens.scope.passes:write': { zh: '填写、修改、提交通行证申请', en: 'Draft, edit and submit pass applications' },
  'tokens.scope.passes:decide': { zh: '审批、退回、吊销通行证', en: 'Approve, reject and revoke passes' },
  'tokens.scope.fleet:read': { zh: '查看车辆和人员', en: 'Read vehicles and people' },
  'tokens.scope.fleet:write': { zh: '登记、修改、归档车辆和人员', en: 'Register, edit and archive vehicles and people' },
  'tokens.scope.enterprises:read': { zh: '查看企业信息', en: 'Read enterprises' },
  'tokens.scope.checks:evaluate': { zh: '在线核验与信任包', en: 'Online check and trust bundle' },
  'tokens.scope.events:read': { zh: '查看核验记录', en: 'Read check events' },
} as const satisfies Record<string, Text>;
