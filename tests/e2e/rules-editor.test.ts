// Issue 22, done when: a merchant writes a rule in the web app, simulates it over its history, saves it, and the next
// return a customer opens follows it — in Chromium against the real API and the demo data. Screenshots go to
// test-results/screenshots/rules-*.png.
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { errorCode, type ApiClient } from '../helpers/test-server.js';
import { seriousViolations } from './helpers/axe.js';
import { PHONE, saveScreenshot } from './helpers/browser.js';
import { useE2E } from './helpers/e2e-fixture.js';

const e2e = useE2E();

const RULE_NAME = 'No returns of opened headphones';
const MESSAGE = 'Headphones are hygiene items: we cannot take them back. Our support will help with any fault.';
const HEADPHONES = 'NW-HEAD-01';

interface Eligibility {
  items: Array<{ orderItemId: string; sku: string; eligible: boolean; reason: string | null }>;
}

const eligibilityOf = async (customer: ApiClient, orderId: string) =>
  (
    await customer.ok<{ returnEligibility: Eligibility }>('query E($id: ID!) { returnEligibility(orderId: $id) { items { orderItemId sku eligible reason } } }', { id: orderId })
  ).returnEligibility;

/** A delivered Northwind order of customer.one on which the headphones and another item can be returned today. */
async function headphonesOrder(customer: ApiClient): Promise<{ id: string; itemId: string }> {
  const { orders } = await customer.ok<{ orders: { edges: Array<{ node: { id: string; status: string; merchant: { name: string } } }> } }>(
    '{ orders(first: 50) { edges { node { id status merchant { name } } } } }',
  );
  // One with another returnable item too, so the return form opens and shows the headphones refused beside it.
  for (const { node } of orders.edges.filter((e) => e.node.status === 'DELIVERED' && e.node.merchant.name === 'Northwind Goods')) {
    const { items } = await eligibilityOf(customer, node.id);
    const item = items.find((i) => i.sku === HEADPHONES && i.eligible);
    if (item && items.some((i) => i.sku !== HEADPHONES && i.eligible)) return { id: node.id, itemId: item.orderItemId };
  }
  throw new Error('the demo data has no Northwind order on which customer.one can return the headphones');
}

async function shot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => (globalThis as any).scrollTo(0, 0));
  await saveScreenshot(page, name);
}

const cardNames = (page: Page) => page.getByTestId('rule-card').evaluateAll((cards) => cards.map((c) => c.getAttribute('data-rule-name')));

it('a merchant writes, simulates and saves a rule in the web app, and the customer’s next return follows it', async () => {
  const customerApi = await e2e.server.as('customer.one');
  const merchantApi = await e2e.server.as('merchant.one');
  const order = await headphonesOrder(customerApi);

  // 1. The merchant opens its rules from the main navigation: the policy's default set (version 0).
  // A tall window, so that the rules stay in view while one is dragged onto another.
  const m = await e2e.signedInPage('merchant.one', { width: 1280, height: 1800 });
  await m.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Return rules' }).click();
  await m.waitForURL('**/rules');
  await m.getByTestId('rule-card').first().waitFor();
  expect(await m.getByTestId('rules-version').textContent()).toContain('never edited');
  const defaults = await cardNames(m);

  // 2. It writes a rule: SKU is the headphones → refuse, with a message for the customer.
  await m.getByRole('button', { name: 'Add rule' }).click();
  const rule = m.getByTestId('rule-card').last();
  await rule.getByLabel('Rule name').fill(RULE_NAME);
  await rule.getByRole('button', { name: 'Add condition' }).click();
  await rule.getByLabel('Field').selectOption('sku');
  await rule.getByLabel('SKU is any of').fill(HEADPHONES);
  await rule.getByLabel('SKU is any of').press('Enter');
  await rule.getByLabel('Action', { exact: true }).selectOption('REFUSE');
  // Simulating with the message still empty: the client says what the server would, on the field.
  await m.getByRole('button', { name: 'Simulate' }).click();
  await rule.getByText('A message for the customer of 1 to 500 characters is needed.').waitFor();
  await rule.getByLabel('Message for the customer').fill(MESSAGE);
  // Dragged to the top of the list (HTML5 drag and drop on the rule's handle).
  const handle = (await rule.locator('[draggable="true"]').boundingBox())!;
  const top = (await m.getByTestId('rule-card').first().boundingBox())!;
  await m.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
  await m.mouse.down();
  await m.mouse.move(top.x + 60, top.y + 30, { steps: 8 });
  await m.mouse.up();
  await expect.poll(() => cardNames(m)).toEqual([RULE_NAME, ...defaults]);
  expect(await m.getByRole('button', { name: 'Save these rules' }).isDisabled()).toBe(true);

  // 3. It simulates the draft over the last 90 days of its returns: the page shows what the API answers.
  await m.getByRole('button', { name: 'Simulate' }).click();
  const result = m.getByTestId('simulation-result');
  await result.waitFor();
  const today = new Date();
  const from = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - 89));
  const to = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + 1));
  const { me } = await merchantApi.ok<{ me: { merchantProfile: { id: string } } }>('{ me { merchantProfile { id } } }');
  const merchantId = me.merchantProfile.id;
  const draft = [
    { name: RULE_NAME, conditions: [{ field: 'sku', anyOf: [HEADPHONES] }], actions: [{ type: 'REFUSE', message: MESSAGE }] },
  ];
  const api = await merchantApi.ok<{ s: { cases: number; ruleMatches: Array<{ cases: number }>; changedCases: Array<{ caseId: string }> } }>(
    'query S($m: ID!, $r: [ReturnRuleInput!]!, $f: DateTimeISO!, $t: DateTimeISO!) { s: simulateReturnRules(merchantId: $m, rules: $r, from: $f, to: $t) { cases ruleMatches { cases } changedCases { caseId } } }',
    { m: merchantId, r: draft, f: from.toISOString(), t: to.toISOString() },
  );
  expect(api.s.cases, 'the demo data has Northwind returns in the last 90 days').toBeGreaterThan(0);
  expect(await result.getByTestId('simulated-cases').textContent()).toBe(`${api.s.cases} ${api.s.cases === 1 ? 'case' : 'cases'}`);
  const matches = result.getByRole('list', { name: 'Cases each rule matches' }).getByRole('listitem').first();
  expect(await matches.textContent()).toContain(`1. ${RULE_NAME}`);
  expect(await matches.locator('.bar-list__value').textContent()).toBe(String(api.s.ruleMatches[0].cases));
  // Each changed case is a link to its page.
  const links = result.getByTestId('changed-cases').getByRole('link');
  expect(await links.count()).toBe(api.s.changedCases.length);
  if (api.s.changedCases.length > 0) expect(await links.first().getAttribute('href')).toBe(`/merchant/${api.s.changedCases[0].caseId}`);
  await shot(m, 'rules-01-simulated');

  // 4. Saved once looked at: version 1, the rule first.
  await m.getByRole('button', { name: 'Save these rules' }).click();
  await m.getByTestId('rules-saved').waitFor();
  expect(await m.getByTestId('rules-saved').textContent()).toContain('Saved as version 1');
  const saved = await merchantApi.ok<{ returnRules: { version: number; rules: Array<{ name: string; actions: Array<{ type: string; message: string | null }> }> } }>(
    'query R($m: ID!) { returnRules(merchantId: $m) { version rules { name actions { type message } } } }',
    { m: merchantId },
  );
  expect(saved.returnRules.version).toBe(1);
  expect(saved.returnRules.rules[0]).toEqual({ name: RULE_NAME, actions: [{ type: 'REFUSE', message: MESSAGE }] });

  // 5. The customer opening a return on that order sees the rule followed: the headphones refused, with the message.
  const c = await e2e.signedInPage('customer.one');
  await c.goto(`/customer/orders/${order.id}/return`);
  const item = c.getByTestId('return-item').filter({ hasText: 'Noise-cancelling headphones' });
  await expect.poll(() => item.textContent()).toContain(MESSAGE);
  expect(await item.getByRole('checkbox').isDisabled()).toBe(true);
  await shot(c, 'rules-02-customer-refused');
  // And opening it anyway (as a partner system could) is refused with the same words; nothing is created.
  const refused = await customerApi.gql(
    'mutation O($input: CreateReturnCaseInput!) { createReturnCase(input: $input) { id } }',
    { input: { orderId: order.id, items: [{ orderItemId: order.itemId, quantity: 1 }], reason: 'CHANGED_MIND' } },
  );
  expect(errorCode(refused)).toBe('NOT_ELIGIBLE');
  expect(refused.errors?.[0]?.message).toBe(MESSAGE);
});

it('works on a phone and for an admin picking a merchant, without serious accessibility violations', async () => {
  const phone = await e2e.signedInPage('merchant.one', PHONE);
  await phone.goto('/rules');
  await phone.getByTestId('rule-card').first().waitFor();
  await phone.getByRole('button', { name: 'Simulate' }).click();
  await phone.getByTestId('simulation-result').waitFor();
  // Nothing is wider than the screen.
  expect(await phone.evaluate(() => (globalThis as any).document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  expect(await seriousViolations(phone), '/rules on a phone').toEqual([]);
  await shot(phone, 'rules-03-phone');

  const admin = await e2e.signedInPage('admin.demo');
  await admin.goto('/admin/rules');
  await admin.getByLabel('Merchant', { exact: true }).selectOption({ label: 'Bazaar Marketplace' });
  await admin.getByTestId('rule-card').first().waitFor();
  expect(admin.url()).toMatch(/\/admin\/rules\?merchant=/);
  expect(await seriousViolations(admin), '/admin/rules').toEqual([]);
  await shot(admin, 'rules-04-admin');
});
