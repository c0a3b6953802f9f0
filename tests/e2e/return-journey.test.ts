// The whole return journey in Chromium against the real API and the demo data, each role in its own browser
// context: customer.one opens a return on a delivered order with two photos, merchant.one approves it, the
// customer downloads the label and confirms the shipment with a photo of the parcel, the merchant receives and inspects the parcel, the
// simulated payment provider settles the refund (what the worker does in production), ops look at the evidence
// beside the inspection photos, and the customer sees "Refunded". Screenshots of each step go to
// test-results/screenshots/journey-*.png.
import { readFileSync } from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { SimulatedBehaviour } from '../../server/src/modules/payments/simulated/simulated-provider.entities.js';
import { INSPECT, deliveredOrder, passAllItems, query, receivedCase, simulatedProvider } from '../helpers/money.js';
import type { ApiClient } from '../helpers/test-server.js';
import { PHONE, saveScreenshot } from './helpers/browser.js';
import { useE2E } from './helpers/e2e-fixture.js';

const e2e = useE2E();
let ops: ApiClient;

beforeAll(async () => {
  ops = await e2e.server.as('ops.demo');
});

/** A small real PNG (solid colour with a stripe), so the server's sniffing and thumbnailing accept it. */
function png(width: number, height: number, [r, g, b]: [number, number, number]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const rows: number[] = [];
  for (let y = 0; y < height; y++) {
    rows.push(0);
    for (let x = 0; x < width; x++) rows.push(...(Math.abs(x - y) < 4 ? [255, 255, 255] : [r, g, b]));
  }
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.from(rows))), chunk('IEND', Buffer.alloc(0))]);
}

interface JourneyCase {
  status: string;
  refundAmountMinor: number;
  documents: Array<{ kind: string; fileName: string; contentType: string }>;
  refunds: Array<{ state: string; amountMinor: number }>;
}

const caseOf = async (id: string) =>
  (
    await ops.ok<{ returnCase: JourneyCase }>('query J($id: ID!) { returnCase(id: $id) { status refundAmountMinor documents { kind fileName contentType } refunds { state amountMinor } } }', { id })
  ).returnCase;

/** The customer's delivered Northwind order with a final-sale item, on which the headphones can still be returned. */
async function returnableOrder(customer: ApiClient): Promise<{ id: string; number: string }> {
  const { orders } = await customer.ok<{ orders: { edges: Array<{ node: { id: string; number: string; status: string; merchant: { name: string } } }> } }>(
    '{ orders(first: 50) { edges { node { id number status merchant { name } } } } }',
  );
  for (const { node } of orders.edges.filter((e) => e.node.status === 'DELIVERED' && e.node.merchant.name === 'Northwind Goods')) {
    const { returnEligibility } = await customer.ok<{ returnEligibility: { eligible: boolean; items: Array<{ sku: string; eligible: boolean }> } }>(
      'query E($id: ID!) { returnEligibility(orderId: $id) { eligible items { sku eligible } } }',
      { id: node.id },
    );
    if (returnEligibility.items.some((i) => i.sku === 'NW-HEAD-01' && i.eligible) && returnEligibility.items.some((i) => i.sku === 'NW-CLEAR-07')) return node;
  }
  throw new Error('the demo data has no returnable Northwind order for customer.one');
}

/** A full-page screenshot from the top (a scrolled page would show its sticky header over the content). */
async function shot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => (globalThis as any).scrollTo(0, 0));
  await saveScreenshot(page, name);
}

const statusText = (page: Page) => page.getByTestId('case-status').textContent();

it('takes a return from request to refund across the customer, merchant and ops pages', async () => {
  const customerApi = await e2e.server.as('customer.one');
  const order = await returnableOrder(customerApi);
  // 1. The customer finds the order and sees, item by item, what can be returned and why not.
  const c = await e2e.signedInPage('customer.one');
  await c.goto('/customer');
  await c.getByTestId('customer-case-card').first().waitFor();
  await shot(c, 'journey-customer-returns');
  await c.getByTestId('start-return').click();
  await c.waitForURL('**/customer/orders');
  const card = c.locator(`[data-testid="order-card"][data-order-number="${order.number}"]`);
  await c.getByTestId('order-card').first().waitFor();
  // Newest first, ten at a time: show more until the order is listed.
  while ((await card.count()) === 0) await c.getByRole('button', { name: 'Show more orders' }).click();
  await card.getByTestId('eligibility-item').first().waitFor();
  expect(await card.textContent()).toContain('Final-sale items cannot be returned.');
  await shot(c, 'journey-01-orders');

  // 2. Open the return: one item, a reason, words, two photos (and a file the limits refuse at once).
  await card.getByRole('link', { name: 'Return items' }).click();
  await c.waitForURL(`**/customer/orders/${order.id}/return`);
  const form = c.getByTestId('open-return-form');
  await form.waitFor();
  expect(await form.getByTestId('upload-limits').textContent()).toContain('Up to 5 photos (JPG, PNG or WEBP, 5 MB each) and 1 video (MP4 or MOV, 50 MB)');
  // Nothing chosen: the form says what is missing and sends nothing.
  await form.getByRole('button', { name: 'Send return request' }).click();
  await form.getByText('Choose at least one item to return.').waitFor();

  await form.getByLabel(/Noise-cancelling headphones/).check();
  await form.getByLabel('Why are you returning them?').selectOption('DEFECTIVE_DAMAGED');
  await form.getByLabel(/Tell us more/).fill('The left earcup crackles at any volume. Photos of the box and the earcup attached.');
  const input = form.getByTestId('file-input');
  await input.setInputFiles([{ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a photo') }]);
  await expect.poll(() => form.getByTestId('upload-refused').textContent()).toContain('This file type is not accepted here');
  await input.setInputFiles([
    { name: 'earcup.png', mimeType: 'image/png', buffer: png(96, 64, [200, 60, 60]) },
    { name: 'box.png', mimeType: 'image/png', buffer: png(96, 64, [60, 90, 200]) },
  ]);
  await expect.poll(() => form.getByTestId('chosen-file').count()).toBe(2);
  // The previews are the files themselves (object URLs), not uploads.
  expect(await form.getByTestId('chosen-file').first().locator('img').getAttribute('src')).toMatch(/^blob:/);
  await shot(c, 'journey-02-open-return');
  await form.getByRole('button', { name: 'Send return request' }).click();
  await c.waitForURL(/\/customer\/[0-9a-f-]{36}$/);
  const caseId = new URL(c.url()).pathname.split('/').pop()!;
  await expect.poll(() => statusText(c)).toBe('Submitted');
  const number = await c.getByTestId('case-number').textContent();
  await expect.poll(() => c.getByTestId('case-documents').getByTestId('gallery-item').count()).toBe(2);
  const opened = await caseOf(caseId);
  expect(opened.documents.map((d) => [d.kind, d.fileName, d.contentType])).toEqual([
    ['EVIDENCE', 'earcup.png', 'image/png'],
    ['EVIDENCE', 'box.png', 'image/png'],
  ]);
  await shot(c, 'journey-03-submitted');

  // 3. The merchant approves it from its page.
  const m = await e2e.signedInPage('merchant.one');
  await m.goto('/merchant');
  await m.getByRole('link', { name: number! }).waitFor();
  await shot(m, 'journey-merchant-returns');
  await m.getByRole('link', { name: number! }).click();
  await m.waitForURL(`**/merchant/${caseId}`);
  await m.getByTestId('decision-panel').getByRole('button', { name: 'Approve', exact: true }).click();
  await m.getByRole('dialog', { name: 'Approve this return?' }).getByRole('button', { name: 'Approve return' }).click();
  await expect.poll(() => statusText(m)).toBe('Approved');
  await shot(m, 'journey-04-merchant-approved');

  // 4. The customer downloads the label and confirms the shipment (prefilled from the label).
  await c.reload();
  await expect.poll(() => statusText(c)).toBe('Approved');
  const label = c.getByTestId('return-label');
  await label.waitFor();
  const [download] = await Promise.all([c.waitForEvent('download'), label.getByTestId('label-download').click()]);
  const labelPath = await download.path();
  expect(readFileSync(labelPath).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const shipment = c.getByTestId('shipment-form');
  expect(await shipment.getByLabel('Carrier').inputValue()).not.toBe('');
  expect(await shipment.getByLabel('Tracking number').inputValue()).not.toBe('');
  // Seed 002: the shipment needs a description and 1 to 5 photos of the packed goods; without them nothing is sent.
  await shipment.getByRole('button', { name: 'Confirm shipment' }).click();
  await shipment.getByTestId('shipment-photos-error').waitFor();
  await shipment.getByLabel('What did you pack?').fill('The headphones in their original box, taped shut.');
  await shipment.getByTestId('file-input').setInputFiles([{ name: 'parcel.png', mimeType: 'image/png', buffer: png(96, 64, [170, 130, 80]) }]);
  await expect.poll(() => shipment.getByTestId('chosen-file').count()).toBe(1);
  await shot(c, 'journey-05-label-and-shipment');
  await shipment.getByRole('button', { name: 'Confirm shipment' }).click();
  await expect.poll(() => statusText(c)).toBe('In transit');
  await expect.poll(() => c.getByTestId('shipment-form').count()).toBe(0);
  // The parcel photo is listed on the case with the description, apart from the evidence.
  await expect.poll(() => c.getByTestId('case-documents').getByTestId('gallery-item').count()).toBe(3);
  expect(await c.getByTestId('shipment-description').textContent()).toBe('The headphones in their original box, taped shut.');
  const shipped = await caseOf(caseId);
  expect(shipped.documents.filter((d) => d.kind === 'SHIPMENT_EVIDENCE').map((d) => [d.fileName, d.contentType])).toEqual([['parcel.png', 'image/png']]);

  // 5. The merchant receives the parcel, adds an inspection photo, and records the inspection.
  await m.reload();
  await expect.poll(() => statusText(m)).toBe('In transit');
  await m.getByTestId('decision-panel').getByRole('button', { name: 'Mark received' }).click();
  await expect.poll(() => statusText(m)).toBe('Received');
  const upload = m.getByTestId('upload-form');
  await upload.getByLabel('What are you adding?').selectOption('INSPECTION');
  await upload.getByTestId('file-input').setInputFiles([{ name: 'inspection.png', mimeType: 'image/png', buffer: png(96, 64, [40, 160, 90]) }]);
  await upload.getByRole('button', { name: 'Upload 1 file' }).click();
  await expect.poll(() => m.getByTestId('inspection-compare').getByTestId('gallery-item').count()).toBe(3);
  const inspection = m.getByTestId('inspection-form');
  // Nothing filled in: each missing answer is named, nothing is sent.
  await inspection.getByRole('button', { name: 'Record inspection' }).click();
  await inspection.getByText('Choose the condition of this item.').first().waitFor();
  const items = inspection.getByTestId('inspect-item');
  for (let i = 0; i < (await items.count()); i++) {
    await items.nth(i).getByRole('combobox').selectOption('LIKE_NEW');
    await items.nth(i).getByRole('checkbox').check();
  }
  await inspection.getByLabel(/Passed/).check();
  await shot(m, 'journey-06-inspection');
  await inspection.getByRole('button', { name: 'Record inspection' }).click();
  await expect.poll(() => statusText(m)).toBe('Refund pending');

  // 6. The provider settles the refund and confirms it by its signed webhook (the worker's job in production).
  expect((await caseOf(caseId)).refunds).toEqual([expect.objectContaining({ state: 'PENDING' })]);
  await simulatedProvider(e2e.server).settlePendingRefunds();
  await expect.poll(async () => (await caseOf(caseId)).status).toBe('REFUNDED');

  // 7. Ops: the refund and the evidence beside the inspection photos, in a keyboard-usable lightbox.
  const o = await e2e.signedInPage('ops.demo');
  await o.goto(`/ops/${caseId}`);
  await expect.poll(() => statusText(o)).toBe('Refunded');
  await expect.poll(() => o.getByTestId('refund-panel').getByTestId('refund-attempt').getAttribute('data-state')).toBe('SUCCEEDED');
  const compare = o.getByTestId('inspection-compare');
  await expect.poll(() => compare.getByTestId('gallery-item').count()).toBe(3);
  await shot(o, 'journey-07-ops-workspace');
  await compare.getByTestId('gallery-item').first().focus();
  await o.keyboard.press('Enter');
  const lightbox = o.getByRole('dialog', { name: 'earcup.png' });
  await lightbox.waitFor();
  await o.keyboard.press('ArrowRight');
  await o.getByRole('dialog', { name: 'box.png' }).waitFor();
  await expect.poll(() => o.getByRole('dialog').locator('img').evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(0);
  await saveScreenshot(o, 'journey-08-ops-lightbox', { fullPage: false });
  await o.keyboard.press('Escape');
  await expect.poll(() => o.getByRole('dialog').count()).toBe(0);

  // 8. The customer sees the refund.
  await c.reload();
  await expect.poll(() => statusText(c)).toBe('Refunded');
  expect(await c.getByTestId('next-step').textContent()).toContain('Refunded');
  const final = await caseOf(caseId);
  expect(final.refunds).toEqual([expect.objectContaining({ state: 'SUCCEEDED', amountMinor: final.refundAmountMinor })]);
  await shot(c, 'journey-09-customer-refunded');
});

it('lets ops retry a refund the provider declined, from the workspace, and the retry pays', async () => {
  const [admin, customerApi, merchantApi] = await Promise.all([e2e.server.as('admin.demo'), e2e.server.as('customer.one'), e2e.server.as('merchant.one')]);
  const order = await deliveredOrder(e2e.server, admin, 'customer.one');
  const [{ payment_reference: paymentReference }] = await query<{ payment_reference: string }>(e2e.server.orm, 'select payment_reference from orders where id = ?', [order.id]);
  await simulatedProvider(e2e.server).setBehaviour(SimulatedBehaviour.DECLINE, { paymentReference, times: 1 });
  const rc = await receivedCase({ customer: customerApi, merchant: merchantApi }, order);
  await merchantApi.ok(INSPECT, { id: rc.id, input: { passed: true, items: await passAllItems(merchantApi, rc.id) } });
  expect((await caseOf(rc.id)).status).toBe('REFUND_FAILED');

  const page = await e2e.signedInPage('ops.demo');
  await page.goto(`/ops/${rc.id}`);
  await expect.poll(() => statusText(page)).toBe('Refund failed');
  const panel = page.getByTestId('refund-panel');
  expect(await panel.getByTestId('refund-attempt').getAttribute('data-state')).toBe('FAILED');
  // The provider's refusal, for staff.
  expect(await panel.getByTestId('refund-error').textContent()).not.toBe('');
  await shot(page, 'journey-ops-refund-failed');
  await page.getByTestId('transition-actions').getByRole('button', { name: 'Retry refund' }).click();
  await expect.poll(() => statusText(page)).toBe('Refund pending');
  await expect.poll(() => panel.getByTestId('refund-attempt').count()).toBe(2);

  await simulatedProvider(e2e.server).settlePendingRefunds();
  await page.reload();
  await expect.poll(() => statusText(page)).toBe('Refunded');
  expect((await caseOf(rc.id)).refunds.map((r) => r.state)).toEqual(['FAILED', 'SUCCEEDED']);
});

it('fits a phone: the orders, the return form and the case page have no sideways scroll', async () => {
  const page = await e2e.signedInPage('customer.one', PHONE);
  await page.goto('/customer/orders');
  await page.getByTestId('order-card').first().waitFor();
  const width = () => page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth as number);
  expect(await width()).toBeLessThanOrEqual(PHONE.width);
  await saveScreenshot(page, 'journey-phone-orders', { fullPage: false });
  await page.getByRole('link', { name: 'Return items' }).first().click();
  await page.getByTestId('open-return-form').waitFor();
  expect(await width()).toBeLessThanOrEqual(PHONE.width);
  await saveScreenshot(page, 'journey-phone-open-return');

  // A case of theirs with photos: the gallery and the forms fit too.
  await page.goto('/customer');
  await page.getByTestId('customer-case-card').first().getByRole('link').click();
  await page.getByTestId('case-documents').waitFor();
  expect(await width()).toBeLessThanOrEqual(PHONE.width);
  await saveScreenshot(page, 'journey-phone-case');
});
