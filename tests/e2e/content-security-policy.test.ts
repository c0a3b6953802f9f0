// The web app and GraphiQL under the real Content-Security-Policy: each role's console and a case page load and
// work with no policy violation in the browser's console (an inline script or style, or a remote load, would show
// up here as "Refused to … because it violates the following Content Security Policy directive").
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { signInThroughForm } from './helpers/browser.js';
import { useE2E } from './helpers/e2e-fixture.js';

const e2e = useE2E();

function violations(page: Page): string[] {
  const found: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) found.push(message.text());
  });
  return found;
}

it('runs every console, a case page and the password page with no CSP violation', async () => {
  for (const username of ['customer.one', 'merchant.one', 'ops.demo', 'admin.demo']) {
    const page = await e2e.openPage();
    const found = violations(page);
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
    await page.context().close(); // one page at a time
  }
});

it('runs GraphiQL under its own policy with no CSP violation', async () => {
  const page = await e2e.openPage();
  const found = violations(page);
  await page.goto('/graphiql');
  await page.locator('.graphiql-container').waitFor();
  await expect.poll(() => page.locator('.graphiql-query-editor').textContent(), { timeout: 30_000 }).toContain('returnCases');
  await page.waitForLoadState('networkidle');
  expect(found).toEqual([]);
});
