// Live updates in Chromium against the real API: the page a person has open changes when someone else changes the
// data — the ops queue on any case change, a case page on a change of that case — with no reload, and the header
// says the page is live. Subscriptions run over graphql-ws on the same origin, authenticated by the session cookie.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../helpers/test-server.js';
import { saveScreenshot, signInThroughForm } from './helpers/browser.js';
import { useE2E } from './helpers/e2e-fixture.js';

const e2e = useE2E();
let ops: ApiClient;

beforeAll(async () => {
  ops = await e2e.server.as('ops.demo');
});

interface QueueAnswer {
  queue: { items: Array<{ id: string; number: string; priority: string }> };
}
// The page's default view: open cases only.
const apiQueue = () => ops.ok<QueueAnswer>('{ queue(filter: { open: true }) { items { id number priority } } }');
const shownNumbers = (page: Page) => page.locator('[data-testid="queue-row"]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-case-number')));
const liveStatus = (page: Page) => page.getByTestId('live-indicator').getAttribute('data-status');

describe('live updates', () => {
  it('refreshes the open ops queue when another agent changes a case, without a reload', async () => {
    const page = await e2e.signedInPage('ops.demo');
    await page.goto('/ops');
    // A mark on the window: a reload would wipe it.
    await page.evaluate(() => ((globalThis as any).__sameDocument = true));
    const before = await apiQueue();
    await expect.poll(() => shownNumbers(page)).toEqual(before.queue.items.map((c) => c.number));
    await expect.poll(() => liveStatus(page)).toBe('live');
    await saveScreenshot(page, 'live-queue', { fullPage: false });

    // Another agent makes the last case on the page urgent: it climbs the queue on this page by itself.
    const target = before.queue.items.at(-1)!;
    expect(target.priority).not.toBe('URGENT');
    await ops.ok('mutation P($id: ID!) { setCasePriority(id: $id, priority: URGENT) { id } }', { id: target.id });
    const after = await apiQueue();
    expect(after.queue.items.map((c) => c.number)).not.toEqual(before.queue.items.map((c) => c.number));
    await expect.poll(() => shownNumbers(page), { timeout: 15_000 }).toEqual(after.queue.items.map((c) => c.number));
    expect(await page.evaluate(() => (globalThis as any).__sameDocument)).toBe(true);
  });

  it("shows a message on the customer's open case page as soon as ops writes it", async () => {
    const data = await ops.ok<{ returnCases: { edges: Array<{ node: { id: string; status: string; customer: { username: string } } }> } }>(
      '{ returnCases(first: 40) { edges { node { id status customer { username } } } } }',
    );
    const target = data.returnCases.edges.map((e) => e.node).find((c) => c.customer.username === 'customer.one' && c.status === 'IN_REVIEW')
      ?? data.returnCases.edges.map((e) => e.node).find((c) => c.customer.username === 'customer.one')!;
    const page = await e2e.signedInPage('customer.one');
    await page.goto(`/customer/${target.id}`);
    await page.getByTestId('customer-case').waitFor();
    await expect.poll(() => liveStatus(page)).toBe('live');
    const message = `Live e2e message ${Date.now()}: we have your photos.`;
    await ops.ok('mutation N($id: ID!, $body: String!) { addCaseNote(caseId: $id, body: $body, visibility: MESSAGE) { id } }', { id: target.id, body: message });
    await expect.poll(() => page.getByTestId('customer-case').textContent(), { timeout: 15_000 }).toContain(message);
    // An internal note is pushed as a change too, but the customer's page never shows it. Proven by order, not by
    // waiting: a message written after the note must arrive, and by then the note's change has been handled
    // (one socket, in order) and the page has read the case again with the note already in it.
    const internal = `Internal live note ${Date.now()}`;
    await ops.ok('mutation N($id: ID!, $body: String!) { addCaseNote(caseId: $id, body: $body, visibility: INTERNAL) { id } }', { id: target.id, body: internal });
    const later = `Live e2e message after the note ${Date.now()}`;
    await ops.ok('mutation N($id: ID!, $body: String!) { addCaseNote(caseId: $id, body: $body, visibility: MESSAGE) { id } }', { id: target.id, body: later });
    await expect.poll(() => page.getByTestId('customer-case').textContent(), { timeout: 15_000 }).toContain(later);
    expect(await page.content()).not.toContain(internal);
    await saveScreenshot(page, 'live-customer-case', { fullPage: false });
  });

  it('is not live on pages that do not listen, and never opens a socket for the sign-in page', async () => {
    const page = await e2e.openPage();
    const sockets: string[] = [];
    page.on('websocket', (ws) => sockets.push(ws.url()));
    await page.goto('/login');
    await page.getByRole('heading', { name: 'Sign in to ReturnHub' }).waitFor();
    await signInThroughForm(page, 'ops.demo');
    await page.getByTestId('case-row').first().waitFor();
    expect(await page.getByTestId('live-indicator').count()).toBe(0);
    expect(sockets).toEqual([]);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Queue' }).click();
    await expect.poll(() => liveStatus(page)).toBe('live');
    expect(sockets.map((url) => new URL(url).pathname)).toEqual(['/graphql']);
    // Queue → case → queue on the one open socket: the header says Live on each page, not "Connecting…" for good.
    await page.getByTestId('queue-row').first().getByRole('link').click();
    await page.waitForURL(/\/ops\/[^/?]+$/);
    await expect.poll(() => liveStatus(page)).toBe('live');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Queue' }).click();
    await page.getByTestId('queue-row').first().waitFor();
    await expect.poll(() => liveStatus(page)).toBe('live');
    expect(await page.getByTestId('live-indicator').textContent()).toContain('Live');
    expect(sockets).toHaveLength(1);
  });
});
