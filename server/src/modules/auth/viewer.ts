import { Role } from '../users/user.enums.js';

/** Who is calling: a signed-in user (session cookie) or a partner system (API token acting for one merchant). */
export interface Viewer {
  userId: string;
  username: string;
  role: Role;
  /** The merchant profile a merchant user or partner token acts for. */
  merchantId: string | null;
  /** Set for partner-token calls; the token's id. */
  partnerTokenId: string | null;
  partnerTokenName: string | null;
  /** Set for session calls. */
  sessionId: string | null;
}

export const isStaff = (viewer: Viewer | null): boolean => viewer?.role === Role.OPS || viewer?.role === Role.ADMIN;

/** How an actor is named in the audit trail. */
export const actorLabel = (viewer: Viewer | null): string =>
  viewer === null ? 'system' : viewer.partnerTokenId ? `partner:${viewer.partnerTokenName}` : viewer.username;
