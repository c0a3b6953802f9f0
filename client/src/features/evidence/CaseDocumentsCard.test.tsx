import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { caseDetail } from '../../test/case-fixtures';
import { demoViewer, renderApp, viewerAnswer } from '../../test/render-app';

const merchantPage = (overrides: Record<string, unknown>) =>
  renderApp('/merchant/case-1', {
    Viewer: viewerAnswer(demoViewer('MERCHANT')),
    CaseDetail: () => ({ data: { returnCase: caseDetail(overrides, { staff: false }) } }),
  });

describe('the upload form offers what the API serves (ReturnCase.uploadableKinds)', () => {
  it('offers a merchant at receipt both kinds the API names, and nothing else', async () => {
    merchantPage({ status: 'RECEIVED', uploadableKinds: ['RESPONSE', 'INSPECTION'] });
    const form = await screen.findByTestId('upload-form', {}, { timeout: 5_000 });
    const options = within(form).getAllByRole('option').map((o) => (o as HTMLOptionElement).value);
    expect(options).toEqual(['RESPONSE', 'INSPECTION']);
  });

  it('follows the API, not a copy of its rule: a kind the API does not name is not offered', async () => {
    // Under review a merchant could add responses; if the API says nothing can be added now, no form is shown.
    merchantPage({ status: 'IN_REVIEW', uploadableKinds: [] });
    await screen.findByTestId('case-documents', {}, { timeout: 5_000 });
    expect(screen.queryByTestId('upload-form')).toBeNull();
  });

  it('offers a single kind without asking which', async () => {
    merchantPage({ status: 'IN_REVIEW', uploadableKinds: ['RESPONSE'] });
    const form = await screen.findByTestId('upload-form', {}, { timeout: 5_000 });
    expect(within(form).queryByRole('combobox')).toBeNull();
    expect(within(form).getByText(/Add documents/)).toBeTruthy();
  });
});

describe('shipment photos (seed 002)', () => {
  it('lists the photos of the packed parcel with the description, apart from the evidence', async () => {
    const parcel = {
      __typename: 'EvidenceDocument',
      id: 'doc-parcel',
      kind: 'SHIPMENT_EVIDENCE',
      fileName: 'parcel.jpg',
      contentType: 'image/jpeg',
      mediaType: 'IMAGE',
      sizeBytes: 120_000,
      url: '/files/doc-parcel?sig=x',
      thumbnailUrl: '/files/doc-parcel/thumbnail?sig=x',
      createdAt: '2026-11-05T10:00:00.000Z',
      uploadedBy: { __typename: 'User', id: 'u-customer', displayName: 'Casey Customer', role: 'CUSTOMER' },
    };
    const base = caseDetail({}, { staff: false });
    merchantPage({ status: 'IN_TRANSIT', uploadableKinds: [], shipmentDescription: 'Original box, taped shut.', documents: [...(base.documents as object[]), parcel] });
    const card = await screen.findByTestId('case-documents', {}, { timeout: 5_000 });
    const heading = within(card).getByRole('heading', { name: 'Photos of the packed parcel' });
    const group = heading.parentElement!;
    expect(within(group).getByTestId('shipment-description').textContent).toBe('Original box, taped shut.');
    expect(within(group).getAllByTestId('gallery-item')).toHaveLength(1);
  });
});
