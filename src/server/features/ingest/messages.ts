import type { Text } from '../../i18n/locale.js';

/** Texts of event ingest (answers to devices, flags shown to the bureau); spread into the server catalogue. */
export const ingestMessages = {
  'ingest.status.accepted': { zh: '已接收', en: 'Accepted' },
  'ingest.status.duplicate': { zh: '重复上传(已接收过)', en: 'Duplicate (received before)' },
  'ingest.status.refused': { zh: '已拒收', en: 'Refused' },
  'ingest.reason.invalid_event': { zh: '记录格式不正确', en: 'The event is not valid' },
  'ingest.reason.wrong_device': { zh: '记录属于其他设备', en: 'The event belongs to another device' },
  'ingest.reason.bad_signature': { zh: '记录签名无效', en: 'The event signature is not valid' },
  'ingest.reason.conflict': {
    zh: '同一编号的记录已以不同内容保存;本次内容已留存待核查,原记录不变',
    en: 'An event with this id is stored with other content; this version is kept for review and the stored one is unchanged',
  },
  'ingest.flag.gap': { zh: '缺少前一条记录', en: 'The previous event is missing' },
  'ingest.flag.broken_link': { zh: '与前一条记录不衔接', en: 'Does not link to the previous event' },
  'ingest.flag.fork': { zh: '同一序号有多条不同记录', en: 'Several different events have this sequence number' },
  'ingest.flag.conflict': { zh: '收到过同编号的不同内容', en: 'Conflicting versions of this event were received' },
} as const satisfies Record<string, Text>;
