import { ApolloProvider } from '@apollo/client/react';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApolloClient } from '../../../app/apollo';
import { UploadRequestError } from '../../evidence/multipart-request';
import { makeFragmentData } from '../../../gql';
import { caseDetail } from '../../../test/case-fixtures';
import { mockLink, type Handlers } from '../../../test/render-app';
import { uploadLimits } from '../../../test/upload-limits-answer';
import { InspectionForm, InspectionFormFragment } from './InspectionForm';
import { parseMoneyInput } from './journey-money';
import { ShipmentForm } from './ShipmentForm';

afterEach(cleanup);

// The upload limits come from the API (Query.uploadLimits), answered as the server does.
const withApi = (handlers: Handlers, ui: React.ReactNode) =>
  render(<ApolloProvider client={createApolloClient(mockLink({ UploadLimits: () => ({ data: uploadLimits }), ...handlers }))}>{ui}</ApolloProvider>);

describe('amounts typed by people', () => {
  it('become exact minor units, or null', () => {
    expect(parseMoneyInput('12.5', 'USD')).toBe(1250);
    expect(parseMoneyInput(' 149,99 ', 'EUR')).toBe(14999);
    expect(parseMoneyInput('0.07', 'USD')).toBe(7);
    expect(parseMoneyInput('1200', 'JPY')).toBe(1200);
    for (const bad of ['', '12.345', '-3', '1e3', '12.5', 'abc']) expect(parseMoneyInput(bad, bad === '12.5' ? 'JPY' : 'USD')).toBeNull();
  });
});

// The shipment goes as one multipart request (photos with progress): the request itself is replaced here.
const multipart = vi.hoisted(() => ({ request: vi.fn() }));
vi.mock('../../evidence/multipart-request', async (importOriginal) => ({ ...(await importOriginal<object>()), multipartRequest: multipart.request }));

describe('shipment form', () => {
  const photo = () => new File([new Uint8Array(2048)], 'parcel.png', { type: 'image/png' });
  const choosePhoto = (file: File) => fireEvent.change(screen.getByTestId('file-input'), { target: { files: [file] } });
  beforeEach(() => {
    multipart.request.mockReset();
    URL.createObjectURL = vi.fn(() => 'blob:preview');
    URL.revokeObjectURL = vi.fn();
  });

  it('checks carrier and tracking number before sending, then sends them with the loaded version', async () => {
    multipart.request.mockResolvedValue({ confirmReturnShipment: { id: 'case-1', status: 'IN_TRANSIT', version: 5 } });
    const confirm = multipart.request;
    withApi({}, <ShipmentForm caseId="case-1" version={4} defaultCarrier="ReturnHub Post" defaultTracking="" />);
    await screen.findByTestId('file-input');
    expect((screen.getByLabelText('Carrier') as HTMLInputElement).value).toBe('ReturnHub Post');
    fireEvent.change(screen.getByLabelText('Tracking number'), { target: { value: 'x' } });
    fireEvent.click(screen.getByRole('button', { name: 'Confirm shipment' }));
    expect(screen.getByText('A tracking number has 3 to 80 letters, digits, spaces or dashes.')).toBeTruthy();
    expect(screen.getByLabelText('Tracking number').getAttribute('aria-invalid')).toBe('true');
    // Seed 002: a description and 1 to 5 photos are required too.
    expect(screen.getByText('Describe the packed goods (1 to 2000 characters).')).toBeTruthy();
    expect(screen.getByTestId('shipment-photos-error').textContent).toBe('Add 1 to 5 photos of the packed goods.');
    expect(confirm).not.toHaveBeenCalled();

    fireEvent.change(screen.getByLabelText('Carrier'), { target: { value: '  UPS ' } });
    fireEvent.change(screen.getByLabelText('Tracking number'), { target: { value: '1Z  999' } });
    fireEvent.change(screen.getByLabelText('What did you pack?'), { target: { value: ' Boxed with foam. ' } });
    const file = photo();
    choosePhoto(file);
    expect(screen.queryByTestId('shipment-photos-error')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Confirm shipment' }));
    await waitFor(() => expect(confirm).toHaveBeenCalledTimes(1));
    const [, variables, parts] = confirm.mock.calls[0];
    expect(variables).toEqual({ id: 'case-1', carrier: 'UPS', trackingNumber: '1Z 999', description: 'Boxed with foam.', photos: [file], expectedVersion: 4 });
    expect(parts).toEqual([{ path: 'photos.0', file }]);
  });

  it('shows the server’s refusal, and a stale version in plain words', async () => {
    multipart.request.mockRejectedValue(new UploadRequestError('Version mismatch', 'CONFLICT', 200));
    withApi({}, <ShipmentForm caseId="case-1" version={4} defaultCarrier="UPS" defaultTracking="1Z999" />);
    await screen.findByTestId('file-input');
    fireEvent.change(screen.getByLabelText('What did you pack?'), { target: { value: 'Boxed.' } });
    choosePhoto(photo());
    fireEvent.click(screen.getByRole('button', { name: 'Confirm shipment' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Someone else changed this case');
  });

  it('refuses a file that is not a photo before sending it', async () => {
    withApi({}, <ShipmentForm caseId="case-1" version={4} defaultCarrier="UPS" defaultTracking="1Z999" />);
    await screen.findByTestId('file-input');
    choosePhoto(new File([new Uint8Array(10)], 'label.pdf', { type: 'application/pdf' }));
    expect(screen.getByText(/shipment_evidence documents can be JPEG, PNG or WEBP images/)).toBeTruthy();
  });
});

describe('inspection form', () => {
  const rc = (overrides: Record<string, unknown> = {}) =>
    makeFragmentData(
      {
        __typename: 'ReturnCase',
        id: 'case-1',
        version: 6,
        type: 'REFUND',
        currency: 'USD',
        refundAmountMinor: 20000,
        items: [
          { __typename: 'ReturnItem', id: 'ri1', quantity: 1, orderItem: { __typename: 'OrderItem', id: 'oi1', name: 'Headphones', sku: 'NW-HEAD-01' } },
          { __typename: 'ReturnItem', id: 'ri2', quantity: 2, orderItem: { __typename: 'OrderItem', id: 'oi2', name: 'Mug set', sku: 'NW-MUG-06' } },
        ],
        ...overrides,
      } as never,
      InspectionFormFragment,
    );

  it('names every missing answer, and a damaged item cannot be restocked', () => {
    const record = vi.fn();
    withApi({ RecordInspection: record }, <InspectionForm returnCase={rc()} staff={false} />);
    fireEvent.click(screen.getByRole('button', { name: 'Record inspection' }));
    expect(screen.getAllByText('Choose the condition of this item.')).toHaveLength(2);
    expect(screen.getByText('Say whether the inspection passed.')).toBeTruthy();
    expect(record).not.toHaveBeenCalled();

    const [head] = screen.getAllByTestId('inspect-item');
    fireEvent.click(within(head).getByRole('checkbox'));
    expect((within(head).getByRole('checkbox') as HTMLInputElement).checked).toBe(true);
    fireEvent.change(screen.getByLabelText('Condition of Headphones'), { target: { value: 'DAMAGED' } });
    expect((within(head).getByRole('checkbox') as HTMLInputElement).checked).toBe(false);
    expect((within(head).getByRole('checkbox') as HTMLInputElement).disabled).toBe(true);

    fireEvent.click(screen.getByLabelText(/Failed/));
    fireEvent.click(screen.getByRole('button', { name: 'Record inspection' }));
    expect(screen.getByText('Say why the inspection failed.')).toBeTruthy();
  });

  it('lowers the refund only downwards and with a reason, then sends every item once', async () => {
    const record = vi.fn(() => ({ data: { recordInspection: caseDetail({ status: 'REFUND_PENDING', version: 8 }) } }));
    withApi({ RecordInspection: record }, <InspectionForm returnCase={rc()} staff />);
    fireEvent.change(screen.getByLabelText('Condition of Headphones'), { target: { value: 'LIKE_NEW' } });
    fireEvent.click(within(screen.getAllByTestId('inspect-item')[0]).getByRole('checkbox'));
    fireEvent.change(screen.getByLabelText('Condition of Mug set'), { target: { value: 'USED' } });
    fireEvent.click(screen.getByLabelText(/Passed/));
    fireEvent.click(screen.getByLabelText(/Lower the refund/));
    fireEvent.change(screen.getByLabelText('New refund amount (USD)'), { target: { value: '250.00' } });
    fireEvent.click(screen.getByRole('button', { name: 'Record inspection' }));
    expect(screen.getByText(/The refund can only be lowered, never raised above .*200\.00\./)).toBeTruthy();
    expect(screen.getByText('Say why the refund is lowered (e.g. partial damage).')).toBeTruthy();

    fireEvent.change(screen.getByLabelText('New refund amount (USD)'), { target: { value: '150.5' } });
    fireEvent.change(screen.getByLabelText('Why it is lower'), { target: { value: 'Scratched mug' } });
    fireEvent.click(screen.getByRole('button', { name: 'Record inspection' }));
    await waitFor(() =>
      expect(record).toHaveBeenCalledWith({
        id: 'case-1',
        expectedVersion: 6,
        staff: true,
        input: {
          passed: true,
          notes: null,
          items: [
            { returnItemId: 'ri1', condition: 'LIKE_NEW', restockable: true },
            { returnItemId: 'ri2', condition: 'USED', restockable: false },
          ],
          refundAmountMinor: 15050,
          adjustmentReason: 'Scratched mug',
        },
      }),
    );
  });
});
