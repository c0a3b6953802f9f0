import type { Viewer } from '../auth/viewer.js';
import { actorLabel } from '../auth/viewer.js';

export type ActorKind = 'customer' | 'merchant' | 'ops' | 'admin' | 'system';

/** Who performs a change: a person, a partner system (acting as its merchant), or the system's own jobs. */
export interface Actor {
  kind: ActorKind;
  userId: string | null;
  merchantId: string | null;
  label: string;
}

export const SYSTEM_ACTOR: Actor = { kind: 'system', userId: null, merchantId: null, label: 'system' };

export const actorOf = (viewer: Viewer): Actor => ({
  kind: viewer.role as ActorKind,
  userId: viewer.userId,
  merchantId: viewer.merchantId,
  label: actorLabel(viewer),
});

export const isStaffActor = (actor: Actor): boolean => actor.kind === 'ops' || actor.kind === 'admin';
