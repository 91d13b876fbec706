/**
 * How each decision looks, sounds and feels. Words follow the domain brief's
 * decision table (shared/domain/README.md): 直接放行, 企业接车, 留观,
 * 不予快速通行, 人工处理. Sounds and vibrations differ in rhythm, not only
 * pitch, so they can be told apart in traffic noise and with a phone in a
 * pocket; the good news is short, the bad news long.
 */
import type { DecisionKind } from '../../../../src/core/rules/decision.js';
import type { CharterDecisionKind } from '../../../../src/core/events/event.js';

export interface DecisionLook {
  /** CSS class suffix: background colour and a text colour with enough contrast on it. */
  tone: 'release' | 'escort' | 'hold' | 'refuse' | 'manual';
  zh: string;
  en: string;
}

export const DECISION_LOOK: Readonly<Record<DecisionKind, DecisionLook>> = {
  RELEASE: { tone: 'release', zh: '直接放行', en: 'RELEASE' },
  ESCORT: { tone: 'escort', zh: '企业接车', en: 'ESCORT' },
  HOLD: { tone: 'hold', zh: '留观', en: 'HOLD' },
  REFUSE: { tone: 'refuse', zh: '不予快速通行', en: 'REFUSE' },
  MANUAL: { tone: 'manual', zh: '人工处理', en: 'MANUAL' },
};

/**
 * A charter coach's decision: the priority lane's words (不予优先通行); CUSTODY
 * looks like the freight ESCORT: releasable, with a duty for the enterprise.
 */
export const CHARTER_LOOK: Readonly<Record<CharterDecisionKind, DecisionLook>> = {
  RELEASE: { tone: 'release', zh: '直接放行', en: 'RELEASE' },
  CUSTODY: { tone: 'escort', zh: '企业接收隔离', en: 'CUSTODY' },
  MANUAL: { tone: 'manual', zh: '人工处理', en: 'MANUAL' },
  REFUSE: { tone: 'refuse', zh: '不予优先通行', en: 'REFUSE' },
  HOLD: { tone: 'hold', zh: '留观', en: 'HOLD' },
};

/** One beep: frequency in Hz, duration and pause after, in ms. */
export interface Beep {
  hz: number;
  ms: number;
  gapMs: number;
}

export const DECISION_SOUND: Readonly<Record<DecisionKind, readonly Beep[]>> = {
  RELEASE: [{ hz: 1320, ms: 150, gapMs: 0 }],
  ESCORT: [
    { hz: 880, ms: 150, gapMs: 100 },
    { hz: 880, ms: 150, gapMs: 0 },
  ],
  MANUAL: [
    { hz: 660, ms: 200, gapMs: 80 },
    { hz: 990, ms: 200, gapMs: 0 },
  ],
  REFUSE: [
    { hz: 440, ms: 250, gapMs: 100 },
    { hz: 440, ms: 250, gapMs: 100 },
    { hz: 440, ms: 250, gapMs: 0 },
  ],
  HOLD: [
    { hz: 330, ms: 600, gapMs: 150 },
    { hz: 330, ms: 600, gapMs: 0 },
  ],
};

/** navigator.vibrate patterns (on, off, on… in ms), mirroring the sounds. */
export const DECISION_VIBRATION: Readonly<Record<DecisionKind, readonly number[]>> = {
  RELEASE: [120],
  ESCORT: [150, 100, 150],
  MANUAL: [200, 80, 200],
  REFUSE: [250, 100, 250, 100, 250],
  HOLD: [600, 150, 600],
};
