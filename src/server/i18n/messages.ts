import { fill, type Locale, type ProblemTable, type Text } from './locale.js';
import { validationMessages } from '../../core/validate/index.js';
import { vehiclesMessages } from '../features/vehicles/messages.js';
import { peopleMessages } from '../features/people/messages.js';
import { keysMessages } from '../features/keys/messages.js';
import { passesMessages, passesProblems } from '../features/passes/messages.js';
import { checkpointsMessages } from '../features/checkpoints/messages.js';
import { rulesMessages, rulesProblems } from '../features/rules/messages.js';
import { trustMessages } from '../features/trust/messages.js';
import { ingestMessages } from '../features/ingest/messages.js';
import { tokensMessages } from '../features/tokens/messages.js';
import { webhooksMessages } from '../features/webhooks/messages.js';
import { devicesProblems } from '../features/devices/messages.js';
import { escortsMessages, escortsProblems } from '../features/escorts/messages.js';
import { charterMessages, charterProblems } from '../features/charter/messages.js';
import { custodyMessages } from '../features/custody/messages.js';
import { auditMessages } from '../features/audit/messages.js';
import { retentionMessages } from '../features/retention/messages.js';
import { auditConsoleMessages } from '../features/audit-console/messages.js';
import { dashboardMessages } from '../features/dashboard/messages.js';
import { auditActionsMessages } from '../features/audit-actions/messages.js';
import { anomaliesMessages } from '../features/anomalies/messages.js';

/** Problem codes shared by every feature (RFC 9457): status and title, declared once. */
const commonProblems = {
  validation: { status: 400, title: { zh: '提交的数据不符合要求', en: 'The submitted data is not valid' } },
  unauthenticated: { status: 401, title: { zh: '请先登录', en: 'Please sign in first' } },
  forbidden: { status: 403, title: { zh: '无权执行此操作', en: 'You are not allowed to do this' } },
  not_found: { status: 404, title: { zh: '未找到所请求的内容', en: 'The requested item was not found' } },
  conflict: { status: 409, title: { zh: '与现有数据冲突', en: 'This conflicts with existing data' } },
  csrf: { status: 403, title: { zh: '安全令牌(CSRF)缺失或已失效,网页请刷新后重试', en: 'The CSRF token is missing or no longer valid; in a browser, reload the page and try again' } },
  rate_limited: { status: 429, title: { zh: '尝试次数过多,请稍后再试', en: 'Too many attempts; please try again later' } },
  login_failed: { status: 401, title: { zh: '用户名或密码错误', en: 'Wrong username or password' } },
  password_change_required: { status: 403, title: { zh: '请先修改初始密码', en: 'Please change your one-time password first' } },
  wrong_password: { status: 400, title: { zh: '当前密码不正确', en: 'The current password is wrong' } },
  password_reused: { status: 400, title: { zh: '新密码不能与当前密码相同', en: 'The new password must differ from the current one' } },
  enterprise_exists: { status: 409, title: { zh: '该统一社会信用代码已登记', en: 'An enterprise with this credit code is already registered' } },
  username_taken: { status: 409, title: { zh: '该用户名已被使用', en: 'This username is already taken' } },
  unsupported_media_type: { status: 415, title: { zh: '不支持的内容类型', en: 'Unsupported content type' } },
  payload_too_large: { status: 413, title: { zh: '提交内容过大', en: 'The request body is too large' } },
  bad_request: { status: 400, title: { zh: '请求格式错误', en: 'The request is malformed' } },
  invalid_state: { status: 409, title: { zh: '当前状态下不能执行此操作', en: 'This cannot be done in the current state' } },
  scanner_not_built: { status: 503, title: { zh: '查验程序尚未构建', en: 'The scanner app has not been built' } },
  database_unavailable: { status: 503, title: { zh: '数据库暂时无法访问,请稍后重试', en: 'The database is unavailable for a moment; please try again shortly' } },
  internal: { status: 500, title: { zh: '服务器内部错误,请稍后再试', en: 'Internal server error; please try again later' } },
} as const satisfies ProblemTable;

/** Every problem code, gathered like the messages: features declare theirs beside their messages. */
export const problems = {
  ...commonProblems,
  ...devicesProblems,
  ...passesProblems,
  ...rulesProblems,
  ...escortsProblems,
  ...charterProblems,
} as const satisfies ProblemTable;
export type ProblemCode = keyof typeof problems;

type ProblemTitles<P extends ProblemTable> = { readonly [K in keyof P & string as `problem.${K}`]: P[K]['title'] };
const problemTitles = <P extends ProblemTable>(table: P) =>
  Object.fromEntries(Object.entries(table).map(([code, p]) => [`problem.${code}`, p.title])) as ProblemTitles<P>;

/**
 * The one message catalogue of the server: API problem texts and every portal
 * string. Keys are stable; add both languages together or the type check fails.
 */
export const messages = {
  // Problem titles (`problem.<code>`), from the problem tables
  ...problemTitles(problems),
  ...passesMessages,
  ...keysMessages,
  ...vehiclesMessages,
  ...peopleMessages,
  ...checkpointsMessages,
  ...rulesMessages,
  ...trustMessages,
  ...ingestMessages,
  ...tokensMessages,
  ...escortsMessages,
  ...charterMessages,
  ...custodyMessages,
  ...auditMessages,
  ...retentionMessages,
  ...auditConsoleMessages,
  ...dashboardMessages,
  ...auditActionsMessages,
  ...anomaliesMessages,
  ...webhooksMessages,
  // The core validators' failure codes (credit.checksum, region.unknown, ...) are keys too,
  // so a form or API error carrying one is shown in the reader's language.
  ...validationMessages,

  'problem.csrf.detail': {
    zh: '状态变更请求须带会话的 CSRF 令牌:网页请刷新后重试;脚本先 GET /api/v1/session(或登录的应答)取得 csrfToken,放在 x-csrf-token 请求头中,并带上会话 Cookie',
    en: 'A state change needs the session\'s CSRF token: in a browser, reload the page and try again; a script takes csrfToken from GET /api/v1/session (or the sign-in answer) and sends it in the x-csrf-token header, with the session cookie',
  },

  // Field validation
  'text.personal_data': {
    zh: '此处请勿填写身份证号码或手机号码',
    en: 'Do not write a citizen ID number or a mobile number here',
  },
  'number.decimal': { zh: '须为十进制整数(不带符号、空格或前导零)', en: 'Must be a whole number in plain decimal (no sign, spaces or leading zeros)' },
  'phone.invalid': { zh: '电话号码格式不正确(手机号或带区号的固定电话)', en: 'Phone number is not valid (mobile, or landline with area code)' },

  // Portal chrome
  'app.name': { zh: '卡口通行核验系统', en: 'Kakou Checkpoint Pass System' },
  'app.bureau': { zh: '昆山市交通运输局', en: 'Kunshan Transport Bureau' },
  'nav.home': { zh: '首页', en: 'Home' },
  'nav.enterprises': { zh: '企业管理', en: 'Enterprises' },
  'nav.staff': { zh: '局内账号', en: 'Bureau accounts' },
  'nav.group.passes': { zh: '通行证与企业', en: 'Passes and enterprises' },
  'nav.group.checkpoints': { zh: '卡口与设备', en: 'Checkpoints and devices' },
  'nav.group.rules': { zh: '规则与密钥', en: 'Rules and keys' },
  'nav.group.audit': { zh: '审计', en: 'Audit' },
  'nav.audit_dashboard': { zh: '运行概览', en: 'Dashboard' },
  'nav.audit_checks': { zh: '查验检索', en: 'Check search' },
  'nav.audit_integrity': { zh: '日志完整性', en: 'Log integrity' },
  'nav.audit_actions': { zh: '操作日志', en: 'Action log' },
  'nav.audit_anomalies': { zh: '异常', en: 'Anomalies' },
  'nav.password': { zh: '修改密码', en: 'Change password' },
  'nav.logout': { zh: '退出登录', en: 'Sign out' },
  'nav.language': { zh: 'English', en: '中文' },
  'nav.skip': { zh: '跳到正文', en: 'Skip to content' },
  'common.save': { zh: '保存', en: 'Save' },
  'common.create': { zh: '创建', en: 'Create' },
  'common.search': { zh: '搜索', en: 'Search' },
  'common.back': { zh: '返回', en: 'Back' },
  'common.actions': { zh: '操作', en: 'Actions' },
  'common.none': { zh: '暂无记录', en: 'Nothing here yet' },
  'common.print': { zh: '打印', en: 'Print' },
  'common.form_errors': { zh: '请修正以下问题:', en: 'Please correct the following:' },
  'common.saved': { zh: '已保存', en: 'Saved' },
  'common.page_of': { zh: '第 {page} 页,共 {total} 条', en: 'Page {page}, {total} in all' },
  'common.prev': { zh: '上一页', en: 'Previous' },
  'common.next': { zh: '下一页', en: 'Next' },
  'common.all': { zh: '全部', en: 'All' },
  'common.edit': { zh: '修改', en: 'Edit' },
  'common.cancel': { zh: '取消', en: 'Cancel' },
  'common.filter': { zh: '筛选', en: 'Filter' },
  'common.pagination': { zh: '分页', en: 'Pagination' },
  'common.required_mark': { zh: '必填', en: 'required' },

  // Roles
  'role.bureau_admin': { zh: '交通局管理员', en: 'Bureau administrator' },
  'role.bureau_officer': { zh: '交通局审核员', en: 'Bureau officer' },
  'role.enterprise_user': { zh: '企业用户', en: 'Enterprise user' },

  // Login and password
  'login.title': { zh: '登录', en: 'Sign in' },
  'login.username': { zh: '用户名', en: 'Username' },
  'login.password': { zh: '密码', en: 'Password' },
  'login.submit': { zh: '登录', en: 'Sign in' },
  'login.signed_out': { zh: '您已安全退出', en: 'You have signed out' },
  'password.title': { zh: '修改密码', en: 'Change password' },
  'password.must_change': { zh: '这是一次性初始密码,请设置新密码后继续。', en: 'This is a one-time password; set a new one to continue.' },
  'password.current': { zh: '当前密码', en: 'Current password' },
  'password.new': { zh: '新密码(至少 10 位)', en: 'New password (10 characters or more)' },
  'password.confirm': { zh: '再次输入新密码', en: 'Repeat the new password' },
  'password.mismatch': { zh: '两次输入的新密码不一致', en: 'The two new passwords differ' },
  'password.too_short': { zh: '密码至少需要 10 个字符', en: 'The password needs at least 10 characters' },
  'user.username_rule': { zh: '用户名为 3–32 位小写字母、数字、点、横线或下划线', en: 'Username: 3–32 lower-case letters, digits, dot, dash or underscore' },
  'password.changed': { zh: '密码已修改', en: 'Password changed' },

  // Enterprises
  'enterprise.list_title': { zh: '企业管理', en: 'Enterprises' },
  'enterprise.new_title': { zh: '登记企业', en: 'Register an enterprise' },
  'enterprise.edit_title': { zh: '修改企业信息', en: 'Edit enterprise' },
  'enterprise.name': { zh: '企业名称', en: 'Name' },
  'enterprise.credit_code': { zh: '统一社会信用代码', en: 'Unified social credit code' },
  'enterprise.address': { zh: '地址', en: 'Address' },
  'enterprise.region': { zh: '所在地区代码', en: 'Region code' },
  'enterprise.duty_phone': { zh: '值班电话', en: 'Duty phone' },
  'enterprise.status': { zh: '复工状态', en: 'Resumption status' },
  'enterprise.status_reason': { zh: '说明', en: 'Note' },
  'enterprise.status.registered': { zh: '已登记(未备案)', en: 'Registered (not approved)' },
  'enterprise.status.approved': { zh: '已复工备案', en: 'Approved to resume work' },
  'enterprise.status.suspended': { zh: '已暂停', en: 'Suspended' },
  'enterprise.approve': { zh: '复工备案通过', en: 'Approve resumption' },
  'enterprise.suspend': { zh: '暂停', en: 'Suspend' },
  'enterprise.users': { zh: '企业账号', en: 'Enterprise accounts' },
  'enterprise.add_user': { zh: '新建企业账号', en: 'Create an enterprise account' },
  'enterprise.home_title': { zh: '本企业信息', en: 'Your enterprise' },
  'enterprise.search_placeholder': { zh: '名称或信用代码', en: 'Name or credit code' },
  'enterprise.not_approved_hint': { zh: '本企业尚未通过复工备案,暂不能申请通行证。', en: 'Your enterprise is not yet approved to resume work and cannot apply for passes.' },
  'enterprise.back_to_list': { zh: '返回企业列表', en: 'Back to the list' },
  'enterprise.back_to_registered': { zh: '退回登记状态', en: 'Back to registered' },
  'enterprise.status_actions': { zh: '复工状态变更', en: 'Change status' },
  'enterprise.suspend_reason': { zh: '暂停原因', en: 'Reason for suspension' },
  'enterprise.suspend_reason_required': { zh: '暂停须填写原因', en: 'A reason is required to suspend' },
  'enterprise.status_changed': { zh: '复工状态已更新', en: 'Status updated' },
  'enterprise.registered_ok': { zh: '企业已登记', en: 'Enterprise registered' },
  'enterprise.details': { zh: '登记信息', en: 'Registration details' },
  'enterprise.registered_at': { zh: '登记时间', en: 'Registered on' },
  'enterprise.updated_at': { zh: '最近更新', en: 'Last updated' },
  'enterprise.credit_code_hint': { zh: '18 位,数字和大写字母', en: '18 characters: digits and capital letters' },
  'enterprise.region_hint': { zh: '6 位行政区划代码,如 320583(昆山市)', en: '6-digit administrative division code, e.g. 320583 (Kunshan)' },
  'enterprise.phone_hint': { zh: '手机号,或带区号的固定电话', en: 'Mobile, or landline with area code' },
  'enterprise.no_results': { zh: '没有符合条件的企业', en: 'No enterprise matches' },
  'enterprise.search_label': { zh: '关键词', en: 'Search' },
  'enterprise.contact_title': { zh: '更新联系方式', en: 'Update contact details' },
  'enterprise.contact_hint': {
    zh: '企业名称、信用代码、所在地区等登记信息如需更正,请联系交通局。',
    en: 'To correct the name, credit code or region, please contact the bureau.',
  },
  'enterprise.accounts_hint': { zh: '企业账号由交通局开设和管理。', en: 'Enterprise accounts are opened and managed by the bureau.' },

  // Users
  'user.username': { zh: '用户名', en: 'Username' },
  'user.display_name': { zh: '姓名', en: 'Name' },
  'user.role': { zh: '角色', en: 'Role' },
  'user.status': { zh: '状态', en: 'Status' },
  'user.active': { zh: '正常', en: 'Active' },
  'user.disabled': { zh: '已停用', en: 'Disabled' },
  'user.disable': { zh: '停用', en: 'Disable' },
  'user.enable': { zh: '启用', en: 'Enable' },
  'user.reset_password': { zh: '重置密码', en: 'Reset password' },
  'user.created_at': { zh: '开设时间', en: 'Created on' },
  'user.self': { zh: '(本人)', en: '(you)' },
  'user.err.disable_self': { zh: '不能停用自己的账号', en: 'You cannot disable your own account' },
  'user.disabled_ok': { zh: '账号已停用,其登录会话已结束', en: 'Account disabled; its sessions have ended' },
  'user.enabled_ok': { zh: '账号已启用', en: 'Account enabled' },
  'user.must_change': { zh: '待修改初始密码', en: 'One-time password not yet changed' },
  'user.username_hint': { zh: '3–32 位小写字母、数字、点、横线或下划线', en: '3–32 lower-case letters, digits, dot, dash or underscore' },
  'user.one_time_label': { zh: '一次性密码', en: 'One-time password' },
  'user.created_once': {
    zh: '账号 {username} 已创建。一次性密码:{password} ——仅显示这一次,请当面或通过安全渠道交给本人,首次登录须修改。',
    en: 'Account {username} created. One-time password: {password} — shown only now; hand it over in person or by a safe channel. It must be changed at first sign-in.',
  },
  'user.reset_once': {
    zh: '账号 {username} 的新一次性密码:{password} ——仅显示这一次。',
    en: 'New one-time password for {username}: {password} — shown only now.',
  },
  'staff.title': { zh: '局内账号', en: 'Bureau accounts' },
  'staff.add': { zh: '新建局内账号', en: 'Create a bureau account' },

  // Home
  'home.welcome': { zh: '欢迎,{name}', en: 'Welcome, {name}' },
  'home.bureau_intro': {
    zh: '在这里登记复工企业、管理企业账号。通行证审批、卡口与核验记录将在后续版本开放。',
    en: 'Register resumed-work enterprises and manage their accounts here. Pass approval, checkpoints and check records come in later releases.',
  },
  'error.title': { zh: '出错了', en: 'Something went wrong' },
} as const satisfies Record<string, Text>;

export type MessageKey = keyof typeof messages;

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(messages, key);
}

export function t(locale: Locale, key: MessageKey, params?: Record<string, string | number>): string {
  return fill(messages[key][locale], params);
}

/** Both languages at once, for API problems whose reader may be either. */
export function both(key: MessageKey, params?: Record<string, string | number>): Text {
  return { zh: t('zh', key, params), en: t('en', key, params) };
}
