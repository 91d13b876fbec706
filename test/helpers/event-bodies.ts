import type { UnsignedEvent } from '../../src/core/events/index.js';

export type EventBody = Pick<UnsignedEvent, 'type' | 'payload'>;

/** A checkpoint shift as events: sign-in, a released pass, an escorted key-area van and its handover, sign-out. */
export function shiftBodies(escortCheckEventId: string): EventBody[] {
  return [
    { type: 'staff_sign_in', payload: { staffBadge: 'KS0427' } },
    {
      type: 'check',
      payload: {
        passNo: 'Q7mZ2xKp9A',
        plate: '苏E12345',
        observations: { temps: [36.5, 36.7], plateMatch: true, note: '司机 张建国' },
        decision: 'RELEASE',
        reasons: ['pass.valid', 'temp.normal'],
        ruleSetVersion: 3,
        bundleAgeSec: 5400,
        staffBadge: 'KS0427',
      },
    },
    {
      type: 'check',
      payload: {
        passNo: null,
        plate: '鄂A12345',
        observations: { temps: [36.6], origin: '420100' },
        decision: 'ESCORT',
        reasons: ['keyarea.plate'],
        ruleSetVersion: 3,
        bundleAgeSec: null,
        staffBadge: 'KS0427',
      },
    },
    {
      type: 'escort_handover',
      payload: { checkEventId: escortCheckEventId, escortName: '王强', escortPhoneLast4: '8001', enterpriseUscc: '91350100M000100Y43', staffBadge: 'KS0427' },
    },
    { type: 'staff_sign_out', payload: { staffBadge: 'KS0427' } },
  ];
}
