import type { EntityManager } from '@mikro-orm/postgresql';
import type { Config } from '../../config.js';
import { preparedRows } from '../../db/plain-rows.js';
import { DomainError, ErrorCode, badInput, notFound, unauthenticated } from '../../errors/domain-error.js';
import type { Clock } from '../../shared/clock.js';
import { DAY_MS } from '../../shared/clock.js';
import { isUuid } from '../../shared/ids.js';
import { RateCounters } from '../../shared/rate-counters.js';
import { digest, newSecret } from '../../shared/secrets.js';
import { managedMerchantScope, managesMerchant, merchantToActFor } from '../access/access.js';
import { MerchantProfile } from '../users/merchant-profile.entity.js';
import { User } from '../users/user.entity.js';
import { Role } from '../users/user.enums.js';
import { ApiToken } from './api-token.entity.js';
import { LoginThrottle } from './login-throttle.js';
import { DEMO_PASSWORD, hashPassword, passwordProblem, verifyPassword } from './passwords.js';
import { Session } from './session.entity.js';
import type { Viewer } from './viewer.js';

export const SESSION_COOKIE = 'rh_session';
export const PARTNER_TOKEN_PREFIX = 'rhp_';

export interface SignedIn {
  user: User;
  /** The cookie value; only its digest is stored. */
  sessionSecret: string;
  expiresAt: Date;
}

/**
 * Sign-in, sessions and partner tokens. Only digests of secrets are stored; password attempts are throttled
 * (login-throttle.ts) and failures always answer with the same generic message.
 */
export class AuthService {
  private readonly throttle: LoginThrottle;

  constructor(
    private readonly em: EntityManager,
    private readonly config: Config,
    private readonly clock: Clock,
  ) {
    this.throttle = new LoginThrottle(new RateCounters(em, clock));
  }

  async login(usernameInput: string, password: string, address: string, previousSessionSecret?: string): Promise<SignedIn> {
    const username = usernameInput.trim().toLowerCase();
    await this.throttle.admit(username, address);

    const user = await this.em.findOne(User, { username }, { populate: ['passwordHash'] });
    const valid = await verifyPassword(user?.passwordHash, password);
    if (!user || !valid || !user.active) throw unauthenticated('Invalid username or password.');
    if (password === DEMO_PASSWORD && !this.config.allowDemoPassword) {
      throw new DomainError(ErrorCode.FORBIDDEN, 'The demo password is refused in production. Ask an administrator to set a real password.');
    }

    await this.throttle.succeeded(username, address);
    const now = this.clock.now();
    // Rotate: a sign-in never keeps the session id the browser came with.
    if (previousSessionSecret) await this.revokeSession(previousSessionSecret);
    const sessionSecret = newSecret();
    const expiresAt = new Date(now.getTime() + this.config.sessionTtlDays * DAY_MS);
    this.em.create(Session, { tokenHash: digest(sessionSecret), user, createdAt: now, expiresAt });
    await this.em.flush();
    return { user, sessionSecret, expiresAt };
  }

  /**
   * Changes the signed-in person's password: the current one is checked (and throttled like sign-in), the new one
   * must meet the policy, and every other session of the user is revoked; the one making the change stays.
   */
  async changePassword(viewer: Viewer, currentPassword: string, newPassword: string, address: string): Promise<void> {
    if (!viewer.sessionId) throw new DomainError(ErrorCode.FORBIDDEN, 'Sign in with a password to change it.');
    const problem = passwordProblem(newPassword, this.config.allowDemoPassword);
    if (problem) throw badInput(problem, { field: 'newPassword' });
    await this.throttle.admit(viewer.username, address);
    const user = await this.em.findOneOrFail(User, { id: viewer.userId }, { populate: ['passwordHash'] });
    if (!(await verifyPassword(user.passwordHash, currentPassword))) {
      throw badInput('The current password is not right.', { field: 'currentPassword' });
    }
    await this.throttle.succeeded(viewer.username, address);
    const passwordHash = await hashPassword(newPassword);
    const now = this.clock.now();
    await this.em.transactional(async (em) => {
      await em.nativeUpdate(User, { id: viewer.userId }, { passwordHash });
      await em.nativeUpdate(Session, { user: viewer.userId, revokedAt: null, id: { $ne: viewer.sessionId! } }, { revokedAt: now });
    });
  }

  /** `me`: the signed-in user, or null. */
  signedInUser(viewer: Viewer | null): Promise<User | null> {
    return viewer ? this.em.findOneOrFail(User, viewer.userId) : Promise.resolve(null);
  }

  async revokeSession(sessionSecret: string): Promise<void> {
    await this.em.nativeUpdate(Session, { tokenHash: digest(sessionSecret), revokedAt: null }, { revokedAt: this.clock.now() });
  }

  /** Creates a partner token for a merchant; the secret is returned once and never again. */
  async createApiToken(viewer: Viewer, name: string, merchantId: string | null): Promise<{ token: ApiToken; secret: string }> {
    const trimmed = name.trim();
    if (trimmed.length < 1 || trimmed.length > 80) throw badInput('A token needs a name of 1 to 80 characters.');
    const targetId = merchantToActFor(viewer, merchantId);
    if (!targetId) throw badInput('Choose the merchant this token acts for.');
    if (!isUuid(targetId)) throw notFound('Merchant', targetId);
    const merchant = await this.em.findOne(MerchantProfile, { id: targetId });
    if (!merchant || !managesMerchant(viewer, merchant.id)) throw notFound('Merchant', targetId);
    const secret = newSecret(PARTNER_TOKEN_PREFIX);
    const token = this.em.create(ApiToken, {
      name: trimmed,
      prefix: secret.slice(0, 10),
      tokenHash: digest(secret),
      merchant,
      createdBy: this.em.getReference(User, viewer.userId),
      createdAt: this.clock.now(),
    });
    await this.em.flush();
    return { token, secret };
  }

  listApiTokens(viewer: Viewer): Promise<ApiToken[]> {
    return this.em.find(ApiToken, managedMerchantScope(viewer), { orderBy: { createdAt: 'desc' } });
  }

  async revokeApiToken(viewer: Viewer, id: string): Promise<ApiToken> {
    const token = isUuid(id) ? await this.em.findOne(ApiToken, { id }) : null;
    if (!token || !managesMerchant(viewer, token.merchant.id)) throw notFound('API token', id);
    token.revokedAt ??= this.clock.now();
    await this.em.flush();
    return token;
  }
}

interface ViewerRow {
  user_id: string;
  username: string;
  role: Role;
  merchant_id: string | null;
  session_id: string | null;
  token_id: string | null;
  token_name: string | null;
}

/**
 * Who is calling, in one query. A bearer token is a partner token and nothing else; when a request carries one,
 * cookies are ignored, so a partner call can never ride on a browser session (and the reverse: cookies never
 * carry partner tokens).
 */
export async function resolveViewer(
  em: EntityManager,
  now: Date,
  credentials: { sessionSecret?: string; bearerToken?: string },
): Promise<Viewer | null> {
  // Prepared statements (planned once per connection): every request of the API starts here.
  let row: ViewerRow | undefined;
  if (credentials.bearerToken !== undefined) {
    if (!credentials.bearerToken.startsWith(PARTNER_TOKEN_PREFIX)) return null;
    [row] = await preparedRows<ViewerRow>(
      em,
      `select u.id as user_id, u.username, 'merchant' as role, t.merchant_id, null as session_id, t.id as token_id, t.name as token_name
         from api_tokens t join merchant_profiles m on m.id = t.merchant_id join users u on u.id = m.user_id
        where t.token_hash = $1 and t.revoked_at is null and u.active`,
      [digest(credentials.bearerToken)],
    );
  } else if (credentials.sessionSecret) {
    [row] = await preparedRows<ViewerRow>(
      em,
      `select u.id as user_id, u.username, u.role, m.id as merchant_id, s.id as session_id, null as token_id, null as token_name
         from sessions s join users u on u.id = s.user_id left join merchant_profiles m on m.user_id = u.id
        where s.token_hash = $1 and s.revoked_at is null and s.expires_at > $2 and u.active`,
      [digest(credentials.sessionSecret), now],
    );
  }
  if (!row) return null;
  return {
    userId: row.user_id,
    username: row.username,
    role: row.role,
    merchantId: row.merchant_id,
    partnerTokenId: row.token_id,
    partnerTokenName: row.token_name,
    sessionId: row.session_id,
  };
}
