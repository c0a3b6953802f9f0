import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { BarList } from './BarList';
import { LineChart, niceTicks } from './LineChart';

afterEach(cleanup);

describe('charts', () => {
  it('draws one bar per value, sized against the largest (or the given maximum)', () => {
    render(
      <BarList
        label="By reason"
        bars={[
          { key: 'a', label: 'Defective', value: 8 },
          { key: 'b', label: 'Wrong item', value: 2 },
          { key: 'c', label: 'Other', value: 0 },
        ]}
      />,
    );
    const list = screen.getByRole('list', { name: 'By reason' });
    const rows = within(list).getAllByRole('listitem');
    expect(rows.map((row) => row.textContent)).toEqual(['Defective8', 'Wrong item2', 'Other0']);
    const widths = rows.map((row) => (row.querySelector('.bar-list__bar') as HTMLElement).style.width);
    expect(widths).toEqual(['100%', '25%', '0%']);
    cleanup();
    render(<BarList label="Approval" max={1} bars={[{ key: 'm', label: 'Northwind', value: 0.75, display: '75%' }]} />);
    expect((document.querySelector('.bar-list__bar') as HTMLElement).style.width).toBe('75%');
    expect(screen.getByText('75%')).toBeTruthy();
  });

  it('draws a day chart from the data: columns, a line with points, axes, and the numbers as a table', () => {
    const labels = ['2026-11-01', '2026-11-02', '2026-11-03'];
    render(
      <LineChart
        title="Opened and closed"
        summary="5 opened, 2 closed."
        labels={labels}
        series={[
          { name: 'Opened', values: [1, 4, 0], color: 'blue', kind: 'columns' },
          { name: 'Closed', values: [0, 1, 1], color: 'green', kind: 'line' },
        ]}
      />,
    );
    const svg = screen.getByRole('img', { name: 'Opened and closed. 5 opened, 2 closed.' });
    expect(svg.querySelectorAll('rect')).toHaveLength(3);
    expect(svg.querySelectorAll('circle')).toHaveLength(3);
    expect(svg.querySelector('polyline')?.getAttribute('points')?.split(' ')).toHaveLength(3);
    // The tallest column reaches the top tick, which is a "nice" number above the maximum.
    expect([...svg.querySelectorAll('text')].map((t) => t.textContent)).toContain('4');
    const table = screen.getByRole('table', { name: 'Opened and closed' });
    expect(within(table).getAllByRole('row').map((row) => row.textContent)).toEqual(['DayOpenedClosed', '2026-11-0110', '2026-11-0241', '2026-11-0301']);
  });

  it('picks readable axis steps', () => {
    expect(niceTicks(4)).toEqual([0, 1, 2, 3, 4]);
    expect(niceTicks(37)).toEqual([0, 10, 20, 30, 40]);
    expect(niceTicks(0)).toEqual([0, 1]);
  });
});
