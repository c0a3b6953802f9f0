import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';
import { DESKTOP, launchBrowser, newPage, signInThroughForm } from './browser.js';

export interface E2E {
  /** This file's server (its own database cloned from the demo data). */
  readonly server: TestServer;
  readonly browser: Browser;
  /** A page in a fresh context (its own cookies), closed after the test whatever happened (or by `page.context().close()`). */
  openPage(viewport?: { width: number; height: number }): Promise<Page>;
  /** A fresh page signed in through the form as `username`, closed after the test. */
  signedInPage(username: string, viewport?: { width: number; height: number }): Promise<Page>;
}

/**
 * The one set-up of the browser tests, called once at the top of a file: a test server and one Chromium for the
 * file, started together before its tests and closed after them; the contexts a test opens are closed after it.
 */
export function useE2E(): E2E {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  });
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('useE2E: the server and browser start in beforeAll; use them inside tests and hooks');
    return value;
  };
  const e2e: E2E = {
    get server() {
      return started(server);
    },
    get browser() {
      return started(browser);
    },
    async openPage(viewport = DESKTOP) {
      const { context, page } = await newPage(e2e.browser, e2e.server.url, viewport);
      contexts.push(context);
      // A test may close it sooner (one page at a time in a loop); then it is not closed again.
      context.once('close', () => {
        const index = contexts.indexOf(context);
        if (index >= 0) contexts.splice(index, 1);
      });
      return page;
    },
    async signedInPage(username, viewport) {
      const page = await e2e.openPage(viewport);
      await signInThroughForm(page, username);
      return page;
    },
  };
  return e2e;
}
