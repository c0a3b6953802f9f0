// Carrier tracking in Chromium (issue 22 §5): the customer's open case page shows the parcel's scans as the carrier's
// signed webhook reports them, and the return moving to In transit and Received, with no reload.
import { describe, expect, it } from 'vitest';
import { approvedCase, sendCarrierEvent } from '../helpers/carrier.js';
import { saveScreenshot } from './helpers/browser.js';
import { useE2E } from './helpers/e2e-fixture.js';

const e2e = useE2E();

describe('carrier tracking', () => {
  it("shows the carrier's scans on the customer's open case page as they arrive", async () => {
    const merchant = await e2e.server.as('merchant.one');
    const rc = await approvedCase(e2e.server, merchant);
    const page = await e2e.signedInPage('customer.one');
    await page.goto(`/customer/${rc.id}`);
    const card = page.getByTestId('tracking-card');
    await card.waitFor();
    expect(await card.textContent()).toContain(rc.trackingNumber);
    expect(await card.textContent()).toContain('No scans yet');
    await expect.poll(() => page.getByTestId('live-indicator').getAttribute('data-status')).toBe('live');

    const scan = (id: string, type: string, location: string) => ({ id, type, trackingNumber: rc.trackingNumber, occurredAt: e2e.server.clock.now().toISOString(), location, description: '' });
    expect((await sendCarrierEvent(e2e.server, scan('evt_e2e_1', 'LABEL_SCANNED', 'Drop-off point 12'))).status).toBe(200);
    await expect.poll(() => page.getByTestId('tracking-events').textContent(), { timeout: 15_000 }).toContain('Picked up by the carrier');
    expect(await page.getByTestId('tracking-events').textContent()).toContain('Drop-off point 12');

    expect((await sendCarrierEvent(e2e.server, scan('evt_e2e_2', 'DELIVERED_TO_WAREHOUSE', 'Northwind returns dock'))).status).toBe(200);
    await expect.poll(() => page.getByTestId('tracking-events').locator('li').count(), { timeout: 15_000 }).toBe(2);
    const titles = await page.getByTestId('tracking-events').locator('.timeline__title').allTextContents();
    expect(titles).toEqual(['Delivered to the return warehouse', 'Picked up by the carrier']);
    await expect.poll(() => page.getByTestId('status-tracker').textContent()).toMatch(/Received/);
    await saveScreenshot(page, 'carrier-tracking');
  });
});
