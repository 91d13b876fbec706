import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { AuthFailuresRepo } from './failures-repository.js';
import { Problem, RateLimited } from '../../problem.js';

/**
 * Throttling of password guesses that no stranger can turn into a lock-out.
 *
 * Only failures count (a successful sign-in costs nothing), in three scopes:
 * - per address: 10 failed checks a minute, whatever the account (one host
 *   spraying many accounts) → 429 for that address;
 * - per address and account: 5 failures in 15 minutes → 429 for that pair;
 * - per account: past 10 failures in 15 minutes from anywhere the account is
 *   under attack, and every attempt on it waits `guardDelayMs` before its
 *   password is checked — but is never refused on the account's count alone.
 *   A botnet gets at most 5 guesses per address per 15 minutes, each slowed;
 *   the owner, from an address that has not failed, still signs in.
 * An attempt is recorded as a failure before the password is checked (so a
 * burst of parallel guesses counts at once) and the record is removed when
 * the password was right.
 */
export interface FailureRule {
  max: number;
  windowMs: number;
}
export const LOGIN_LIMITS = {
  perAddress: { max: 10, windowMs: 60_000 },
  perAddressAccount: { max: 5, windowMs: 15 * 60_000 },
  accountGuard: { max: 10, windowMs: 15 * 60_000, delayMs: 2_000 },
} as const;
/** Changing a password needs the current one: the same guessing, by whoever holds a session. */
export const PASSWORD_CHANGE_LIMITS = {
  perAddress: LOGIN_LIMITS.perAddress,
  perAccount: { max: 5, windowMs: 15 * 60_000 },
} as const;
const LONGEST_WINDOW_MS = 15 * 60_000;

/** The account name as every sign-in path normalises it. */
export const accountKey = (username: unknown): string =>
  typeof username === 'string' ? username.trim().toLowerCase().slice(0, 64) : '';

const hashKey = (...parts: string[]) => createHash('sha256').update(parts.join('\u0000')).digest('base64url');

export interface Attempt {
  /** The password was right: this attempt is no failure (its records are removed; await it). */
  succeeded(): Promise<void>;
}

export interface GuessLimiterOptions {
  now?: () => number;
  guardDelayMs?: number;
}

export function guessLimiter(failures: AuthFailuresRepo, opts: GuessLimiterOptions = {}) {
  const now = opts.now ?? Date.now;
  const guardDelayMs = opts.guardDelayMs ?? LOGIN_LIMITS.accountGuard.delayMs;
  let lastPurge = 0;

  /** Throws 429 (Retry-After: when the oldest failure leaves the window) once the scope is full. */
  async function refuseIfFull(scope: string, key: string, rule: FailureRule, at: number): Promise<void> {
    const { n, oldest } = await failures.inWindow(scope, key, at - rule.windowMs);
    if (n >= rule.max) throw new RateLimited(Math.max(1, Math.ceil(((oldest ?? at) + rule.windowMs - at) / 1000)));
  }

  /**
   * Refuses when a scope is full, else records the attempt as a failure in every scope: in one exclusive
   * transaction (failures-repository.ts), so parallel attempts are counted one after the other.
   */
  function checkAndRecord(checks: Array<[string, string, FailureRule]>, rows: Array<[string, string]>, at: number): Promise<Attempt> {
    return failures.exclusive(async () => {
      for (const [scope, key, rule] of checks) await refuseIfFull(scope, key, rule, at);
      const ids: number[] = [];
      for (const [scope, key] of rows) ids.push(await failures.add(scope, key, at));
      return {
        succeeded: async () => {
          for (const id of ids) await failures.remove(id);
        },
      };
    });
  }

  async function purge(at: number): Promise<void> {
    if (at - lastPurge < 60_000) return;
    lastPurge = at;
    await failures.purgeBefore(at - LONGEST_WINDOW_MS);
  }

  return {
    /** Before a sign-in's password is checked: refuses, waits, or lets it through (recorded as a failure until `succeeded`). */
    async signIn(ip: string, username: unknown): Promise<Attempt> {
      const at = now();
      await purge(at);
      const address = hashKey(ip);
      const pair = hashKey(ip, accountKey(username));
      const account = hashKey(accountKey(username));
      const attempt = await checkAndRecord(
        [['ip', address, LOGIN_LIMITS.perAddress], ['ip+account', pair, LOGIN_LIMITS.perAddressAccount]],
        [['ip', address], ['ip+account', pair], ['account', account]],
        at,
      );
      const guard = LOGIN_LIMITS.accountGuard;
      // This attempt is already counted, hence `>`: the eleventh failure in the window is the first slowed.
      if ((await failures.inWindow('account', account, at - guard.windowMs)).n > guard.max) await sleep(guardDelayMs);
      return attempt;
    },

    /** Runs a password change under the guess limits: only a wrong current password counts as a failure. */
    async passwordChange<T>(ip: string, userId: number, change: () => Promise<T>): Promise<T> {
      const at = now();
      await purge(at);
      const address = hashKey(ip);
      const account = hashKey(`user:${userId}`);
      const attempt = await checkAndRecord(
        [['ip', address, PASSWORD_CHANGE_LIMITS.perAddress], ['pw-change', account, PASSWORD_CHANGE_LIMITS.perAccount]],
        [['ip', address], ['pw-change', account]],
        at,
      );
      try {
        const result = await change();
        await attempt.succeeded();
        return result;
      } catch (err) {
        if (!(err instanceof Problem && err.code === 'wrong_password')) await attempt.succeeded();
        throw err;
      }
    },
  };
}
export type GuessLimiter = ReturnType<typeof guessLimiter>;
