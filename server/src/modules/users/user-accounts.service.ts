import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, conflict, notFound } from '../../errors/domain-error.js';
import type { Clock } from '../../shared/clock.js';
import { DEMO_PASSWORD, hashPassword } from '../auth/passwords.js';
import { Session } from '../auth/session.entity.js';
import { CustomerProfile } from './customer-profile.entity.js';
import { MerchantProfile } from './merchant-profile.entity.js';
import { Role } from './user.enums.js';
import { User } from './user.entity.js';

export const MIN_PASSWORD_LENGTH = 12;

export interface NewUser {
  username: string;
  /** ADMIN, OPS, MERCHANT or CUSTOMER (any case). */
  role: string;
  password: string;
  displayName?: string;
  email?: string;
  /** A merchant's shop name; default: the display name. */
  merchantName?: string;
}

/** Parses a role name as operators type it (`ADMIN`, `merchant`…). */
export function parseRole(raw: string): Role {
  const role = Object.values(Role).find((value) => value === raw.trim().toLowerCase());
  if (!role) throw badInput(`Unknown role "${raw}": use one of ${Object.keys(Role).join(', ')}.`, { field: 'role' });
  return role;
}

/** A new password: at least 12 characters, and never the demo password where it is not allowed (production). */
export function checkNewPassword(password: string, policy: { allowDemoPassword: boolean }): void {
  if (password.length < MIN_PASSWORD_LENGTH) throw badInput(`The password must have at least ${MIN_PASSWORD_LENGTH} characters.`, { field: 'password' });
  if (password === DEMO_PASSWORD && !policy.allowDemoPassword) throw badInput('The demo password is refused in production; choose another.', { field: 'password' });
}

/**
 * Creating users and setting their passwords outside the web app (the operators' `npm run users`), with the
 * profile each role needs: a merchant gets a MerchantProfile with the default return policy, a customer a
 * CustomerProfile. Every refusal is a coded DomainError and changes nothing.
 */
export class UserAccounts {
  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
    private readonly policy: { allowDemoPassword: boolean },
  ) {}

  async create(input: NewUser): Promise<{ user: User; merchant: MerchantProfile | null }> {
    const role = parseRole(input.role);
    // Sign-in lower-cases what it is given (AuthService.login): usernames are stored that way.
    const username = input.username.trim().toLowerCase();
    if (!/^[a-z0-9][a-z0-9._-]{2,63}$/.test(username)) {
      throw badInput('The username must be 3-64 letters, digits, dots, underscores or hyphens, starting with a letter or digit.', { field: 'username' });
    }
    const displayName = (input.displayName ?? username).trim();
    if (displayName.length === 0 || displayName.length > 120) throw badInput('The display name must be 1-120 characters.', { field: 'displayName' });
    // `.invalid` is reserved: an address that can never receive mail, until an administrator sets a real one.
    const email = (input.email ?? `${username}@users.invalid`).trim();
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 254) throw badInput(`"${email}" is not an e-mail address.`, { field: 'email' });
    const merchantName = (input.merchantName ?? displayName).trim();
    if (role === Role.MERCHANT && (merchantName.length === 0 || merchantName.length > 120)) throw badInput('The merchant name must be 1-120 characters.', { field: 'merchantName' });
    checkNewPassword(input.password, this.policy);
    const passwordHash = await hashPassword(input.password);

    try {
      return await this.em.transactional(async (tx) => {
        if (await tx.count(User, { username: { $ilike: username } })) throw conflict(`A user named "${username}" already exists.`, { field: 'username' });
        if (await tx.count(User, { email: { $ilike: email } })) throw conflict(`A user with the e-mail address ${email} already exists.`, { field: 'email' });
        const now = this.clock.now();
        const user = tx.create(User, { username, email, displayName, role, passwordHash, createdAt: now, updatedAt: now });
        const merchant = role === Role.MERCHANT ? tx.create(MerchantProfile, { user, name: merchantName, createdAt: now }) : null;
        if (role === Role.CUSTOMER) tx.create(CustomerProfile, { user });
        await tx.flush();
        return { user, merchant };
      });
    } catch (error) {
      // Two creations racing for one name: the unique index decides, the loser gets the same answer.
      if (error instanceof UniqueConstraintViolationException) throw conflict(`A user named "${username}" or with the address ${email} already exists.`);
      throw error;
    }
  }

  /** Sets a new password and signs the user out everywhere (every session revoked). */
  async setPassword(username: string, password: string): Promise<{ user: User; revokedSessions: number }> {
    checkNewPassword(password, this.policy);
    const passwordHash = await hashPassword(password);
    return this.em.transactional(async (tx) => {
      const user = await tx.findOne(User, { username: username.trim().toLowerCase() });
      if (!user) throw notFound('User', username);
      await tx.nativeUpdate(User, { id: user.id }, { passwordHash, updatedAt: this.clock.now() });
      const revokedSessions = await tx.nativeUpdate(Session, { user: user.id, revokedAt: null }, { revokedAt: this.clock.now() });
      return { user, revokedSessions };
    });
  }
}
