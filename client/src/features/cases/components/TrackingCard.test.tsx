import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { makeFragmentData } from '../../../gql';
import { TrackingCard, TrackingCardFragment } from './TrackingCard';

afterEach(cleanup);

const label = { __typename: 'ReturnCase', id: 'case-1', labelCarrier: 'ReturnHub Post', labelTrackingNumber: 'RH12345678903' } as const;
const scan = (id: string, kind: 'LABEL_SCANNED' | 'IN_TRANSIT' | 'DELIVERED_TO_WAREHOUSE', occurredAt: string, location: string, movedTo: 'IN_TRANSIT' | 'RECEIVED' | null) =>
  ({ __typename: 'TrackingEvent', id, kind, occurredAt, location, description: `${location} scan`, movedTo }) as const;

describe('tracking card', () => {
  it("lists the carrier's scans in the order the API gives them (newest first), with what each moved", () => {
    const tracking = [
      scan('t3', 'DELIVERED_TO_WAREHOUSE', '2026-12-07T12:10:00Z', 'Return warehouse', 'RECEIVED'),
      scan('t2', 'IN_TRANSIT', '2026-12-07T12:06:00Z', 'Sorting centre', null),
      scan('t1', 'LABEL_SCANNED', '2026-12-07T12:02:00Z', 'Drop-off point', 'IN_TRANSIT'),
    ];
    render(<TrackingCard returnCase={makeFragmentData({ ...label, tracking }, TrackingCardFragment)} />);
    const card = screen.getByTestId('tracking-card');
    expect(card.querySelector('.card__header')!.textContent).toContain('ReturnHub Post · RH12345678903');
    const items = [...screen.getByTestId('tracking-events').querySelectorAll('li')];
    expect(items.map((li) => li.querySelector('.timeline__title')!.textContent)).toEqual(['Delivered to the return warehouse', 'In transit', 'Picked up by the carrier']);
    expect(items[0].textContent).toContain('Return warehouse scan');
    expect(items[0].querySelector('time')!.getAttribute('dateTime')).toBe('2026-12-07T12:10:00Z');
    expect(items[0].textContent).toMatch(/Return warehouse · return received$/i);
    expect(items[1].textContent).not.toMatch(/· return/); // a scan that moved nothing says so by saying nothing
    expect(items[2].textContent).toMatch(/· return in transit$/i);
  });

  it('waits for the first scan once there is a label, and is absent without one', () => {
    const { rerender } = render(<TrackingCard returnCase={makeFragmentData({ ...label, tracking: [] }, TrackingCardFragment)} />);
    expect(screen.getByTestId('tracking-card').textContent).toContain('No scans yet');
    expect(screen.queryByTestId('tracking-events')).toBeNull();
    rerender(<TrackingCard returnCase={makeFragmentData({ ...label, labelCarrier: null, labelTrackingNumber: null, tracking: [] }, TrackingCardFragment)} />);
    expect(screen.queryByTestId('tracking-card')).toBeNull();
  });
});
