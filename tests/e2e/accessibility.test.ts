// Accessibility in Chromium against the real API and the demo data: axe-core (WCAG 2 A/AA, colour contrast
// included) on the landing and sign-in pages, each role's console and main page, the admin sections and a case page
// of each kind; keyboard use (skip link, visible focus); and the phone layout of the queue and the case page.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../helpers/test-server.js';
import { seriousViolations } from './helpers/axe.js';
import { freshDeliveredOrders } from '../helpers/fixtures.js';
import { DESKTOP, saveScreenshot } from './helpers/browser.js';
import { useE2E } from './helpers/e2e-fixture.js';

const e2e = useE2E();
let ops: ApiClient;

beforeAll(async () => {
  ops = await e2e.server.as('ops.demo');
});

const PHONE_375 = { width: 375, height: 812 } as const;

/** Waits until the page has settled: no spinner, no "Loading…" state. */
async function settled(page: Page, ready: string): Promise<void> {
  await page.locator(ready).first().waitFor();
  await expect.poll(() => page.locator('[aria-busy="true"], .spinner').count(), { timeout: 15_000 }).toBe(0);
}

async function caseOf(username: string): Promise<string> {
  const data = await ops.ok<{ returnCases: { edges: Array<{ node: { id: string; customer: { username: string } } }> } }>('{ returnCases(first: 40) { edges { node { id customer { username } } } } }');
  return data.returnCases.edges.find((e) => e.node.customer.username === username)!.node.id;
}

describe('axe-core finds no serious or critical violations', () => {
  it('on the landing and sign-in pages', async () => {
    const page = await e2e.openPage();
    await page.goto('/');
    await settled(page, 'h1');
    expect(await seriousViolations(page), 'landing').toEqual([]);
    await page.goto('/login');
    await settled(page, 'form');
    expect(await seriousViolations(page), 'sign-in').toEqual([]);
    // The form's own error state too.
    await page.getByLabel('Username').fill('customer.one');
    await page.getByLabel('Password').fill('wrong-password');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('alert').waitFor();
    expect(await seriousViolations(page), 'sign-in error').toEqual([]);
  });

  it.each([
    ['customer.one', ['/console/customer', '/customer']],
    ['merchant.one', ['/console/merchant', '/merchant', '/stock']],
    ['ops.demo', ['/console/ops', '/ops']],
    ['admin.demo', ['/console/admin', '/admin', '/admin/users', '/admin/merchants', '/admin/mailbox', '/admin/models', '/admin/tokens', '/admin/orders', '/admin/stock']],
  ] as const)('on the pages of %s', async (username, paths) => {
    const page = await e2e.signedInPage(username);
    for (const path of paths) {
      await page.goto(path);
      await settled(page, 'main h1');
      expect(await seriousViolations(page), path).toEqual([]);
    }
  });

  it('on a case page of each kind, and in the policy dialog', async () => {
    const caseId = await caseOf('customer.one');
    for (const [username, path, ready] of [
      ['ops.demo', `/ops/${caseId}`, '[data-testid="ops-workspace"]'],
      ['customer.one', `/customer/${caseId}`, '[data-testid="customer-case"]'],
      ['admin.demo', '/admin/merchants', '[data-testid="merchant-row"]'],
    ] as const) {
      const page = await e2e.signedInPage(username);
      await page.goto(path);
      await settled(page, ready);
      if (path === '/admin/merchants') {
        await page.getByRole('button', { name: 'Edit policy… for Northwind Goods' }).click();
        await page.getByRole('dialog').waitFor();
      }
      expect(await seriousViolations(page), path).toEqual([]);
      await page.context().close(); // one page at a time
    }
  });
});

describe('keyboard', () => {
  it('offers a skip link first, which moves focus to the page content, and shows where focus is', async () => {
    const page = await e2e.signedInPage('ops.demo');
    await page.goto('/ops');
    await settled(page, '[data-testid="queue-row"]');
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to content' });
    expect(await skip.evaluate((el) => el === (globalThis as any).document.activeElement)).toBe(true);
    // Visible while focused (it is off-screen otherwise).
    const box = await skip.boundingBox();
    expect(box && box.y >= 0 && box.width > 10).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => (globalThis as any).document.activeElement?.id)).toBe('main');

    // Tab onwards: every focused control draws a visible focus ring.
    for (let i = 0; i < 6; i += 1) {
      await page.keyboard.press('Tab');
      const ring = await page.evaluate(() => {
        const el = (globalThis as any).document.activeElement;
        const style = (globalThis as any).getComputedStyle(el);
        return { tag: el.tagName, outline: style.outlineStyle, width: parseFloat(style.outlineWidth), shadow: style.boxShadow };
      });
      expect(ring.outline !== 'none' && ring.width >= 2 || ring.shadow !== 'none', `focus ring on ${ring.tag}`).toBe(true);
    }
    await saveScreenshot(page, 'keyboard-focus', { fullPage: false });
  });
});

describe('phone width (375 px)', () => {
  it('lays out the queue and a case page without sideways scrolling', async () => {
    const caseId = await caseOf('customer.one');
    for (const [username, path, ready, name] of [
      ['ops.demo', '/ops', '[data-testid="queue-row"]', 'phone-375-queue'],
      ['ops.demo', `/ops/${caseId}`, '[data-testid="ops-workspace"]', 'phone-375-ops-case'],
      ['customer.one', `/customer/${caseId}`, '[data-testid="customer-case"]', 'phone-375-customer-case'],
      ['admin.demo', '/admin/users', '[data-testid="user-row"]', 'phone-375-admin-users'],
    ] as const) {
      const page = await e2e.signedInPage(username, PHONE_375);
      await page.goto(path);
      await settled(page, ready);
      const width = await page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth as number);
      expect(width, `${path} is wider than the phone`).toBeLessThanOrEqual(PHONE_375.width);
      await saveScreenshot(page, name);
      await page.context().close(); // one page at a time
    }
  });
});

/** Visible checkboxes, radios and back links smaller than 24 × 24 CSS px (WCAG 2.2, 2.5.8 target size), and how many were measured. */
async function smallTargets(page: Page): Promise<{ measured: number; small: string[] }> {
  return page.evaluate(() => {
    const doc = (globalThis as any).document;
    const targets = [...doc.querySelectorAll("input[type='checkbox'], input[type='radio'], .back-link")]
      .map((el: any) => ({ el, box: el.getBoundingClientRect() }))
      .filter(({ box }: any) => box.width > 0 && box.height > 0);
    const small = targets.filter(({ box }: any) => box.width < 24 || box.height < 24)
      .map(({ el, box }: any) => `${el.tagName.toLowerCase()}${el.type ? `[${el.type}]` : ''}.${el.className} ${box.width.toFixed(1)}×${box.height.toFixed(1)}`);
    return { measured: targets.length, small };
  });
}

describe('phone (390 × 844): targets and text that fit', () => {
  const PHONE_390 = { width: 390, height: 844 } as const;

  it('gives checkboxes, radios and back links at least 24 × 24 px', async () => {
    const orders = await freshDeliveredOrders(e2e.server.orm, 'customer.one');
    const customer = await e2e.server.as('customer.one');
    let orderId: string | undefined;
    for (const order of orders) {
      const { returnEligibility } = await customer.ok<{ returnEligibility: { eligible: boolean } }>('query E($id: ID!) { returnEligibility(orderId: $id) { eligible } }', { id: order.id });
      if (returnEligibility.eligible) orderId = order.id;
    }
    const caseId = await caseOf('customer.one');
    for (const [username, path, ready] of [
      ['customer.one', `/customer/orders/${orderId}/return`, 'input[type="radio"]'],
      ['ops.demo', `/ops/${caseId}`, '[data-testid="ops-workspace"]'],
      ['admin.demo', '/admin/merchants', '[data-testid="merchant-row"]'],
    ] as const) {
      const page = await e2e.signedInPage(username, PHONE_390);
      await page.goto(path);
      await settled(page, ready);
      if (path === '/admin/merchants') {
        await page.getByRole('button', { name: 'Edit policy… for Northwind Goods' }).click();
        await page.getByRole('dialog').waitFor();
      }
      const { measured, small } = await smallTargets(page);
      expect(measured, `${path}: something to measure`).toBeGreaterThan(0);
      expect(small, `${path}: targets under 24 px`).toEqual([]);
      await page.context().close(); // one page at a time
    }
  });

  it('shows the whole placeholder of the queue search, on a phone and on a desktop', async () => {
    for (const viewport of [PHONE_390, DESKTOP]) {
      const page = await e2e.signedInPage('ops.demo', viewport);
      await page.goto('/ops');
      await settled(page, '[data-testid="queue-row"]');
      const fit = await page.getByLabel('Search').evaluate((input: any) => {
        const style = (globalThis as any).getComputedStyle(input);
        const context2d = (globalThis as any).document.createElement('canvas').getContext('2d');
        context2d.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
        return { text: context2d.measureText(input.placeholder).width, room: input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) };
      });
      expect(fit.text, `placeholder at ${viewport.width} px`).toBeLessThanOrEqual(fit.room);
      await page.context().close(); // one page at a time
    }
  });
});
