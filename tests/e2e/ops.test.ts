// The ops surfaces in Chromium against the real API and the demo data: the queue (filters kept in the URL,
// 15 per page in the API's order, summary cards), the case workspace (priority, internal notes that a customer
// never sees), and the admin pages. One browser for the file; each test has its own context (cookies).
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../helpers/test-server.js';
import { PHONE, saveScreenshot } from './helpers/browser.js';
import { useE2E } from './helpers/e2e-fixture.js';

const e2e = useE2E();
let ops: ApiClient;

beforeAll(async () => {
  ops = await e2e.server.as('ops.demo');
});

interface QueueAnswer {
  queue: { totalCount: number; totalPages: number; items: Array<{ id: string; number: string }> };
}

/** What the API itself serves for this filter and page: the page must show exactly that, in that order. */
const apiQueue = (filter: Record<string, unknown> | null, page = 1) =>
  ops.ok<QueueAnswer>('query Q($filter: QueueFilter, $page: Int) { queue(filter: $filter, page: $page) { totalCount totalPages items { id number } } }', { filter, page });

const shownNumbers = (page: Page) => page.locator('[data-testid="queue-row"]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-case-number')));
const shownTotal = async (page: Page) => Number(await page.getByTestId('queue-total').getAttribute('data-count'));
const search = (page: Page) => new URL(page.url()).searchParams;

/** The web app's default view: open cases only (the API's `open: true`). */
const openQueue = (filter: Record<string, unknown> = {}, page = 1) => apiQueue({ open: true, ...filter }, page);

describe('ops queue', () => {
  it('opens on the open cases; all cases are one click away, paged 15 at a time in the order the API serves, with the page in the URL', async () => {
    const [open, first, second] = await Promise.all([openQueue(), apiQueue(null, 1), apiQueue(null, 2)]);
    expect(first.queue.totalCount).toBe(32);
    expect(first.queue.totalPages).toBe(3);
    expect(open.queue.totalCount).toBeGreaterThan(0);
    expect(open.queue.totalCount).toBeLessThan(32);
    const page = await e2e.signedInPage('ops.demo');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Queue' }).click();
    await page.waitForURL('**/ops');
    await expect.poll(() => shownNumbers(page)).toEqual(open.queue.items.map((c) => c.number));
    expect(await shownTotal(page)).toBe(open.queue.totalCount);

    await page.getByRole('navigation', { name: 'Queue view' }).getByRole('link', { name: 'All cases' }).click();
    await expect.poll(() => search(page).toString()).toBe('view=all');
    await expect.poll(() => shownNumbers(page)).toEqual(first.queue.items.map((c) => c.number));
    // The first 15 rows of both views can be the same cases (open ones rank first): wait for the new total itself.
    await expect.poll(() => shownTotal(page)).toBe(32);
    expect(await page.getByTestId('summary-total').textContent()).toContain('32');
    await saveScreenshot(page, 'ops-queue');

    await page.getByRole('navigation', { name: 'Queue pages' }).getByRole('link', { name: 'Page 2' }).click();
    await expect.poll(() => search(page).toString()).toBe('view=all&page=2');
    await expect.poll(() => shownNumbers(page)).toEqual(second.queue.items.map((c) => c.number));
    expect(await page.getByTestId('queue-range').textContent()).toBe('16–30 of 32');
    // Back in history is the previous page again.
    await page.goBack();
    await expect.poll(() => shownNumbers(page)).toEqual(first.queue.items.map((c) => c.number));
  });

  it('narrows the queue with filters kept in the URL, starting again from page 1', async () => {
    const open = await openQueue();
    const urgent = await openQueue({ priority: 'URGENT' });
    const urgentHigh = await openQueue({ priority: 'URGENT', riskLabel: 'HIGH' });
    expect(urgent.queue.totalCount).toBeGreaterThan(0);
    expect(urgent.queue.totalCount).toBeLessThan(open.queue.totalCount);
    const page = await e2e.signedInPage('ops.demo');
    await page.goto('/ops?page=2');
    await expect.poll(() => shownTotal(page)).toBe(open.queue.totalCount);

    await page.getByLabel('Priority').selectOption('URGENT');
    await expect.poll(() => search(page).toString()).toBe('priority=URGENT');
    await expect.poll(() => shownTotal(page)).toBe(urgent.queue.totalCount);
    expect(await shownNumbers(page)).toEqual(urgent.queue.items.map((c) => c.number));
    expect(await page.getByTestId('summary-total').textContent()).toContain(String(urgent.queue.totalCount));

    await page.getByLabel('Risk').selectOption('HIGH');
    await expect.poll(() => search(page).get('risk')).toBe('HIGH');
    await expect.poll(() => shownTotal(page)).toBe(urgentHigh.queue.totalCount);

    // A reload keeps the view: the filters live in the URL.
    await page.reload();
    expect(await page.getByLabel('Priority').inputValue()).toBe('URGENT');
    expect(await page.getByLabel('Risk').inputValue()).toBe('HIGH');
    await expect.poll(() => shownTotal(page)).toBe(urgentHigh.queue.totalCount);

    // Search by case number finds exactly that case.
    await page.getByRole('button', { name: 'Clear filters' }).first().click();
    await expect.poll(() => search(page).toString()).toBe('');
    const wanted = urgent.queue.items[0].number;
    await page.getByLabel('Search').fill(wanted);
    await page.getByLabel('Search').press('Enter');
    await expect.poll(() => search(page).get('q')).toBe(wanted);
    await expect.poll(() => shownNumbers(page)).toEqual([wanted]);

    // Only my cases.
    await page.getByRole('button', { name: 'Clear filters' }).first().click();
    await page.getByLabel('Assignee').selectOption('me');
    await expect.poll(() => search(page).get('assignee')).toBe('me');
    const me = await ops.ok<{ me: { id: string } }>('{ me { id } }');
    const mine = await openQueue({ assigneeId: me.me.id });
    await expect.poll(() => shownTotal(page)).toBe(mine.queue.totalCount);
    expect(mine.queue.totalCount).toBeLessThan(open.queue.totalCount);
  });

  it('finds cases by customer e-mail, and treats an out-of-range page in the URL as page 1', async () => {
    const byEmail = await openQueue({ search: 'customer.two@' });
    expect(byEmail.queue.totalCount).toBeGreaterThan(0);
    const first = await openQueue();
    const page = await e2e.signedInPage('ops.demo');
    await page.goto('/ops?page=99');
    await expect.poll(() => shownNumbers(page)).toEqual(first.queue.items.map((c) => c.number));
    expect(await page.getByTestId('queue-total').getAttribute('data-page')).toBe('1');

    await page.getByLabel('Search').fill('customer.two@');
    await page.getByLabel('Search').press('Enter');
    await expect.poll(() => search(page).get('q')).toBe('customer.two@');
    await expect.poll(() => shownTotal(page)).toBe(byEmail.queue.totalCount);
    expect(await shownNumbers(page)).toEqual(byEmail.queue.items.map((c) => c.number));
  });

  it('fits a phone: the queue reads as cards', async () => {
    const page = await e2e.signedInPage('ops.demo', PHONE);
    await page.goto('/ops?view=all');
    await expect.poll(() => shownTotal(page)).toBe(32);
    const width = await page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth as number);
    expect(width).toBeLessThanOrEqual(PHONE.width);
    await saveScreenshot(page, 'ops-queue-phone', { fullPage: false });
  });
});

describe('ops case workspace', () => {
  it('changes the priority and writes an internal note that the customer never sees', async () => {
    // A case under review, with the customer it belongs to.
    const target = (await apiQueue({ status: 'IN_REVIEW' })).queue.items[0];
    const before = await ops.ok<{ returnCase: { priority: string; slaDueAt: string; customer: { username: string } } }>(
      'query C($id: ID!) { returnCase(id: $id) { priority slaDueAt customer { username } } }',
      { id: target.id },
    );
    const [from, to] = before.returnCase.priority === 'URGENT' ? ['Urgent', 'LOW'] : [before.returnCase.priority.charAt(0) + before.returnCase.priority.slice(1).toLowerCase(), 'URGENT'];
    const note = `Internal e2e note ${Date.now()}: courier photos look staged`;
    const page = await e2e.signedInPage('ops.demo');
    await page.goto(`/ops?q=${target.number}`);
    await page.getByRole('link', { name: target.number }).click();
    await page.waitForURL(`**/ops/${target.id}`);
    await page.getByTestId('ops-workspace').waitFor();
    expect(await page.getByTestId('case-number').textContent()).toBe(target.number);
    // The moves offered are the API's, for this viewer.
    // (Before the merchant's response deadline ops approves for the merchant, with a note: "Approve for the merchant…".)
    expect((await page.getByTestId('transition-actions').getByRole('button').allTextContents()).some((text) => text.startsWith('Approve'))).toBe(true);

    // Rescore with the active model: the panel shows its version and reasons.
    const risk = page.getByTestId('risk-panel');
    await risk.getByRole('button', { name: 'Rescore' }).click();
    await expect.poll(() => risk.textContent()).toMatch(/escalation-(sc|lr)-\d/);
    await expect.poll(() => page.getByTestId('timeline').textContent()).toContain('Risk scored');
    await saveScreenshot(page, 'ops-workspace');

    await page.getByTestId('priority-select').selectOption(to);
    await expect
      .poll(async () => (await ops.ok<{ returnCase: { priority: string } }>('query P($id: ID!) { returnCase(id: $id) { priority } }', { id: target.id })).returnCase.priority)
      .toBe(to);
    // The deadline follows the priority, and the change is in the history.
    await expect.poll(() => page.getByTestId('timeline').textContent()).toContain(`Priority ${from} → ${to === 'URGENT' ? 'Urgent' : 'Low'}`);
    const after = await ops.ok<{ returnCase: { slaDueAt: string } }>('query S($id: ID!) { returnCase(id: $id) { slaDueAt } }', { id: target.id });
    expect(after.returnCase.slaDueAt).not.toBe(before.returnCase.slaDueAt);

    const panel = page.getByTestId('internal-notes-panel');
    await panel.getByLabel('Write an internal note').fill(note);
    await panel.getByRole('button', { name: 'Add internal note' }).click();
    await expect.poll(() => panel.getByTestId('internal-notes').textContent()).toContain(note);
    await expect.poll(() => page.getByTestId('timeline').textContent()).toContain('Internal note added');
    expect(await page.getByTestId('note').filter({ hasText: note }).count()).toBe(1);

    // The customer sees their case — messages, history — and nothing of the internal note.
    const customer = await e2e.signedInPage(before.returnCase.customer.username);
    await customer.goto(`/customer/${target.id}`);
    await customer.getByTestId('customer-case').waitFor();
    await customer.getByTestId('timeline').waitFor();
    expect(await customer.getByTestId('case-number').textContent()).toBe(target.number);
    const html = await customer.content();
    expect(html).not.toContain(note);
    expect(html).not.toContain('Internal note');
    // The history names ops as the team and leaves out their priority change and the risk score (case-event-visibility.ts).
    expect(html).not.toContain('ops.demo');
    const history = await customer.getByTestId('timeline').textContent();
    expect(history).not.toContain('Priority');
    expect(history).not.toContain('Risk scored');
    expect(await customer.getByTestId('internal-notes-panel').count()).toBe(0);
    expect(await customer.getByTestId('risk-panel').count()).toBe(0);
  });

  it('tells the agent when someone else changed the case meanwhile', async () => {
    const target = (await apiQueue({ priority: 'MEDIUM' })).queue.items[0];
    const page = await e2e.signedInPage('ops.demo');
    await page.goto(`/ops/${target.id}`);
    await page.getByTestId('ops-workspace').waitFor();
    // Another agent changes the priority behind this page's back.
    await ops.ok('mutation M($id: ID!) { setCasePriority(id: $id, priority: HIGH) { id } }', { id: target.id });
    await page.getByTestId('priority-select').selectOption('LOW');
    const problem = page.getByTestId('case-problem');
    await problem.waitFor();
    expect(await problem.getAttribute('data-error-code')).toBe('CONFLICT');
    expect(await problem.textContent()).toContain('Someone else changed this case');
    await problem.getByRole('button', { name: 'Reload case' }).click();
    await expect.poll(() => page.getByTestId('priority-select').inputValue()).toBe('HIGH');
    await expect.poll(() => page.getByTestId('case-problem').count()).toBe(0);
  });
});

describe('admin', () => {
  it('shows analytics charts, the model registry and partner tokens', async () => {
    const page = await e2e.signedInPage('admin.demo');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).click();
    await page.waitForURL('**/admin');
    await page.getByTestId('analytics').waitFor();
    await page.getByTestId('line-chart').waitFor();
    expect(Number(await page.getByTestId('kpi-opened').locator('.stat-card__value').textContent())).toBeGreaterThan(0);
    await saveScreenshot(page, 'admin-analytics');

    await page.getByRole('link', { name: 'Last 90 days' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('from')).not.toBeNull();
    await page.getByTestId('analytics').waitFor();

    await page.getByRole('navigation', { name: 'Admin sections' }).getByRole('link', { name: 'Risk models' }).click();
    await page.getByTestId('model-row').first().waitFor();
    // The active version says when and by whom it was activated (here: the release's registry, at start-up).
    expect(await page.getByTestId('model-row').filter({ hasText: 'In use' }).textContent()).toContain('by system (release registry)');
    await saveScreenshot(page, 'admin-models');

    await page.getByRole('navigation', { name: 'Admin sections' }).getByRole('link', { name: 'Partner API tokens' }).click();
    await page.getByLabel('Token name').fill('Warehouse system');
    await page.getByLabel('Merchant').selectOption({ label: 'Northwind Goods' });
    await page.getByRole('button', { name: 'Create token' }).click();
    const secret = await page.getByTestId('token-secret').locator('input').inputValue();
    expect(secret.length).toBeGreaterThan(20);
    await page.getByTestId('token-row').filter({ hasText: 'Warehouse system' }).waitFor();
    await saveScreenshot(page, 'admin-tokens');
    // The secret works as a partner token, until it is revoked.
    expect((await e2e.server.withToken(secret).gql('{ returnCases(first: 1) { totalCount } }')).errors).toBeUndefined();
    await page.getByRole('button', { name: 'Done' }).click();
    await page.getByTestId('token-row').filter({ hasText: 'Warehouse system' }).getByRole('button', { name: 'Revoke…' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Revoke token' }).click();
    // Shown revoked at once (optimistic); the dialog closes when the API has confirmed it.
    await page.getByTestId('token-row').filter({ hasText: 'Warehouse system' }).getByText('Revoked').waitFor();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    expect((await e2e.server.withToken(secret).gql('{ returnCases(first: 1) { totalCount } }')).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
