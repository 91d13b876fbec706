/**
 * Sound and vibration on a decision, so staff notice it without looking.
 * Best effort: no audio (autoplay policy, no hardware) or no vibration (iOS)
 * must never delay or break the decision screen.
 */
import type { DecisionKind } from '../../../../src/core/rules/decision.js';
import { DECISION_SOUND, DECISION_VIBRATION } from './decision-style.js';

let audio: AudioContext | null = null;

export function playDecisionSound(kind: DecisionKind): void {
  try {
    const Ctor = globalThis.AudioContext ?? (globalThis as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
    if (!Ctor) return;
    // One context for the page: browsers limit how many may exist.
    audio ??= new Ctor();
    if (audio.state === 'suspended') void audio.resume();
    let at = audio.currentTime + 0.01;
    for (const beep of DECISION_SOUND[kind]) {
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.type = 'square';
      osc.frequency.value = beep.hz;
      // Short ramps avoid clicks at start and end.
      gain.gain.setValueAtTime(0, at);
      gain.gain.linearRampToValueAtTime(0.25, at + 0.01);
      gain.gain.setValueAtTime(0.25, at + beep.ms / 1000 - 0.01);
      gain.gain.linearRampToValueAtTime(0, at + beep.ms / 1000);
      osc.connect(gain).connect(audio.destination);
      osc.start(at);
      osc.stop(at + beep.ms / 1000);
      at += (beep.ms + beep.gapMs) / 1000;
    }
  } catch {
    // no sound is better than no decision
  }
}

export function vibrateDecision(kind: DecisionKind): void {
  try {
    if (typeof navigator !== 'undefined' && typeof navigator.vibrate === 'function') navigator.vibrate([...DECISION_VIBRATION[kind]]);
  } catch {
    // unsupported: ignore
  }
}
