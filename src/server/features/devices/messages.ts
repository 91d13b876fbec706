import type { ProblemTable, Text } from '../../i18n/locale.js';

/** Problem codes the devices feature raises (device authentication and enrollment). */
export const devicesProblems = {
  device_auth_failed: { status: 401, title: { zh: '设备身份验证失败', en: 'Device authentication failed' } },
  device_clock_skew: { status: 401, title: { zh: '设备时钟与服务器相差过大', en: 'The device clock is too far from server time' } },
  device_revoked: { status: 401, title: { zh: '该设备已被停用,请联系交通局重新登记', en: 'This device has been revoked; ask the bureau to enroll it again' } },
  enrollment_refused: { status: 403, title: { zh: '登记码无效、已过期或已使用', en: 'The enrollment code is invalid, expired or already used' } },
} as const satisfies ProblemTable;

/** Strings of the devices feature: problem details for scanners, and the bureau's device pages. */
export const devicesMessages = {

  'device.auth.missing_headers': { zh: '请求缺少设备签名头', en: 'The request lacks the device signature headers' },
  'device.auth.malformed': { zh: '设备签名头格式错误', en: 'Malformed device signature headers' },
  'device.auth.bad_signature': { zh: '设备签名无效', en: 'Invalid device signature' },
  'device.auth.unknown_device': { zh: '未登记的设备', en: 'Unknown device' },
  'device.auth.replayed': { zh: '请求已被使用过(重放)', en: 'This request was already used (replay)' },
  'device.auth.stale': {
    zh: '请求时间与服务器时间相差超过 5 分钟,请校准设备时钟',
    en: 'The request time is more than 5 minutes from server time; check the device clock',
  },
  'device.enroll.refused': { zh: '请向交通局索取新的登记码', en: 'Ask the bureau for a new enrollment code' },
  'device.enroll.key_in_use': { zh: '该密钥已登记过,请在设备上重新生成密钥', en: 'This key is already enrolled; generate a new key on the device' },
  'device.enroll.bad_key': { zh: '不是有效的 P-256 公钥', en: 'Not a valid P-256 public key' },
  'device.enroll.checkpoint_closed': { zh: '卡口已关闭,不能登记设备', en: 'The checkpoint is closed; no device can enroll there' },

  'nav.devices': { zh: '设备', en: 'Devices' },
  'device.list_title': { zh: '卡口设备', en: 'Checkpoint devices' },
  'device.intro': {
    zh: '扫码设备在卡口登记时自行生成密钥,私钥不离开设备。每次请求都带签名;停用后设备的所有请求都会被拒绝。',
    en: 'Scanners generate their own key when they enroll at a checkpoint; the private key never leaves the device. Every request is signed; once revoked, a device is refused.',
  },
  'device.id': { zh: '设备编号', en: 'Device id' },
  'device.label': { zh: '名称', en: 'Label' },
  'device.checkpoint': { zh: '卡口', en: 'Checkpoint' },
  'device.enrolled_at': { zh: '登记时间', en: 'Enrolled' },
  'device.last_seen': { zh: '最近联网', en: 'Last seen' },
  'device.app_version': { zh: '程序版本', en: 'App version' },
  'device.queue_length': { zh: '待上传', en: 'Upload queue' },
  'device.bundle_age': { zh: '信任包时长', en: 'Bundle age' },
  'device.status': { zh: '状态', en: 'Status' },
  'device.status.active': { zh: '使用中', en: 'Active' },
  'device.status.revoked': { zh: '已停用', en: 'Revoked' },
  'device.revoke': { zh: '停用', en: 'Revoke' },
  'device.revoke_reason_required': { zh: '停用设备须填写原因', en: 'A reason is required to revoke a device' },
  'device.revoke_reason': { zh: '停用原因', en: 'Reason' },
  'device.revoke_reason_placeholder': { zh: '如:设备丢失', en: 'e.g. device lost' },
  'device.revoked_notice': { zh: '设备已停用。', en: 'The device has been revoked.' },
  'device.revoked_at': { zh: '停用于 {at}:{reason}', en: 'Revoked {at}: {reason}' },
  'device.never': { zh: '从未', en: 'never' },
  'device.all_checkpoints': { zh: '全部卡口', en: 'All checkpoints' },
  'device.status.all': { zh: '全部', en: 'All' },
  'device.age_minutes': { zh: '{n} 分钟', en: '{n} min' },
  'device.age_hours': { zh: '{n} 小时', en: '{n} h' },
  'device.age_days': { zh: '{n} 天', en: '{n} days' },
  'device.reported_at': { zh: '报告于 {at}', en: 'reported {at}' },

  'enroll.title': { zh: '设备登记码', en: 'Device enrollment code' },
  'enroll.create': { zh: '生成设备登记码', en: 'Make an enrollment code' },
  'enroll.explain': {
    zh: '在新设备的扫码程序中扫描二维码,或手工输入登记码。登记码只显示这一次,{minutes} 分钟内有效,只能使用一次,输错 {attempts} 次即作废。',
    en: 'Scan the QR with the scanner app on the new device, or type the code. It is shown only now, works for {minutes} minutes, once, and is void after {attempts} wrong tries.',
  },
  'enroll.code_label': { zh: '登记码', en: 'Enrollment code' },
  'enroll.expires': { zh: '有效期至 {at}', en: 'Valid until {at}' },
  'enroll.qr_alt': { zh: '设备登记二维码', en: 'Device enrollment QR code' },
  'enroll.pending': { zh: '未使用的登记码', en: 'Unused enrollment codes' },
  'enroll.pending_item': { zh: '{id}-…… 有效至 {at},已输错 {attempts} 次', en: '{id}-… valid until {at}, {attempts} wrong tries' },
  'enroll.closed': { zh: '卡口已关闭,不能登记新设备。', en: 'The checkpoint is closed: no new device can enroll.' },
} as const satisfies Record<string, Text>;
