// The setting of the vehicle and people registry tests (no tests here).
import type { Test } from 'tap';
import { setup, type TestContext } from './app.js';
import { loggedIn, type Client } from './client.js';
import { creditCode } from './credit-code.js';
import type { UserActor } from '../../src/server/types.js';

/** Two enterprises with a signed-in user each, and a signed-in bureau officer. */
export interface TwoEnterprises {
  ctx: TestContext;
  /** the user of enterprise A */
  a: Client;
  /** the user of enterprise B */
  b: Client;
  officer: Client;
  entA: number;
  entB: number;
  userA: number;
  officerId: number;
}

let ip = 1;

/** A fresh app with its two enterprises; each sign-in comes from an address of its own (the login rate limit is per address). */
export async function twoEnterprises(t: Test): Promise<TwoEnterprises> {
  const ctx = await setup(t);
  const entA = await ctx.enterprise('昆山甲精密机械有限公司', creditCode(1));
  const entB = await ctx.enterprise('昆山乙物流有限公司', creditCode(2));
  const userA = await ctx.user('enterprise_user', 'ent-a', entA);
  await ctx.user('enterprise_user', 'ent-b', entB);
  const officerId = await ctx.user('bureau_officer', 'officer');
  const login = (u: string) => loggedIn(ctx.app, u, { remoteAddress: `10.1.0.${ip++}` });
  return { ctx, a: await login('ent-a'), b: await login('ent-b'), officer: await login('officer'), entA, entB, userA, officerId };
}

/** The actor of a user, for calling a service directly. */
export async function actorOf(ctx: TestContext, userId: number): Promise<UserActor> {
  return { kind: 'user', user: (await ctx.repos.users.get(userId))! };
}

/** The HTTP status a service call throws with (0: it did not throw). */
export function statusOf(fn: () => unknown): number {
  try {
    fn();
    return 0;
  } catch (err) {
    return (err as { status?: number }).status ?? -1;
  }
}

/** statusOf for an async call: the status of the Problem it rejects with, 0 when it resolves. */
export async function asyncStatusOf(fn: () => Promise<unknown>): Promise<number> {
  try {
    await fn();
    return 0;
  } catch (err) {
    return (err as { status?: number }).status ?? -1;
  }
}

/** An application/problem+json body. */
export type Problem = { code: string; status: number; errors?: Array<{ path: string; message: string }> };
