// The admin surfaces in Chromium against the real API: users (search, role and status filters in the URL,
// deactivation that signs the user out), merchants and their policies (the server's validation messages by field),
// and the development mailbox (HTML shown in a sandbox). Screenshots of each for people to look at.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DevMailboxMessage } from '../../server/src/modules/notifications/dev-mailbox-message.entity.js';
import { errorCode } from '../helpers/test-server.js';
import { PHONE, saveScreenshot } from './helpers/browser.js';
import { useE2E } from './helpers/e2e-fixture.js';

const e2e = useE2E();

const search = (page: Page) => new URL(page.url()).searchParams;
const usersTotal = async (page: Page) => Number(await page.getByTestId('users-total').getAttribute('data-count'));

describe('admin: users', () => {
  it('finds users by role and name, and deactivating one signs them out until reactivated', async () => {
    const admin = await e2e.server.as('admin.demo');
    const all = await admin.ok<{ users: { totalCount: number } }>('{ users { totalCount } }');
    const customers = await admin.ok<{ users: { totalCount: number } }>('{ users(filter: { role: CUSTOMER }) { totalCount } }');
    const customerTwo = await e2e.server.as('customer.two');
    const page = await e2e.signedInPage('admin.demo');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).click();
    await page.getByRole('navigation', { name: 'Admin sections' }).getByRole('link', { name: 'Users' }).click();
    await page.waitForURL('**/admin/users');
    await expect.poll(() => usersTotal(page)).toBe(all.users.totalCount);
    await saveScreenshot(page, 'admin-users');

    await page.getByLabel('Role').selectOption('CUSTOMER');
    await expect.poll(() => search(page).get('role')).toBe('CUSTOMER');
    await expect.poll(() => usersTotal(page)).toBe(customers.users.totalCount);
    await page.getByLabel('Search').fill('customer.two');
    await page.getByLabel('Search').press('Enter');
    await expect.poll(() => search(page).get('q')).toBe('customer.two');
    await expect.poll(() => page.getByTestId('user-row').count()).toBe(1);
    // The view survives a reload: the filters live in the URL.
    await page.reload();
    expect(await page.getByLabel('Role').inputValue()).toBe('CUSTOMER');
    await expect.poll(() => page.getByTestId('user-row').count()).toBe(1);

    const row = page.getByTestId('user-row').filter({ hasText: 'customer.two' });
    await row.getByRole('button', { name: /^Deactivate…/ }).click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.textContent()).toContain('signed out everywhere');
    await saveScreenshot(page, 'admin-users-deactivate', { fullPage: false });
    await dialog.getByRole('button', { name: 'Deactivate', exact: true }).click();
    await row.getByText('Deactivated', { exact: true }).waitFor();
    await dialog.waitFor({ state: 'detached' });
    // The audit trail's latest entry: who deactivated them.
    expect(await row.getByTestId('access-change').textContent()).toMatch(/^Deactivated by admin\.demo, /);
    expect(errorCode(await customerTwo.gql('{ me { id } returnCases { totalCount } }'))).toBe('UNAUTHENTICATED');

    await row.getByRole('button', { name: /^Reactivate/ }).click();
    await row.getByText('Active', { exact: true }).waitFor();
    expect(await row.getByTestId('access-change').textContent()).toMatch(/^Reactivated by admin\.demo, /);
    expect((await (await e2e.server.as('customer.two')).gql('{ returnCases { totalCount } }')).errors).toBeUndefined();

    // An admin cannot lock themselves out: their own row has no action.
    await page.goto('/admin/users?q=admin.demo');
    await expect.poll(() => page.getByTestId('user-row').count()).toBe(1);
    expect(await page.getByTestId('user-row').getByRole('button').count()).toBe(0);
  });
});

describe('admin: merchants', () => {
  it("edits a merchant's policy, showing the server's message next to each refused field", async () => {
    const admin = await e2e.server.as('admin.demo');
    const page = await e2e.signedInPage('admin.demo');
    await page.goto('/admin/merchants');
    await page.getByTestId('merchant-row').first().waitFor();
    await saveScreenshot(page, 'admin-merchants');
    const row = page.getByTestId('merchant-row').filter({ hasText: 'Northwind Goods' });
    const merchantId = (await admin.ok<{ merchants: { items: Array<{ id: string; name: string }> } }>('{ merchants(search: "Northwind") { items { id name } } }')).merchants.items[0].id;
    const policy = async () =>
      (
        await admin.ok<{ merchantPolicy: { returnWindowDays: number; restockingFeePercent: number; autoApproveLimitMinor: number } }>(
          'query P($id: ID!) { merchantPolicy(merchantId: $id) { returnWindowDays restockingFeePercent autoApproveLimitMinor } }',
          { id: merchantId },
        )
      ).merchantPolicy;
    const before = await policy();

    await row.getByRole('button', { name: /^Edit policy…/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Return window (days)').fill('0');
    await dialog.getByLabel('Restocking fee (%)').fill('150');
    await dialog.getByRole('button', { name: 'Save policy' }).click();
    const windowField = dialog.getByLabel('Return window (days)');
    await expect.poll(() => windowField.getAttribute('aria-invalid')).toBe('true');
    const errors = await dialog.getByTestId('field-error').allTextContents();
    expect(errors).toEqual(expect.arrayContaining(['The return window is at least 1 day.', 'The restocking fee is at most 100 %.']));
    // The message is tied to its field for screen readers.
    const describedBy = (await windowField.getAttribute('aria-describedby'))!;
    expect(await page.locator(`[id="${describedBy.split(' ').at(-1)}"]`).textContent()).toBe('The return window is at least 1 day.');
    await saveScreenshot(page, 'admin-merchant-policy-errors', { fullPage: false });
    expect(await policy()).toEqual(before);

    // A malformed amount is caught before asking the server.
    await dialog.getByLabel('Return window (days)').fill('45');
    await dialog.getByLabel('Restocking fee (%)').fill('5');
    await dialog.getByLabel('Auto-approve limit (USD)').fill('12.345');
    await dialog.getByRole('button', { name: 'Save policy' }).click();
    await dialog.getByText('Enter an amount such as 25 or 25.00 (0 turns it off).').waitFor();
    await dialog.getByLabel('Auto-approve limit (USD)').fill('30.50');
    await dialog.getByRole('button', { name: 'Save policy' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => row.textContent()).toContain('45 days');
    expect(await row.textContent()).toContain('$30.50');
    expect(await policy()).toEqual({ returnWindowDays: 45, restockingFeePercent: 5, autoApproveLimitMinor: 3050 });
  });
});

describe('admin: development mailbox', () => {
  it('explains an empty mailbox, then shows a message with its HTML sandboxed', async () => {
    await e2e.server.orm.em.getConnection().execute('delete from dev_mailbox_messages');
    const page = await e2e.signedInPage('admin.demo');
    await page.goto('/admin/mailbox');
    await page.getByRole('heading', { name: 'The development mailbox is empty' }).waitFor();
    expect(await page.getByRole('main').textContent()).toContain('MAIL_DRIVER=dev');
    await saveScreenshot(page, 'admin-mailbox-empty', { fullPage: false });

    const em = e2e.server.orm.em.fork();
    em.create(DevMailboxMessage, {
      dedupKey: `e2e-${Date.now()}`,
      to: 'chloe@example.com',
      from: 'ReturnHub <no-reply@returnhub.test>',
      subject: 'Your return RET-2611-000001 was approved',
      text: 'Good news: your return was approved.\nPrint the label and ship within 7 days.',
      html: '<h1 style="font-family:sans-serif">Good news</h1><p id="body">Your return was approved. Print the label and ship within 7 days.</p><script>parent.document.title = "pwned"</script>',
      caseId: null,
    });
    await em.flush();

    // The mailbox does not push: Refresh asks again.
    await page.getByRole('button', { name: 'Refresh' }).click();
    await page.getByTestId('mail-row').first().click();
    await expect.poll(() => search(page).get('message')).not.toBeNull();
    const frame = page.getByTestId('mail-html');
    expect(await frame.getAttribute('sandbox')).toBe('');
    await expect.poll(() => page.frameLocator('[data-testid="mail-html"]').locator('#body').textContent()).toContain('Your return was approved.');
    expect(await page.title()).not.toBe('pwned');
    await saveScreenshot(page, 'admin-mailbox');
    await page.getByRole('button', { name: 'Plain text' }).click();
    expect(await page.getByTestId('mail-text').textContent()).toContain('Print the label and ship within 7 days.');
  });

  it('reads well on a phone', async () => {
    const page = await e2e.signedInPage('admin.demo', PHONE);
    await page.goto('/admin/merchants');
    await page.getByTestId('merchant-row').first().waitFor();
    const width = await page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth as number);
    expect(width).toBeLessThanOrEqual(PHONE.width);
    await saveScreenshot(page, 'admin-merchants-phone', { fullPage: false });
  });
});
