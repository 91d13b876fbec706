import type { User } from './identity.js';

/**
 * Who did something, for the audit trail and for the services that check
 * permissions: a signed-in user, an enrolled device (a checkpoint scanner), or
 * the server itself (`name` says which part: 'system', 'auth', 'bootstrap',
 * 'enrollment'). A request's `actor` is always a user; a device is
 * `request.device`, kept apart so code that needs a user never gets a device.
 */
/**
 * A signed-in user, or an API token acting for its creator: then `user` carries the token's role and
 * enterprise and is named `token:<id>` (what the audit log records), and `token` the scopes the access
 * plugin checks (plugins/bearer-auth.ts).
 */
export type UserActor = { kind: 'user'; user: User; token?: ActorToken };

/** The API token a request authenticated with. */
export interface ActorToken {
  id: string;
  scopes: readonly string[];
}
export type DeviceActor = { kind: 'device'; deviceId: string };
export type SystemActor = { kind: 'system'; name: string };
export type Actor = UserActor | DeviceActor | SystemActor;

export const userActor = (user: User): UserActor => ({ kind: 'user', user });
export const deviceActor = (deviceId: string): DeviceActor => ({ kind: 'device', deviceId });
export const systemActor = (name: string): SystemActor => ({ kind: 'system', name });

/** The server acting on its own (initial rule set, keys made at start). */
export const SYSTEM: SystemActor = systemActor('system');

/** Who acted, and from which address when it came over the network; the `by` of keys and rules. */
export interface ActedBy {
  actor: UserActor | SystemActor;
  ip?: string | null;
}
export const byUser = (actor: UserActor, ip: string): ActedBy => ({ actor, ip });
export const BY_SYSTEM: ActedBy = { actor: SYSTEM };

/** The audit log's actor columns. */
export function actorColumns(actor: Actor): { actorType: Actor['kind']; actorId: number | null; actorName: string } {
  switch (actor.kind) {
    case 'user':
      return { actorType: 'user', actorId: actor.user.id, actorName: actor.user.username };
    case 'device':
      return { actorType: 'device', actorId: null, actorName: actor.deviceId };
    case 'system':
      return { actorType: 'system', actorId: null, actorName: actor.name };
  }
}

/** The user's id, or null for the server or a device (authors and updaters of stored records). */
export const actorUserId = (actor: Actor): number | null => (actor.kind === 'user' ? actor.user.id : null);
/** How an author is shown: the user's display name, the device id, or the system's name. */
export const actorDisplayName = (actor: Actor): string =>
  actor.kind === 'user' ? actor.user.displayName : actor.kind === 'device' ? actor.deviceId : actor.name;
