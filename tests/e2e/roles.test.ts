// The customer and merchant surfaces in Chromium against the real API and the demo data: the merchant decides a
// case from its page, the customer follows a case and cannot open anyone else's. One browser for the file.
import { beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../helpers/test-server.js';
import { PHONE, saveScreenshot } from './helpers/browser.js';
import { useE2E } from './helpers/e2e-fixture.js';

const e2e = useE2E();
let ops: ApiClient;

beforeAll(async () => {
  ops = await e2e.server.as('ops.demo');
});

interface CaseRow {
  id: string;
  number: string;
  status: string;
  customer: { username?: string | null };
}

/**
 * Every case the given user can see (a literal page size: the API prices a variable one at its maximum). The
 * customers' sign-in names are for staff only (`withUsernames`).
 */
async function casesOf(client: ApiClient, withUsernames = false): Promise<CaseRow[]> {
  const data = await client.ok<{ returnCases: { edges: Array<{ node: CaseRow }> } }>(
    'query C($staff: Boolean!) { returnCases(first: 40) { edges { node { id number status customer { username @include(if: $staff) } } } } }',
    { staff: withUsernames },
  );
  return data.returnCases.edges.map((e) => e.node);
}

/** The first of the user's cases on which the API offers them a move to `to`. */
async function caseWithMove(client: ApiClient, to: string): Promise<CaseRow | undefined> {
  for (const rc of await casesOf(client)) {
    const data = await client.ok<{ returnCase: { availableTransitions: Array<{ to: string }> } }>('query M($id: ID!) { returnCase(id: $id) { availableTransitions { to } } }', { id: rc.id });
    if (data.returnCase.availableTransitions.some((t) => t.to === to)) return rc;
  }
  return undefined;
}

const statusOf = async (id: string) => (await ops.ok<{ returnCase: { status: string } }>('query S($id: ID!) { returnCase(id: $id) { status } }', { id })).returnCase.status;

describe('merchant', () => {
  it('sees the returns waiting on it and approves one from its page', async () => {
    const merchant = await e2e.server.as('merchant.one');
    const decidable = await caseWithMove(merchant, 'APPROVED');
    expect(decidable, 'the demo data has a case merchant.one can approve').toBeDefined();
    const target = decidable!;
    const page = await e2e.signedInPage('merchant.one');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Returns' }).click();
    await page.waitForURL('**/merchant');
    await page.getByTestId('merchant-case-row').first().waitFor();
    // "Needs your response" lists only cases waiting on the merchant, each with its deadline.
    expect(await page.getByTestId('merchant-case-row').count()).toBeGreaterThan(0);
    await saveScreenshot(page, 'merchant-cases');

    await page.getByRole('link', { name: target.number }).click();
    await page.waitForURL(`**/merchant/${target.id}`);
    await page.getByTestId('decision-panel').waitFor();
    await saveScreenshot(page, 'merchant-case');

    // A rejection needs a reason: the dialog says so and nothing changes.
    await page.getByTestId('decision-panel').getByRole('button', { name: 'Reject…' }).click();
    const reject = page.getByRole('dialog', { name: 'Reject this return' });
    await reject.getByRole('button', { name: 'Reject return' }).click();
    await reject.getByRole('alert').waitFor();
    expect(await reject.getByRole('alert').textContent()).toContain('Write something');
    await reject.getByRole('button', { name: 'Back' }).click();
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(await statusOf(target.id)).toBe(target.status);

    await page.getByTestId('decision-panel').getByRole('button', { name: 'Approve', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Approve this return?' });
    await dialog.getByLabel('Note to the customer (optional)').fill('Approved: thank you for the photos.');
    await dialog.getByRole('button', { name: 'Approve return' }).click();
    await expect.poll(() => page.getByTestId('case-status').textContent()).toBe('Approved');
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(await statusOf(target.id)).toBe('APPROVED');
    await expect.poll(() => page.getByTestId('timeline').textContent()).toContain('Approved: thank you for the photos.');

    // Back on the list, the approved case no longer waits on the merchant (the list is not stale).
    await page.getByRole('link', { name: '← All returns on your orders' }).click();
    await page.waitForURL('**/merchant');
    await page.getByTestId('merchant-total').waitFor();
    await expect.poll(() => page.getByRole('link', { name: target.number }).count()).toBe(0);
  });
});

describe('customer', () => {
  it('follows its cases and gets Not Found for another customer’s case', async () => {
    const all = await casesOf(ops, true);
    const mine = all.filter((c) => c.customer.username === 'customer.one');
    const theirs = all.find((c) => c.customer.username === 'customer.two')!;
    const page = await e2e.signedInPage('customer.one');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My returns' }).click();
    await page.waitForURL('**/customer');
    await expect.poll(() => page.getByTestId('customer-case-card').count()).toBe(mine.length);
    await saveScreenshot(page, 'customer-cases');

    const open = mine.find((c) => c.status === 'IN_REVIEW') ?? mine[0];
    await page.getByRole('link', { name: open.number }).click();
    await page.waitForURL(`**/customer/${open.id}`);
    await page.getByTestId('status-tracker').waitFor();
    await page.getByTestId('next-step').waitFor();
    await saveScreenshot(page, 'customer-case');

    for (const path of [`/customer/${theirs.id}`, `/cases/${theirs.id}`, '/cases/not-a-case-id']) {
      await page.goto(path);
      await page.getByRole('heading', { name: 'Page not found' }).waitFor();
      expect(await page.getByTestId('case-number').count()).toBe(0);
      expect(await page.content()).not.toContain(theirs.number);
    }
    await saveScreenshot(page, 'case-not-found');

    // The shared page opens their own case with the customer's view.
    await page.goto(`/cases/${open.id}`);
    await page.getByTestId('customer-case').waitFor();
    expect(await page.getByTestId('case-number').textContent()).toBe(open.number);
    // Ops pages do not exist for a customer.
    await page.goto(`/ops/${open.id}`);
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
  });

  it('cancels a return it no longer wants, and its list shows it cancelled', async () => {
    const customer = await e2e.server.as('customer.two');
    const target = await caseWithMove(customer, 'CANCELLED');
    expect(target).toBeDefined();
    const page = await e2e.signedInPage('customer.two', PHONE);
    await page.goto('/customer');
    await page.getByTestId('customer-case-card').first().waitFor();
    await page.goto(`/customer/${target!.id}`);
    await page.getByTestId('next-step').waitFor();
    await saveScreenshot(page, 'customer-case-phone', { fullPage: false });
    await page.getByRole('button', { name: 'Cancel return' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel return' }).click();
    await expect.poll(() => page.getByTestId('case-status').textContent()).toBe('Cancelled');
    expect(await statusOf(target!.id)).toBe('CANCELLED');
    await page.getByRole('link', { name: '← Your returns' }).click();
    const card = page.getByTestId('customer-case-card').filter({ hasText: target!.number });
    await expect.poll(() => card.textContent()).toContain('Cancelled');
  });
});
