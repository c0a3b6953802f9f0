import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, conflict } from '../../errors/domain-error.js';
import type { Actor } from '../returns/actor.js';
import { caseChangeRows } from '../returns/case-changes.js';

/**
 * Store credit (issue 22 §3): one account per (customer, merchant) and its append-only ledger of movements, in
 * integer minor units. Every function runs inside the CALLER's transaction (`em` is that transaction's manager), so
 * credit moves together with whatever caused it, or not at all.
 *
 * Races: each movement first locks the account row (`for update`), so two movements of one account run one after
 * the other; the spend's UPDATE is also conditional (`balance_minor >= amount`) and the table's CHECK refuses a
 * negative balance, so two spends racing for the same credit cannot both succeed.
 *
 * Idempotency: a movement's key is unique per account and kind; calling again with a key already used answers
 * `duplicate: true` and the current balance, and writes nothing.
 *
 * Audit: every movement row records who made it (actor and label, as the other audit tables do) and is never
 * updated or deleted (a database trigger); a movement tied to a case also writes an event on the case's timeline.
 */

export type StoreCreditKind = 'ISSUED' | 'BONUS' | 'SPENT';

export interface IssueStoreCreditInput {
  customerId: string;
  merchantId: string;
  currency: string;
  /** The credit itself (e.g. the refund amount taken as credit), > 0. */
  amountMinor: number;
  /** The merchant's bonus on top, ≥ 0 (recorded as its own BONUS movement). */
  bonusMinor: number;
  caseId: string | null;
  idempotencyKey: string;
  actor: Actor;
  /** When it happened (the caller's clock); defaults to now. */
  at?: Date;
}

export interface SpendStoreCreditInput {
  customerId: string;
  merchantId: string;
  currency: string;
  amountMinor: number;
  orderId: string | null;
  caseId: string | null;
  idempotencyKey: string;
  actor: Actor;
  at?: Date;
}

export interface StoreCreditResult {
  balanceMinor: number;
  /** True when this idempotency key was already used: nothing was written. */
  duplicate: boolean;
}

/** The largest single movement (10 million in major units): far above any order, well inside a 32-bit balance. */
export const MAX_MOVEMENT_MINOR = 1_000_000_000;

interface AccountRow {
  currency: string;
  balance_minor: number;
}

export async function issueStoreCredit(em: EntityManager, input: IssueStoreCreditInput): Promise<StoreCreditResult> {
  checkAmount('amountMinor', input.amountMinor, 1);
  checkAmount('bonusMinor', input.bonusMinor, 0);
  checkCommon(input);
  if (input.caseId) await checkCase(em, input.caseId, input);
  const at = input.at ?? new Date();
  await em.execute(
    'insert into store_credit_accounts (customer_id, merchant_id, currency, updated_at) values (?, ?, ?, ?) on conflict do nothing',
    [input.customerId, input.merchantId, input.currency, at],
  );
  const account = (await lockAccount(em, input.customerId, input.merchantId))!;
  checkCurrency(account, input.currency);
  const previous = await movementAmount(em, input, 'ISSUED');
  if (previous !== null) return repeated(previous, input.amountMinor, account);

  let balance = account.balance_minor + input.amountMinor;
  await insertMovement(em, input, 'ISSUED', input.amountMinor, balance, null, at);
  if (input.bonusMinor > 0) {
    balance += input.bonusMinor;
    await insertMovement(em, input, 'BONUS', input.bonusMinor, balance, null, at);
  }
  await em.execute(
    `update store_credit_accounts set balance_minor = balance_minor + ? + ?, issued_minor = issued_minor + ?, bonus_minor = bonus_minor + ?, updated_at = ?
      where customer_id = ? and merchant_id = ?`,
    [input.amountMinor, input.bonusMinor, input.amountMinor, input.bonusMinor, at, input.customerId, input.merchantId],
  );
  if (input.caseId) {
    recordOnCase(em, input.caseId, input.actor, at, 'store_credit_issued', { amountMinor: input.amountMinor, bonusMinor: input.bonusMinor, currency: input.currency, balanceMinor: balance });
  }
  return { balanceMinor: balance, duplicate: false };
}

/** Throws CONFLICT (rule INSUFFICIENT_STORE_CREDIT) and writes nothing when the balance is smaller than the amount. */
export async function spendStoreCredit(em: EntityManager, input: SpendStoreCreditInput): Promise<StoreCreditResult> {
  checkAmount('amountMinor', input.amountMinor, 1);
  checkCommon(input);
  if (input.caseId) await checkCase(em, input.caseId, input);
  if (input.orderId) await checkOrder(em, input.orderId, input);
  const at = input.at ?? new Date();
  const account = await lockAccount(em, input.customerId, input.merchantId);
  if (account) {
    checkCurrency(account, input.currency);
    const previous = await movementAmount(em, input, 'SPENT');
    if (previous !== null) return repeated(-previous, input.amountMinor, account);
  }
  const available = account?.balance_minor ?? 0;
  if (available < input.amountMinor) throw insufficient(available, input);

  // Conditional as well as locked: the balance cannot go below zero even if the lock were forgotten one day.
  const updated = await em.execute<Array<{ balance_minor: number }>>(
    `update store_credit_accounts set balance_minor = balance_minor - ?, spent_minor = spent_minor + ?, updated_at = ?
      where customer_id = ? and merchant_id = ? and balance_minor >= ? returning balance_minor`,
    [input.amountMinor, input.amountMinor, at, input.customerId, input.merchantId, input.amountMinor],
  );
  if (updated.length === 0) throw insufficient(available, input);
  const balance = updated[0].balance_minor;
  await insertMovement(em, input, 'SPENT', -input.amountMinor, balance, input.orderId, at);
  if (input.caseId) {
    recordOnCase(em, input.caseId, input.actor, at, 'store_credit_spent', { amountMinor: input.amountMinor, currency: input.currency, balanceMinor: balance, orderId: input.orderId });
  }
  return { balanceMinor: balance, duplicate: false };
}

/** The customer's balance with the merchant (0 without an account). */
export async function storeCreditBalance(em: EntityManager, customerId: string, merchantId: string): Promise<number> {
  const rows = await em.execute<AccountRow[]>('select currency, balance_minor from store_credit_accounts where customer_id = ? and merchant_id = ?', [customerId, merchantId]);
  return rows[0]?.balance_minor ?? 0;
}

// ---- the steps ----

async function lockAccount(em: EntityManager, customerId: string, merchantId: string): Promise<AccountRow | null> {
  const rows = await em.execute<AccountRow[]>(
    'select currency, balance_minor from store_credit_accounts where customer_id = ? and merchant_id = ? for update',
    [customerId, merchantId],
  );
  return rows[0] ?? null;
}

/** The amount of the movement already made with this key and kind, or null. */
async function movementAmount(em: EntityManager, input: { customerId: string; merchantId: string; idempotencyKey: string }, kind: StoreCreditKind): Promise<number | null> {
  const rows = await em.execute<Array<{ amount_minor: number }>>(
    'select amount_minor from store_credit_movements where customer_id = ? and merchant_id = ? and kind = ? and idempotency_key = ?',
    [input.customerId, input.merchantId, kind, input.idempotencyKey],
  );
  return rows[0]?.amount_minor ?? null;
}

/** A repeat: the same key must mean the same amount (as payment providers treat idempotency keys). */
function repeated(previousAmount: number, amount: number, account: AccountRow): StoreCreditResult {
  if (previousAmount !== amount) {
    throw conflict('This idempotency key was already used for a different amount of store credit.', { rule: 'IDEMPOTENCY_KEY_REUSED' });
  }
  return { balanceMinor: account.balance_minor, duplicate: true };
}

async function insertMovement(
  em: EntityManager,
  input: { customerId: string; merchantId: string; currency: string; caseId: string | null; idempotencyKey: string; actor: Actor },
  kind: StoreCreditKind,
  amount: number,
  balanceAfter: number,
  orderId: string | null,
  at: Date,
): Promise<void> {
  await em.execute(
    `insert into store_credit_movements (id, customer_id, merchant_id, kind, amount_minor, currency, balance_after_minor, idempotency_key, case_id, order_id, actor_id, actor_label, created_at)
      values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [randomUUID(), input.customerId, input.merchantId, kind, amount, input.currency, balanceAfter, input.idempotencyKey, input.caseId, orderId, input.actor.userId, input.actor.label, at],
  );
}

/** The case's timeline gets the movement (written with the caller's transaction when it flushes). */
function recordOnCase(em: EntityManager, caseId: string, actor: Actor, at: Date, type: 'store_credit_issued' | 'store_credit_spent', payload: Record<string, unknown>): void {
  const { event, messages } = caseChangeRows(em, caseId, { type, actor, at, payload });
  em.persist([event, ...messages]);
}

async function checkCase(em: EntityManager, caseId: string, input: { customerId: string; merchantId: string }): Promise<void> {
  const rows = await em.execute('select 1 from return_cases where id = ? and customer_id = ? and merchant_id = ?', [caseId, input.customerId, input.merchantId]);
  if (rows.length === 0) throw badInput("The case is not this customer's case with this merchant.", { field: 'caseId' });
}

async function checkOrder(em: EntityManager, orderId: string, input: { customerId: string; merchantId: string }): Promise<void> {
  const rows = await em.execute('select 1 from orders where id = ? and customer_id = ? and merchant_id = ?', [orderId, input.customerId, input.merchantId]);
  if (rows.length === 0) throw badInput("The order is not this customer's order with this merchant.", { field: 'orderId' });
}

// ---- validation: bad input is refused before anything is written ----

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function checkAmount(field: string, value: number, min: number): void {
  if (!Number.isSafeInteger(value) || value < min || value > MAX_MOVEMENT_MINOR) {
    throw badInput(`${field} must be a whole number of minor units from ${min} to ${MAX_MOVEMENT_MINOR}.`, { field });
  }
}

function checkCommon(input: { customerId: string; merchantId: string; currency: string; idempotencyKey: string; caseId: string | null; orderId?: string | null }): void {
  for (const field of ['customerId', 'merchantId'] as const) if (!UUID.test(input[field])) throw badInput(`${field} is not an id.`, { field });
  if (input.caseId !== null && !UUID.test(input.caseId)) throw badInput('caseId is not an id.', { field: 'caseId' });
  if (input.orderId != null && !UUID.test(input.orderId)) throw badInput('orderId is not an id.', { field: 'orderId' });
  if (!/^[A-Z]{3}$/.test(input.currency)) throw badInput('currency must be a three-letter ISO code.', { field: 'currency' });
  if (input.idempotencyKey.trim() === '' || input.idempotencyKey.length > 200) throw badInput('idempotencyKey must be 1 to 200 characters.', { field: 'idempotencyKey' });
}

function checkCurrency(account: AccountRow, currency: string): void {
  if (account.currency !== currency) throw badInput(`This store credit is held in ${account.currency}, not ${currency}.`, { field: 'currency' });
}

function insufficient(available: number, input: { amountMinor: number; currency: string }) {
  return conflict(`Not enough store credit: ${available} available, ${input.amountMinor} needed (minor units of ${input.currency}).`, {
    rule: 'INSUFFICIENT_STORE_CREDIT',
    availableMinor: available,
    neededMinor: input.amountMinor,
  });
}
