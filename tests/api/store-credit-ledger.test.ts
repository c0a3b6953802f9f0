// The store-credit ledger (issue 22 §3) against a real PostgreSQL: issue, spend, idempotency, refusals that write
// nothing, the append-only trigger, the case's timeline, and two transactions racing for the same credit.
import type { EntityManager } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DomainError } from '../../server/src/errors/domain-error.js';
import type { Actor } from '../../server/src/modules/returns/actor.js';
import { issueStoreCredit, spendStoreCredit, storeCreditBalance } from '../../server/src/modules/store-credit/store-credit.service.js';
import { demoCase } from '../helpers/fixtures.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db.js';

const ops: Actor = { kind: 'ops', userId: null, merchantId: null, label: 'ops.demo' };

describe('store credit ledger', () => {
  let db: TestDatabase;
  let customerId: string;
  let merchantId: string;
  let keyCounter = 0;
  const key = () => `test-key-${++keyCounter}`;

  const sql = async <T = any>(text: string, params: unknown[] = []): Promise<T[]> => db.orm.em.getConnection().execute<T[]>(text, params);
  const inTx = <T>(fn: (em: EntityManager) => Promise<T>): Promise<T> => db.orm.em.fork().transactional(fn);
  const movements = async () => sql<{ kind: string; amount_minor: number }>('select kind, amount_minor from store_credit_movements where customer_id = ? and merchant_id = ? order by seq', [customerId, merchantId]);
  const base = () => ({ customerId, merchantId, currency: 'USD', caseId: null, actor: ops });
  const issue = (amountMinor: number, bonusMinor = 0, idempotencyKey = key()) => inTx((em) => issueStoreCredit(em, { ...base(), amountMinor, bonusMinor, idempotencyKey }));
  const spend = (amountMinor: number, idempotencyKey = key()) => inTx((em) => spendStoreCredit(em, { ...base(), amountMinor, orderId: null, idempotencyKey }));
  const failure = async (promise: Promise<unknown>) => {
    const error = await promise.then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    return error as DomainError;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    [{ id: merchantId }] = await sql('select id from merchant_profiles where name = ?', ['Bazaar Marketplace']);
  });
  afterAll(() => db.drop());
  beforeEach(async () => {
    // A new customer per test keeps the tests independent without deleting from the append-only ledger.
    [{ id: customerId }] = await sql(`insert into users (id, username, email, display_name, role, active, password_hash, created_at, updated_at)
      values (gen_random_uuid(), ?, ?, 'Credit Tester', 'customer', true, 'x', now(), now()) returning id`, [`credit-${keyCounter}`, `credit-${keyCounter}@returnhub.test`]);
    keyCounter++;
  });

  it('issues credit and a bonus as two movements, spends it, and keeps the balance', async () => {
    expect(await inTx((em) => storeCreditBalance(em, customerId, merchantId))).toBe(0);
    expect(await issue(5_000, 500)).toEqual({ balanceMinor: 5_500, duplicate: false });
    expect(await spend(2_000)).toEqual({ balanceMinor: 3_500, duplicate: false });
    expect(await movements()).toEqual([
      { kind: 'ISSUED', amount_minor: 5_000 },
      { kind: 'BONUS', amount_minor: 500 },
      { kind: 'SPENT', amount_minor: -2_000 },
    ]);
    const [account] = await sql('select balance_minor, issued_minor, bonus_minor, spent_minor from store_credit_accounts where customer_id = ? and merchant_id = ?', [customerId, merchantId]);
    expect(account).toEqual({ balance_minor: 3_500, issued_minor: 5_000, bonus_minor: 500, spent_minor: 2_000 });
  });

  it('answers a repeated key with duplicate: true and writes nothing; a reused key with another amount is a CONFLICT', async () => {
    expect(await issue(1_000, 100, 'case-1:credit')).toEqual({ balanceMinor: 1_100, duplicate: false });
    expect(await issue(1_000, 100, 'case-1:credit')).toEqual({ balanceMinor: 1_100, duplicate: true });
    expect(await spend(300, 'order-1:credit')).toEqual({ balanceMinor: 800, duplicate: false });
    expect(await spend(300, 'order-1:credit')).toEqual({ balanceMinor: 800, duplicate: true });
    expect(await movements()).toHaveLength(3);
    const reused = await failure(spend(200, 'order-1:credit'));
    expect(reused.code).toBe('CONFLICT');
    expect(reused.details.rule).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await movements()).toHaveLength(3);
  });

  it('refuses to spend more than the balance with CONFLICT INSUFFICIENT_STORE_CREDIT and writes nothing; the key stays usable', async () => {
    const none = await failure(spend(1, 'k-none'));
    expect(none.code).toBe('CONFLICT');
    expect(none.details).toMatchObject({ rule: 'INSUFFICIENT_STORE_CREDIT', availableMinor: 0, neededMinor: 1 });
    expect(none.message).toMatch(/^Not enough store credit/);
    await issue(700);
    const tooMuch = await failure(spend(701, 'k-spend'));
    expect(tooMuch.details).toMatchObject({ rule: 'INSUFFICIENT_STORE_CREDIT', availableMinor: 700 });
    expect(await movements()).toEqual([{ kind: 'ISSUED', amount_minor: 700 }]);
    expect(await spend(700, 'k-spend')).toEqual({ balanceMinor: 0, duplicate: false });
  });

  it('refuses bad input with BAD_USER_INPUT and writes nothing', async () => {
    const cases: Array<[string, () => Promise<unknown>]> = [
      ['amountMinor', () => issue(0)],
      ['amountMinor', () => issue(-5)],
      ['amountMinor', () => issue(1.5)],
      ['bonusMinor', () => issue(100, -1)],
      ['amountMinor', () => spend(0)],
      ['idempotencyKey', () => issue(100, 0, '')],
      ['currency', () => inTx((em) => issueStoreCredit(em, { ...base(), currency: 'usd', amountMinor: 100, bonusMinor: 0, idempotencyKey: key() }))],
      ['customerId', () => inTx((em) => issueStoreCredit(em, { ...base(), customerId: 'nope', amountMinor: 100, bonusMinor: 0, idempotencyKey: key() }))],
    ];
    for (const [field, attempt] of cases) {
      const error = await failure(attempt());
      expect([error.code, error.details.field]).toEqual(['BAD_USER_INPUT', field]);
    }
    await issue(100);
    const otherCurrency = await failure(inTx((em) => issueStoreCredit(em, { ...base(), currency: 'EUR', amountMinor: 100, bonusMinor: 0, idempotencyKey: key() })));
    expect([otherCurrency.code, otherCurrency.details.field]).toEqual(['BAD_USER_INPUT', 'currency']);
    const otherCase = await demoCase(db.orm, 'submitted', 'customer.one');
    const notTheirs = await failure(inTx((em) => issueStoreCredit(em, { ...base(), caseId: otherCase.id, amountMinor: 100, bonusMinor: 0, idempotencyKey: key() })));
    expect([notTheirs.code, notTheirs.details.field]).toEqual(['BAD_USER_INPUT', 'caseId']);
    expect(await movements()).toEqual([{ kind: 'ISSUED', amount_minor: 100 }]);
  });

  it('keeps the ledger append-only and the balance non-negative in the database itself', async () => {
    await issue(100);
    await expect(sql('update store_credit_movements set amount_minor = 1 where merchant_id = ?', [merchantId])).rejects.toThrow(/append-only/);
    await expect(sql('delete from store_credit_movements where merchant_id = ?', [merchantId])).rejects.toThrow(/append-only/);
    await expect(sql('update store_credit_accounts set balance_minor = -1, spent_minor = 101 where merchant_id = ?', [merchantId])).rejects.toThrow(/check constraint/);
    await expect(sql('update store_credit_accounts set balance_minor = 99 where merchant_id = ?', [merchantId])).rejects.toThrow(/store_credit_accounts_totals/);
  });

  it("records a movement tied to a case on the case's timeline, in the same transaction", async () => {
    const [rc] = await sql<{ id: string; customer_id: string; merchant_id: string }>(
      "select id, customer_id, merchant_id from return_cases where status = 'refunded' order by number limit 1",
    );
    const onCase = { ...base(), customerId: rc.customer_id, merchantId: rc.merchant_id, caseId: rc.id };
    const issued = await inTx((em) => issueStoreCredit(em, { ...onCase, amountMinor: 1_200, bonusMinor: 120, idempotencyKey: `${rc.id}:credit` }));
    const before = issued.balanceMinor;
    await inTx((em) => spendStoreCredit(em, { ...onCase, amountMinor: 200, orderId: null, idempotencyKey: `${rc.id}:spend` }));
    const events = await sql<{ type: string; payload: Record<string, unknown>; actor_label: string }>(
      "select type, payload, actor_label from case_events where return_case_id = ? and type like 'store_credit_%' order by seq", [rc.id]);
    expect(events).toEqual([
      { type: 'store_credit_issued', actor_label: 'ops.demo', payload: { amountMinor: 1_200, bonusMinor: 120, currency: 'USD', balanceMinor: before } },
      { type: 'store_credit_spent', actor_label: 'ops.demo', payload: { amountMinor: 200, currency: 'USD', balanceMinor: before - 200, orderId: null } },
    ]);
    // A rolled-back caller leaves neither the movement nor the event.
    await expect(inTx(async (em) => {
      await issueStoreCredit(em, { ...onCase, amountMinor: 50, bonusMinor: 0, idempotencyKey: `${rc.id}:rolled-back` });
      throw new Error('caller failed');
    })).rejects.toThrow('caller failed');
    expect(await sql("select 1 from store_credit_movements where idempotency_key = ?", [`${rc.id}:rolled-back`])).toHaveLength(0);
    expect(await sql("select 1 from case_events where return_case_id = ? and type like 'store_credit_%'", [rc.id])).toHaveLength(2);
  });

  it('lets exactly one of two transactions racing for the same credit spend it', async () => {
    await issue(1_000);
    // Transaction A spends and holds its transaction open; B tries to spend the same credit meanwhile.
    let releaseA!: () => void;
    const aMayCommit = new Promise<void>((resolve) => (releaseA = resolve));
    let aSpent!: () => void;
    const aHasSpent = new Promise<void>((resolve) => (aSpent = resolve));
    const a = inTx(async (em) => {
      const result = await spendStoreCredit(em, { ...base(), amountMinor: 800, orderId: null, idempotencyKey: 'order-a' });
      aSpent();
      await aMayCommit;
      return result;
    });
    await aHasSpent;
    let bSettled = false;
    const b = spend(800, 'order-b').then((r) => r, (e: unknown) => e).finally(() => (bSettled = true));
    // B must be waiting on A's lock before A commits (no sleeps: ask PostgreSQL). B finishing first fails below.
    for (let waiting = 0; waiting === 0 && !bSettled;) {
      [{ n: waiting }] = await sql<{ n: number }>("select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'");
    }
    releaseA();
    expect(await a).toEqual({ balanceMinor: 200, duplicate: false });
    const lost = await b;
    expect(lost).toBeInstanceOf(DomainError);
    expect((lost as DomainError).details).toMatchObject({ rule: 'INSUFFICIENT_STORE_CREDIT', availableMinor: 200 });
    expect(await inTx((em) => storeCreditBalance(em, customerId, merchantId))).toBe(200);

    // And without any choreography: ten concurrent spends of 300 out of 1,000 — exactly three succeed.
    await issue(800);
    const results = await Promise.all(Array.from({ length: 10 }, (_, n) => spend(300, `burst-${n}`).then(() => 'ok', (e: DomainError) => e.details.rule)));
    expect(results.filter((r) => r === 'ok')).toHaveLength(3);
    expect(results.filter((r) => r === 'INSUFFICIENT_STORE_CREDIT')).toHaveLength(7);
    expect(await inTx((em) => storeCreditBalance(em, customerId, merchantId))).toBe(100);
  });
});
