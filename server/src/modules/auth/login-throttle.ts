import { DomainError, ErrorCode } from '../../errors/domain-error.js';
import type { RateCounters } from '../../shared/rate-counters.js';

/**
 * Password attempts allowed (SECURITY.md › Sign-in throttling). Every attempt is counted BEFORE its password is
 * checked, in PostgreSQL, so parallel attempts and API replicas share one count; a success gives its count back.
 */
export const LOGIN_THROTTLE = {
  windowMs: 15 * 60_000,
  /** Hard limit per account and address: the 11th attempt from one address at one account waits for the window. */
  perAccountAndAddress: 10,
  /** Hard limit per address across all accounts. */
  perAddress: 50,
  /**
   * Per account, from all addresses together, no hard lock (that would let anyone lock out a known admin): past
   * this many attempts in the window, an address that already failed at the account waits a delay between
   * attempts, doubling from 1 s up to `accountDelayMaxMs`; an address with no attempts at the account is not delayed.
   */
  accountDelayAfter: 20,
  accountDelayMaxMs: 10_000,
} as const;

export const rateLimited = (secondsLeft: number, message = `Too many sign-in attempts. Try again in ${secondsLeft} s.`) =>
  new DomainError(ErrorCode.RATE_LIMITED, message, { retryAfterSeconds: secondsLeft });

/** The password throttle of sign-in and of changing one's password. */
export class LoginThrottle {
  constructor(private readonly counters: RateCounters) {}

  /** Counts one password attempt; refuses with RATE_LIMITED (and the seconds to wait) when over a limit. */
  async admit(username: string, address: string): Promise<void> {
    const { windowMs } = LOGIN_THROTTLE;
    const pair = await this.counters.hit(pairKey(username, address), windowMs);
    if (pair.hits > LOGIN_THROTTLE.perAccountAndAddress) throw rateLimited(pair.secondsLeft);
    const byAddress = await this.counters.hit(addressKey(address), windowMs);
    if (byAddress.hits > LOGIN_THROTTLE.perAddress) throw rateLimited(byAddress.secondsLeft);
    const account = await this.counters.hit(accountKey(username), windowMs);
    const over = account.hits - LOGIN_THROTTLE.accountDelayAfter;
    if (over > 0 && pair.hits > 1) {
      // One attempt per delay from the addresses already failing here: the gate's window is the delay.
      const delayMs = Math.min(1000 * 2 ** Math.min(over - 1, 20), LOGIN_THROTTLE.accountDelayMaxMs);
      const gate = await this.counters.hit(`login:account-delay:${username}`, delayMs);
      if (gate.hits > 1) throw rateLimited(gate.secondsLeft);
    }
  }

  /** The password was right: the pair starts afresh and this attempt no longer counts against the address or account. */
  async succeeded(username: string, address: string): Promise<void> {
    await this.counters.forget(pairKey(username, address));
    await this.counters.giveBack(addressKey(address));
    await this.counters.giveBack(accountKey(username));
  }
}

const pairKey = (username: string, address: string) => `login:pair:${username.slice(0, 64)} ${address.slice(0, 64)}`;
const addressKey = (address: string) => `login:address:${address.slice(0, 64)}`;
const accountKey = (username: string) => `login:account:${username.slice(0, 64)}`;
