// The web app in Chromium against the real API and the demo data: sign-in through the form, each role's console,
// route guards, sign-out. One browser for the file; each test has its own context (cookies).
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { PHONE, saveScreenshot, signInThroughForm } from './helpers/browser.js';
import { useE2E } from './helpers/e2e-fixture.js';

const e2e = useE2E();

interface ApiView {
  displayName: string;
  total: number;
  numbers: string[];
}

/** What the API itself says this user may see: the page must show exactly that. */
async function apiView(username: string): Promise<ApiView> {
  const client = await e2e.server.as(username);
  const data = await client.ok<{ me: { displayName: string }; returnCases: { totalCount: number; edges: Array<{ node: { number: string } }> } }>(
    'query View($first: Int!) { me { displayName } returnCases(first: $first) { totalCount edges { node { number } } } }',
    { first: 100 },
  );
  return { displayName: data.me.displayName, total: data.returnCases.totalCount, numbers: data.returnCases.edges.map((e) => e.node.number) };
}

const caseTotal = async (page: Page) => Number(await page.getByTestId('case-total').getAttribute('data-count'));

/** Every case number listed, after showing all pages. */
async function listedCaseNumbers(page: Page): Promise<string[]> {
  await page.getByTestId('case-row').first().waitFor();
  const more = page.getByRole('button', { name: 'Show more cases' });
  while (await more.isVisible()) {
    const before = await page.getByTestId('case-row').count();
    await more.click();
    await page.waitForFunction((n) => (globalThis as any).document.querySelectorAll('[data-testid="case-row"]').length > n, before);
  }
  return page.locator('[data-testid="case-row"] .case-table__number').allTextContents();
}

describe('consoles', () => {
  it('ops.demo signs in through the form and sees all 32 cases, 25 at a time', async () => {
    const expected = await apiView('ops.demo');
    expect(expected.total).toBe(32);
    const page = await e2e.openPage();
    const preflightHeaders: Array<string | undefined> = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/graphql') preflightHeaders.push(request.headers()['apollo-require-preflight']);
    });
    await signInThroughForm(page, 'ops.demo');
    expect(new URL(page.url()).pathname).toBe('/console/ops');
    await expect.poll(() => caseTotal(page)).toBe(32);
    await expect.poll(() => page.getByTestId('case-total').textContent()).toBe('32 cases');
    await expect.poll(() => page.getByTestId('signed-in-user').textContent()).toContain(expected.displayName);
    expect(await page.getByTestId('case-row').count()).toBe(25);
    expect(await page.getByRole('columnheader').allTextContents()).toEqual(['Case', 'Status', 'Priority', 'Customer', 'Merchant', 'Created', 'Refund']);
    await saveScreenshot(page, 'console-ops');

    const numbers = await listedCaseNumbers(page);
    expect(numbers).toHaveLength(32);
    expect(new Set(numbers)).toEqual(new Set(expected.numbers));
    expect(await page.getByTestId('case-count-shown').textContent()).toBe('Showing 32 of 32');
    // Viewer, SignIn, ConsoleCases and the second page: every API request satisfies the CSRF guard.
    expect(preflightHeaders.length).toBeGreaterThanOrEqual(4);
    expect(new Set(preflightHeaders)).toEqual(new Set(['true']));
  });

  it.each([
    ['customer.one', 'customer', ['Case', 'Status', 'Priority', 'Merchant', 'Created', 'Refund']],
    ['merchant.one', 'merchant', ['Case', 'Status', 'Priority', 'Customer', 'Created', 'Refund']],
  ])('%s sees exactly the cases the API scopes to them', async (username, segment, headers) => {
    const expected = await apiView(username);
    expect(expected.total).toBeGreaterThan(0);
    expect(expected.total).toBeLessThan(32);
    const page = await e2e.signedInPage(username);
    expect(new URL(page.url()).pathname).toBe(`/console/${segment}`);
    await expect.poll(() => caseTotal(page)).toBe(expected.total);
    expect(await page.getByTestId('console-viewer').textContent()).toContain(expected.displayName);
    expect(await page.getByRole('columnheader').allTextContents()).toEqual(headers);
    await saveScreenshot(page, `console-${segment}`);
    expect(new Set(await listedCaseNumbers(page))).toEqual(new Set(expected.numbers));
  });

  it('admin.demo signs in with the one-click demo button and sees every case', async () => {
    const page = await e2e.openPage();
    await page.goto('/login');
    await page.getByRole('button', { name: 'Sign in as admin.demo (Admin)' }).click();
    await page.waitForURL('**/console/admin');
    await expect.poll(() => caseTotal(page)).toBe(32);
    await saveScreenshot(page, 'console-admin');
  });

  it('lays the console out as cards on a phone', async () => {
    const page = await e2e.signedInPage('ops.demo', PHONE);
    await expect.poll(() => caseTotal(page)).toBe(32);
    // The column headers are kept for screen readers only; each row reads as a card with its own labels.
    expect((await page.locator('.case-table thead').boundingBox())?.height).toBeLessThanOrEqual(1);
    const width = await page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth as number);
    expect(width).toBeLessThanOrEqual(PHONE.width);
    await saveScreenshot(page, 'console-ops-phone', { fullPage: false });
  });
});

describe('sign-in, guards and sign-out', () => {
  it('shows the landing page and the sign-in page to anonymous visitors', async () => {
    const page = await e2e.openPage();
    await page.goto('/');
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await page.title()).toContain('ReturnHub');
    await saveScreenshot(page, 'landing');
    await page.getByRole('main').getByRole('link', { name: 'Sign in' }).click();
    await page.waitForURL('**/login');
    await page.getByRole('heading', { name: 'Sign in to ReturnHub' }).waitFor();
    await saveScreenshot(page, 'login');
  });

  it("shows the server's message when the password is wrong", async () => {
    const page = await e2e.openPage();
    await page.goto('/login');
    await page.getByLabel('Username').fill('customer.two');
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.getAttribute('data-error-code')).toBe('UNAUTHENTICATED');
    expect(await alert.textContent()).toContain('Invalid username or password.');
    expect(new URL(page.url()).pathname).toBe('/login');
    await saveScreenshot(page, 'login-error');
  });

  it('sends an anonymous visitor of a console to /login and back after sign-in', async () => {
    const page = await e2e.openPage();
    await page.goto('/console/ops');
    await page.waitForURL('**/login?next=%2Fconsole%2Fops');
    await page.getByLabel('Username').fill('ops.demo');
    await page.getByLabel('Password').fill('ChangeMe123!');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL('**/console/ops');
    await expect.poll(() => caseTotal(page)).toBe(32);
  });

  it("answers another role's console and unknown pages with Not Found", async () => {
    const page = await e2e.signedInPage('customer.one');
    for (const path of ['/console/ops', '/console/admin', '/console/merchant', '/console/nobody', '/no-such-page']) {
      await page.goto(path);
      await page.getByRole('heading', { name: 'Page not found' }).waitFor();
      expect(new URL(page.url()).pathname).toBe(path);
      expect(await page.getByTestId('case-row').count()).toBe(0);
    }
    await saveScreenshot(page, 'not-found');
    await page.getByRole('link', { name: 'Go to your console' }).click();
    await page.waitForURL('**/console/customer');
    await page.getByTestId('case-row').first().waitFor();
  });

  it('signs out: back to the sign-in page, and the session is gone on the server too', async () => {
    const page = await e2e.signedInPage('merchant.two');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL('**/login?signedOut=1');
    await page.getByText('You have signed out.').waitFor();
    expect((await page.context().cookies()).filter((c) => c.name === 'rh_session')).toEqual([]);
    await page.goto('/console/merchant');
    await page.waitForURL('**/login?next=%2Fconsole%2Fmerchant');
  });
});
