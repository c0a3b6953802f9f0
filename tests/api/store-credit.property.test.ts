// Property (issue 22 §3): for any sequence of issues, spends and repeats against a real PostgreSQL, the ledger's sum
// equals the account's balance (and its totals), the balance never goes below zero, a spend larger than the balance
// is refused and writes nothing, and a repeated idempotency key is a no-op answering duplicate: true.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../server/src/errors/domain-error.js';
import type { Actor } from '../../server/src/modules/returns/actor.js';
import { issueStoreCredit, spendStoreCredit, storeCreditBalance } from '../../server/src/modules/store-credit/store-credit.service.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db.js';

const system: Actor = { kind: 'system', userId: null, merchantId: null, label: 'system' };

type Command =
  | { op: 'issue'; amountMinor: number; bonusMinor: number }
  | { op: 'spend'; amountMinor: number }
  | { op: 'repeat'; pick: number };

const commandArb: fc.Arbitrary<Command> = fc.oneof(
  fc.record({ op: fc.constant('issue' as const), amountMinor: fc.integer({ min: 1, max: 20_000 }), bonusMinor: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 2_000 })) }),
  fc.record({ op: fc.constant('spend' as const), amountMinor: fc.integer({ min: 1, max: 25_000 }) }),
  fc.record({ op: fc.constant('repeat' as const), pick: fc.nat() }),
);

describe('store credit ledger (property)', () => {
  let db: TestDatabase;
  let merchantId: string;
  let run = 0;
  const sql = <T = any>(text: string, params: unknown[] = []): Promise<T[]> => db.orm.em.getConnection().execute<T[]>(text, params);

  beforeAll(async () => {
    db = await createTestDatabase();
    [{ id: merchantId }] = await sql('select id from merchant_profiles where name = ?', ['Northwind Goods']);
  });
  afterAll(() => db.drop());

  it('keeps sum(ledger) = balance ≥ 0 over random issue/spend/repeat sequences', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(commandArb, { minLength: 1, maxLength: 14 }), async (commands) => {
        run++;
        const [{ id: customerId }] = await sql(`insert into users (id, username, email, display_name, role, active, password_hash, created_at, updated_at)
          values (gen_random_uuid(), ?, ?, 'Prop', 'customer', true, 'x', now(), now()) returning id`, [`prop-${run}`, `prop-${run}@returnhub.test`]);
        const base = { customerId, merchantId, currency: 'USD', caseId: null, actor: system };
        let balance = 0;
        let rows = 0;
        const done: Array<Exclude<Command, { op: 'repeat' }> & { key: string }> = [];

        for (const [n, command] of commands.entries()) {
          const replay = command.op === 'repeat' ? done[command.pick % Math.max(done.length, 1)] : undefined;
          if (command.op === 'repeat' && !replay) continue;
          const step = replay ?? { ...(command as Exclude<Command, { op: 'repeat' }>), key: `k-${n}` };
          const attempt = db.orm.em.fork().transactional((em) =>
            step.op === 'issue'
              ? issueStoreCredit(em, { ...base, amountMinor: step.amountMinor, bonusMinor: step.bonusMinor, idempotencyKey: step.key })
              : spendStoreCredit(em, { ...base, amountMinor: step.amountMinor, orderId: null, idempotencyKey: step.key }),
          );
          const result = await attempt.catch((error: unknown) => error);

          if (replay) {
            expect(result).toEqual({ balanceMinor: balance, duplicate: true });
          } else if (step.op === 'issue') {
            balance += step.amountMinor + step.bonusMinor;
            rows += step.bonusMinor > 0 ? 2 : 1;
            expect(result).toEqual({ balanceMinor: balance, duplicate: false });
            done.push(step);
          } else if (step.amountMinor > balance) {
            expect(result).toBeInstanceOf(DomainError);
            expect((result as DomainError).details).toMatchObject({ rule: 'INSUFFICIENT_STORE_CREDIT', availableMinor: balance });
          } else {
            balance -= step.amountMinor;
            rows += 1;
            expect(result).toEqual({ balanceMinor: balance, duplicate: false });
            done.push(step);
          }
        }

        const [ledger] = await sql(
          `select count(*)::int as rows, coalesce(sum(amount_minor), 0)::int as sum, coalesce(min(balance_after_minor), 0)::int as lowest
             from store_credit_movements where customer_id = ? and merchant_id = ?`, [customerId, merchantId]);
        const [account] = await sql('select balance_minor, issued_minor + bonus_minor - spent_minor as totals from store_credit_accounts where customer_id = ? and merchant_id = ?', [customerId, merchantId]);
        expect(ledger).toEqual({ rows, sum: balance, lowest: expect.any(Number) });
        expect(ledger.lowest).toBeGreaterThanOrEqual(0);
        if (account) expect([account.balance_minor, account.totals]).toEqual([balance, balance]);
        expect(await db.orm.em.fork().transactional((em) => storeCreditBalance(em, customerId, merchantId))).toBe(balance);
      }),
      { numRuns: 100 },
    );
  });
});
