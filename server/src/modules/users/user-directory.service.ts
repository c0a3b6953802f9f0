import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { preparedRows } from '../../db/plain-rows.js';
import { badInput, notFound } from '../../errors/domain-error.js';
import { batchLoader } from '../../shared/batch-loader.js';
import type { Clock } from '../../shared/clock.js';
import { isUuid } from '../../shared/ids.js';
import type { ConnectionShape } from '../../shared/connection.js';
import { creationOrderPage } from '../../shared/keyset.js';
import { ApiToken } from '../auth/api-token.entity.js';
import { Session } from '../auth/session.entity.js';
import { actorLabel, type Viewer } from '../auth/viewer.js';
import type { UserFilter } from './dto/user-filter.input.js';
import { MerchantProfile } from './merchant-profile.entity.js';
import { DIRECTORY_PAGE_SIZE, likePattern, pageWindow, type MerchantPage, type UserPage } from './user-directory.types.js';
import { UserAccessChange } from './user-access-change.entity.js';
import { User } from './user.entity.js';

/** The administrators' view of who uses the platform: users and merchants (admins only, per the rule map). */
export class UserDirectory {
  constructor(
    private readonly em: EntityManager,
    private readonly viewer: Viewer | null,
    private readonly clock: Clock,
  ) {}

  async users(filter: UserFilter | null | undefined, requestedPage: number | null | undefined): Promise<UserPage> {
    const where = this.userWhere(filter);
    const totalCount = await this.em.count(User, { $and: where });
    const { page, totalPages, offset } = pageWindow(requestedPage, totalCount);
    const items = await this.em.find(User, { $and: where }, { orderBy: { displayName: 'asc', id: 'asc' }, limit: DIRECTORY_PAGE_SIZE, offset });
    return { items, page, pageSize: DIRECTORY_PAGE_SIZE, totalCount, totalPages };
  }

  /** The same users as a cursor connection in creation order (for partner systems paging through). */
  userConnection(filter: UserFilter | null | undefined, first: number | null | undefined, after: string | null | undefined): Promise<ConnectionShape<User>> {
    return creationOrderPage(this.em, User, { $and: this.userWhere(filter) }, first, after);
  }

  /** The same merchants as a cursor connection in creation order. */
  merchantConnection(search: string | null | undefined, first: number | null | undefined, after: string | null | undefined): Promise<ConnectionShape<MerchantProfile>> {
    return creationOrderPage(this.em, MerchantProfile, this.merchantWhere(search), first, after);
  }

  private userWhere(filter: UserFilter | null | undefined): FilterQuery<User>[] {
    const where: FilterQuery<User>[] = [];
    const search = filter?.search?.trim();
    if (search) {
      const like = likePattern(search);
      where.push({ $or: [{ username: { $ilike: like } }, { displayName: { $ilike: like } }, { email: { $ilike: like } }] });
    }
    if (filter?.role) where.push({ role: filter.role });
    if (filter?.active !== undefined && filter?.active !== null) where.push({ active: filter.active });
    return where;
  }

  private merchantWhere(search: string | null | undefined): FilterQuery<MerchantProfile> {
    const term = search?.trim();
    return term ? { name: { $ilike: likePattern(term) } } : {};
  }

  async merchants(search: string | null | undefined, requestedPage: number | null | undefined): Promise<MerchantPage> {
    const where = this.merchantWhere(search);
    const totalCount = await this.em.count(MerchantProfile, where);
    const { page, totalPages, offset } = pageWindow(requestedPage, totalCount);
    const items = await this.em.find(MerchantProfile, where, { orderBy: { name: 'asc', id: 'asc' }, limit: DIRECTORY_PAGE_SIZE, offset });
    return { items, page, pageSize: DIRECTORY_PAGE_SIZE, totalCount, totalPages };
  }

  /** A user's access changes, newest first; the users of a list load together (one batch per tick). */
  async accessChanges(userId: string): Promise<UserAccessChange[]> {
    return (await this.loadAccessChanges(userId)) ?? [];
  }

  private readonly loadAccessChanges = batchLoader(async (userIds: string[]) => {
    const changes = await this.em.find(UserAccessChange, { user: { $in: userIds } }, { orderBy: { createdAt: 'desc', id: 'desc' } });
    const byUser = new Map<string, UserAccessChange[]>(userIds.map((id) => [id, []]));
    for (const change of changes) byUser.get(change.user.id)?.push(change);
    return byUser;
  });

  /** A user's newest access change, or null; the users of a list load together (one batch per tick). */
  async latestAccessChange(userId: string): Promise<UserAccessChange | null> {
    return (await this.loadLatestAccessChange(userId)) ?? null;
  }

  private readonly loadLatestAccessChange = batchLoader(async (userIds: string[]) => {
    // One per user, picked over the (user_id, created_at) index, then loaded as entities.
    const picked = await preparedRows<{ id: string }>(
      this.em,
      `select distinct on (user_id) id from user_access_changes where user_id = any($1::uuid[]) order by user_id, created_at desc, id desc`,
      [userIds],
    );
    const changes = picked.length ? await this.em.find(UserAccessChange, { id: { $in: picked.map((row) => row.id) } }) : [];
    return new Map(changes.map((change) => [change.user.id, change]));
  });

  /**
   * Deactivating signs the user out everywhere: their sessions are revoked, and so are the partner tokens that act
   * for their merchant or that they created (a secret they copied must not outlive their access). Reactivating lets
   * them sign in again; revoked sessions and tokens stay revoked. An admin cannot deactivate themselves. Each change
   * is audited (UserAccessChange); asking for the state a user already has changes and records nothing.
   */
  async setActive(userId: string, active: boolean): Promise<User> {
    return this.em.transactional(async (tx) => {
      const user = isUuid(userId) ? await tx.findOne(User, { id: userId }) : null;
      if (!user) throw notFound('User', userId);
      if (!active && user.id === this.viewer?.userId) throw badInput('You cannot deactivate your own account.', { field: 'id' });
      if (user.active === active) return user;
      user.active = active;
      tx.create(UserAccessChange, {
        user,
        actor: this.viewer ? tx.getReference(User, this.viewer.userId) : null,
        actorLabel: actorLabel(this.viewer),
        active,
        createdAt: this.clock.now(),
      });
      if (!active) {
        const now = this.clock.now();
        await tx.nativeUpdate(Session, { user: user.id, revokedAt: null }, { revokedAt: now });
        const merchant = await tx.findOne(MerchantProfile, { user: user.id });
        const tokens: FilterQuery<ApiToken>[] = [{ createdBy: user.id }];
        if (merchant) tokens.push({ merchant: merchant.id });
        await tx.nativeUpdate(ApiToken, { $or: tokens, revokedAt: null }, { revokedAt: now });
      }
      await tx.flush();
      return user;
    });
  }
}
