import type { Catalogue } from './locale.js';

/**
 * The charter coach screens (issue 13, item 7): the priority list on the home
 * screen, the passenger checklist and its result. Reasons and steps come from
 * the core (rules/charter-reasons.ts), in the language chosen here.
 */
export const charter = {
  'charter.priority.title': { zh: '包车优先通行', en: 'Charter coaches — priority' },
  'charter.priority.hint': { zh: '扫描包车通行证开始逐人核对', en: 'Scan the charter pass to check the passengers' },
  'charter.priority.window': { zh: '{from}–{until}', en: '{from}–{until}' },
  'charter.priority.passengers': { zh: '{n} 人', en: '{n} passengers' },
  'charter.priority.open': { zh: '现在', en: 'Now' },
  'charter.priority.later': { zh: '稍后', en: 'Later' },
  'charter.priority.checked': { zh: '已查验', en: 'Checked' },

  'charter.title': { zh: '包车查验', en: 'Charter coach check' },
  'charter.verifying': { zh: '正在核验包车通行证…', en: 'Verifying the charter pass…' },
  'charter.pass.valid': { zh: '包车通行证有效', en: 'Valid charter pass' },
  'charter.pass.invalid': { zh: '包车通行证无效', en: 'Charter pass not valid' },
  'charter.pass.summary': { zh: '编号 {jti} · {n} 名乘客', en: 'No. {jti} · {n} passengers' },
  'charter.run.id': { zh: '班次 {run}', en: 'Run {run}' },
  'charter.run.none': { zh: '本卡口没有该班次的乘客名单，无法逐人核对', en: 'No manifest for this run at this checkpoint: passengers cannot be checked one by one' },

  'charter.live': { zh: '当前结论', en: 'Decision so far' },
  'charter.plate.label': { zh: '车牌（以实车为准）', en: 'Plate (as on the coach)' },
  'charter.driver': { zh: '驾驶员', en: 'Driver' },
  'charter.passenger': { zh: '乘客 {n}', en: 'Passenger {n}' },
  'charter.unlisted': { zh: '名单外人员 {n}', en: 'Not on the manifest {n}' },
  'charter.present': { zh: '在车上', en: 'On board' },
  'charter.id4': { zh: '身份证后四位 {id4}', en: 'ID card last four {id4}' },
  'charter.id4.match': { zh: '一致', en: 'Matches' },
  'charter.id4.mismatch': { zh: '不符', en: 'Differs' },
  'charter.temp': { zh: '体温', en: 'Temp.' },
  'charter.retest': { zh: '复测', en: 'Re-test' },
  'charter.stays.add': { zh: '+ 停留地', en: '+ Stay' },
  'charter.filter.open': { zh: '只看未查', en: 'Not yet checked' },
  'charter.filter.all': { zh: '显示全部', en: 'Show all' },
  'charter.progress': { zh: '已查 {done} / {n}', en: 'Checked {done} / {n}' },
  'charter.add_unlisted': { zh: '+ 添加名单外人员', en: '+ Add a person not on the manifest' },
  'charter.flag': { zh: '工作人员标记：本车涉及重点地区', en: 'Staff flag: this coach involves a key area' },
  'charter.enterprise': { zh: '接收企业 {name}', en: 'Receiving enterprise {name}' },
  'charter.decide': { zh: '确认结论并记录', en: 'Decide and record' },
  'charter.problem.plate.missing': { zh: '请填写车牌', en: 'Enter the plate' },
  'charter.problem.plate.too_long': { zh: '车牌过长', en: 'The plate is too long' },

  'charter.result.hold': { zh: '留观人员', en: 'Held' },
  'charter.result.custody': { zh: '交企业接收隔离', en: 'Into the enterprise’s custody for isolation' },
  'charter.result.back': { zh: '返回首页', en: 'Back to home' },

  'charter.outcome.RELEASE': { zh: '放行', en: 'Release' },
  'charter.outcome.CUSTODY': { zh: '企业接收', en: 'Custody' },
  'charter.outcome.MANUAL': { zh: '待核', en: 'Open' },
  'charter.outcome.REFUSE': { zh: '不符', en: 'Refuse' },
  'charter.outcome.HOLD': { zh: '留观', en: 'Hold' },
  'charter.outcome.ABSENT': { zh: '未到', en: 'Absent' },
  'charter.outcome.UNCHECKED': { zh: '未查', en: 'Not checked' },
  'charter.untouched': { zh: '乘客 {list} 尚未核对，将记为不在车上', en: 'Passengers {list} not checked yet: they will be recorded as not on board' },
} as const satisfies Catalogue;
