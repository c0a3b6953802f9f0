// /graphiql is bundled with the app: it must load and work with no request leaving this machine.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { launchBrowser, newPage, saveScreenshot } from './helpers/browser.js';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

it('loads GraphiQL offline and runs a query with the browser session', async () => {
  const { context, page } = await newPage(browser, server.url);
  const requested: string[] = [];
  page.on('request', (request) => requested.push(request.url()));
  try {
    // The session of a signed-in ops agent, as the app would have left it in the browser.
    const ops = await server.as('ops.demo');
    const [name, value] = ops.sessionCookie!.split('=');
    await context.addCookies([{ name, value, url: server.url }]);

    await page.goto('/graphiql');
    await page.locator('.graphiql-container').waitFor();
    expect(await page.title()).toContain('GraphiQL');
    // Run the default query (it lists the viewer's cases) once the editor holds it; on a busy machine the
    // editor can still be loading when the page first paints.
    await expect.poll(() => page.locator('.graphiql-query-editor').textContent(), { timeout: 30_000 }).toContain('returnCases');
    await page.getByRole('button', { name: /execute query/i }).click();
    await expect.poll(() => page.locator('.result-window').textContent(), { timeout: 30_000 }).toContain('"totalCount": 32');
    await saveScreenshot(page, 'graphiql');

    const origin = new URL(server.url).origin;
    const external = requested.filter((url) => !url.startsWith(`${origin}/`) && !url.startsWith('data:') && !url.startsWith('blob:'));
    expect(external).toEqual([]);
    expect(requested.some((url) => url === `${origin}/graphql`)).toBe(true);
  } finally {
    await context.close();
  }
});
