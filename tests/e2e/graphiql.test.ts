// /graphiql is bundled with the app: it must load and work with no request leaving this machine.
import { expect, it } from 'vitest';
import { saveScreenshot } from './helpers/browser.js';
import { useE2E } from './helpers/e2e-fixture.js';

const e2e = useE2E();

it('loads GraphiQL offline and runs a query with the browser session', async () => {
  const page = await e2e.openPage();
  const requested: string[] = [];
  page.on('request', (request) => requested.push(request.url()));
  // The session of a signed-in ops agent, as the app would have left it in the browser.
  const ops = await e2e.server.as('ops.demo');
  const [name, value] = ops.sessionCookie!.split('=');
  await page.context().addCookies([{ name, value, url: e2e.server.url }]);

  await page.goto('/graphiql');
  await page.locator('.graphiql-container').waitFor();
  expect(await page.title()).toContain('GraphiQL');
  // Run the default query (it lists the viewer's cases) once the editor holds it; on a busy machine the
  // editor can still be loading when the page first paints.
  await expect.poll(() => page.locator('.graphiql-query-editor').textContent(), { timeout: 30_000 }).toContain('returnCases');
  await page.getByRole('button', { name: /execute query/i }).click();
  await expect.poll(() => page.locator('.result-window').textContent(), { timeout: 30_000 }).toContain('"totalCount": 32');
  await saveScreenshot(page, 'graphiql');

  const origin = new URL(e2e.server.url).origin;
  const external = requested.filter((url) => !url.startsWith(`${origin}/`) && !url.startsWith('data:') && !url.startsWith('blob:'));
  expect(external).toEqual([]);
  expect(requested.some((url) => url === `${origin}/graphql`)).toBe(true);
});
