import type { Text } from '../../i18n/locale.js';

/** People strings, spread into the server catalogue (i18n/messages.ts). */
export const peopleMessages = {
  'nav.people': { zh: '人员', en: 'People' },
  'person.list_title': { zh: '驾押人员', en: 'Drivers and escorts' },
  'person.bureau_list_title': { zh: '企业驾押人员', en: 'Enterprise drivers and escorts' },
  'person.new_title': { zh: '登记人员', en: 'Register a person' },
  'person.edit_title': { zh: '修改人员信息', en: 'Edit person' },
  'person.detail_title': { zh: '人员信息', en: 'Person' },
  'person.add': { zh: '登记人员', en: 'Register a person' },
  'person.name': { zh: '姓名', en: 'Name' },
  'person.role': { zh: '岗位', en: 'Role' },
  'person.role.driver': { zh: '驾驶员', en: 'Driver' },
  'person.role.escort': { zh: '押运员', en: 'Escort' },
  'person.id_number': { zh: '公民身份号码', en: 'Citizen ID number' },
  'person.phone': { zh: '联系电话', en: 'Phone' },
  'person.keep_hint': { zh: '留空则保持不变(当前 {value})', en: 'Leave blank to keep the current value ({value})' },
  'person.sensitive_hint': {
    zh: '身份证号和电话加密保存,保存后只显示部分号码。',
    en: 'ID numbers and phones are stored encrypted and shown only partly once saved.',
  },
  'person.stays': { zh: '近 14 天停留地', en: 'Places stayed in the last 14 days' },
  'person.stays_hint': {
    zh: '填写 6 位行政区划代码,多个用逗号或空格分隔,例如 420100 320583;未离开本地请填写所在地代码',
    en: '6-digit region codes separated by commas or spaces, e.g. 420100 320583; if the person has not travelled, give their home area',
  },
  'person.declare': {
    zh: '本人已申报:以上为近 14 天内到过的全部地区(申报时间记为现在)',
    en: 'The person has declared these to be every area stayed in during the last 14 days (recorded as declared now)',
  },
  'person.declare_required': { zh: '填写停留地时须勾选申报确认', en: 'Tick the declaration to record places stayed' },
  'person.stays_declared_at': { zh: '申报时间', en: 'Declared at' },
  'person.not_declared': { zh: '未申报', en: 'Not declared' },
  'person.stays_none': { zh: '(申报无)', en: '(declared none)' },
  'person.enterprise': { zh: '所属企业', en: 'Enterprise' },
  'person.archive': { zh: '归档', en: 'Archive' },
  'person.restore': { zh: '恢复', en: 'Restore' },
  'person.edit': { zh: '修改', en: 'Edit' },
  'person.view': { zh: '查看', en: 'View' },
  'person.archived_notice': { zh: '人员已归档,不能再用于新的通行证申请。', en: 'Person archived; they can no longer be named in new pass applications.' },
  'person.restored_notice': { zh: '人员已恢复', en: 'Person restored' },
  'person.search_placeholder': { zh: '姓名或身份证号后 4 位', en: 'Name or last 4 of the ID number' },
  'person.id_exists': { zh: '本企业已登记该身份证号的人员', en: 'A person with this ID number is already registered by your enterprise' },
  'person.id_exists_archived': {
    zh: '本企业已登记该身份证号的人员,目前已归档;请在列表中将其恢复',
    en: 'A person with this ID number is registered by your enterprise but archived; restore them from the list',
  },
  'person.identity_locked': {
    zh: '该人员在已提交或有效的通行证上,姓名和身份证号不能修改',
    en: 'This person is on a submitted or valid pass, so their name and ID number cannot change',
  },
  'person.is_archived': { zh: '该人员已归档', en: 'This person is archived' },
  'person.declared_at_range': {
    zh: '申报时间不能晚于现在,也不能早于 14 天前',
    en: 'The declaration time cannot be in the future or more than 14 days ago',
  },
  'person.reveal': { zh: '查看完整证件号和电话', en: 'Show full ID number and phone' },
  'person.reveal_reason': { zh: '查看事由(记入审计日志)', en: 'Reason (written to the audit log)' },
  'person.reveal_warning': {
    zh: '完整号码仅在本页显示一次,本次查看已记入审计日志。请勿截图或外传。',
    en: 'The full values are shown on this page only, and this viewing has been written to the audit log. Do not copy or pass them on.',
  },
} as const satisfies Record<string, Text>;
