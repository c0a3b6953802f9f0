// The web app and GraphiQL under the real Content-Security-Policy: each role's console and a case page load and
// work with no policy violation in the browser's console (an inline script or style, or a remote load, would show
// up here as "Refused to … because it violates the following Content Security Policy directive").
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { launchBrowser, newPage, signInThroughForm } from './helpers/browser.js';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

function violations(page: Page): string[] {
  const found: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) found.push(message.text());
  });
  return found;
}

it('runs every console, a case page and the password page with no CSP violation', async () => {
  for (const username of ['customer.one', 'merchant.one', 'ops.demo', 'admin.demo']) {
    const { context, page } = await newPage(browser, server.url);
    const found = violations(page);
    try {
      const response = await page.goto('/login');
      expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
      await signInThroughForm(page, username);
      const firstCase = page.getByTestId('case-row').first();
      if (await firstCase.waitFor({ timeout: 10_000 }).then(() => true, () => false)) {
        await firstCase.locator('a').first().click();
        await page.waitForURL(/\/[0-9a-f-]{36}$/);
        await page.getByRole('heading').first().waitFor();
      }
      // Every role reaches its password page from the header.
      await page.getByRole('link', { name: 'Password' }).click();
      await page.getByRole('heading', { name: 'Change your password' }).waitFor();
      await page.waitForLoadState('networkidle');
      expect(found, username).toEqual([]);
    } finally {
      await context.close();
    }
  }
});

it('runs GraphiQL under its own policy with no CSP violation', async () => {
  const { context, page } = await newPage(browser, server.url);
  const found = violations(page);
  try {
    await page.goto('/graphiql');
    await page.locator('.graphiql-container').waitFor();
    await expect.poll(() => page.locator('.graphiql-query-editor').textContent(), { timeout: 30_000 }).toContain('returnCases');
    await page.waitForLoadState('networkidle');
    expect(found).toEqual([]);
  } finally {
    await context.close();
  }
});
