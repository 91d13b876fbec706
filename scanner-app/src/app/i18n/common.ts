import type { Catalogue } from './locale.js';

export const common = {
  'app.title': { zh: '卡口查验', en: 'Checkpoint scanner' },
  'lang.switch': { zh: 'English', en: '中文' },
  'action.back': { zh: '返回', en: 'Back' },
  'action.cancel': { zh: '取消', en: 'Cancel' },
  'action.confirm': { zh: '确认', en: 'Confirm' },
  'action.next': { zh: '下一步', en: 'Next' },
  'action.done': { zh: '完成', en: 'Done' },
  'action.retry': { zh: '重试', en: 'Try again' },
} as const satisfies Catalogue;
