// Issue 22, the outcomes in Chromium against the real API and the demo data: customer.three opens a return at
// Tidewater Outfitters (saved rules, seeds/demo-outcomes.ts), sees the outcomes on offer and the estimate with the
// rules' fees, keeps a small item and chooses store credit (+10 %); the rules approve it at once, the credit is issued
// at approval (the worker's job), and the customer reads the balance on the orders page and "Store credit" on the
// case, with no label to print. Screenshots go to test-results/screenshots/outcomes-*.png.
import type { Locator, Page } from 'playwright-core';
import { expect, it } from 'vitest';
import type { ApiClient } from '../helpers/test-server.js';
import { startTestWorker } from '../helpers/test-worker.js';
import { saveScreenshot } from './helpers/browser.js';
import { useE2E } from './helpers/e2e-fixture.js';

const e2e = useE2E();

/** customer.three's delivered Tidewater order with the socks (12.99, kept by the rules) and the bottle (24.99). */
async function socksOrder(customer: ApiClient): Promise<string> {
  const { orders } = await customer.ok<{ orders: { edges: Array<{ node: { id: string; status: string; items: Array<{ sku: string }> } }> } }>(
    '{ orders(first: 50) { edges { node { id status items { sku } } } } }',
  );
  const order = orders.edges.find((e) => e.node.status === 'DELIVERED' && e.node.items.some((i) => i.sku === 'TW-SOCK-01'));
  if (!order) throw new Error('the demo data has no delivered Tidewater order with the socks for customer.three');
  return order.node.id;
}

/** A locator's text with amounts as "$12.99" (Chromium's locale may write "US$12.99"). */
const textOf = async (locator: Locator) => ((await locator.textContent()) ?? '').replace(/US\$/g, '$');

async function shot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => (globalThis as any).scrollTo(0, 0));
  await saveScreenshot(page, name);
}

it('a customer keeps a small item for store credit +10 %: approved by the rules, credited with the bonus, no label', async () => {
  const customerApi = await e2e.server.as('customer.three');
  const orderId = await socksOrder(customerApi);

  // 1. The open-return page: the outcomes the rules offer, and the estimate with the label fee for a change of mind.
  const c = await e2e.signedInPage('customer.three');
  await c.goto(`/customer/orders/${orderId}/return`);
  const form = c.getByTestId('open-return-form');
  await form.waitFor();
  const outcomes = form.getByTestId('return-outcomes');
  expect(await outcomes.getByRole('radio').evaluateAll((radios) => radios.map((r) => r.parentElement!.textContent))).toEqual([
    'A refund to your original payment',
    'Store credit +10 % bonus',
    'The same items again (exchange)',
  ]);
  const estimate = () => textOf(form.getByTestId('return-estimate'));
  await form.getByLabel(/Insulated bottle/).check();
  await form.getByLabel('Why are you returning them?').selectOption('CHANGED_MIND');
  expect(await estimate()).toContain('Return shipping fee−$4.95');
  expect(await estimate()).toContain('Expected refund$20.04');
  await shot(c, 'outcomes-01-label-fee');

  // 2. The socks alone, one pair: kept (no label, so no label fee), store credit chosen.
  await form.getByLabel(/Insulated bottle/).uncheck();
  await form.getByLabel(/Merino hiking socks/).check();
  await form.getByLabel('Quantity of Merino hiking socks').selectOption('1');
  expect(await form.getByTestId('keep-item-notice').textContent()).toContain('You keep the item — no need to send it back');
  await outcomes.getByLabel(/Store credit/).check();
  expect(await estimate()).not.toContain('Return shipping');
  expect(await estimate()).toContain('Store credit bonus (10 %)+$1.29');
  expect(await estimate()).toContain('Expected store credit$14.28');
  await shot(c, 'outcomes-02-store-credit-kept');
  await form.getByRole('button', { name: 'Send return request' }).click();
  await c.waitForURL(/\/customer\/(?!orders)[^/]+$/);
  const caseId = new URL(c.url()).pathname.split('/').pop()!;

  // 3. The rules approved it at once; the worker issues the credit with its bonus (12.99 + 10 %, rounded down: 1.29).
  const worker = await startTestWorker(e2e.server);
  try {
    await worker.drain();
  } finally {
    await worker.stop();
  }
  const own = (await customerApi.ok<{ returnCase: { status: string; outcome: string; keepItem: boolean; labelUrl: string | null } }>(
    'query Q($id: ID!) { returnCase(id: $id) { status outcome keepItem labelUrl } }', { id: caseId })).returnCase;
  expect(own).toEqual({ status: 'REFUNDED', outcome: 'STORE_CREDIT', keepItem: true, labelUrl: null });

  // 4. The case page reads "Store credit", says the item stays, and offers no label.
  await c.reload();
  await expect.poll(() => c.getByTestId('case-status').textContent()).toBe('Refunded');
  expect(await c.getByTestId('keep-item').textContent()).toContain('You keep the item — no need to send it back');
  expect(await c.getByText('Changed mind · Store credit +10 %').count()).toBe(1);
  expect(await c.getByTestId('refund-panel').textContent()).toContain('Store credit');
  // What happens next says where the money went (it once said "paid back to your original payment method").
  const next = await textOf(c.getByTestId('next-step'));
  expect(next).toContain('Store credit added');
  expect(next).toContain('$12.99 plus a 10 % bonus was added to your store credit with Tidewater Outfitters');
  expect(next).not.toContain('payment method');
  expect(await c.getByTestId('return-label').count()).toBe(0);
  await shot(c, 'outcomes-03-case');

  // 5. The orders page: the Tidewater credit, amount and bonus.
  await c.goto('/customer/orders');
  const account = c.getByTestId('my-store-credit').locator('[data-testid="credit-account"][data-merchant="Tidewater Outfitters"]');
  await account.waitFor();
  expect(await textOf(account.getByTestId('credit-balance'))).toBe('$14.28');
  expect(await textOf(account)).toContain('Issued $12.99 · bonus $1.29');
  await shot(c, 'outcomes-04-credit');
});
