import { ApolloProvider } from '@apollo/client/react';
import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { createApolloClient } from '../../../app/apollo';
import { graphqlError, mockLink, type Handlers } from '../../../test/render-app';
import { SimulationProgress } from './SimulationProgress';
import { useRuleSimulation } from './useRuleSimulation';

const outcomes = (over: Record<string, number>) => ({
  __typename: 'SimulatedOutcomes', approved: 0, refused: 0, reviewed: 0, undecided: 4, kept: 0, credited: 0,
  refundMinor: 30_000, creditMinor: 0, creditBonusMinor: 0, labelsAvoided: 0, shippingAvoidedMinor: 0, ...over,
});
const job = (status: string, casesDone: number, result: unknown = null) => ({
  __typename: 'RuleSimulationJob', id: 'sim-1', status, casesDone, casesTotal: 4, error: null, finishedAt: result ? '2026-12-07T15:00:00.000Z' : null, result,
});
const RESULT = {
  __typename: 'RuleSimulation', cases: 4, currency: 'USD', changedCases: [],
  before: outcomes({}),
  after: outcomes({ undecided: 3, refused: 1, kept: 1, labelsAvoided: 1, refundMinor: 20_000, shippingAvoidedMinor: 599 }),
};

function Harness() {
  const { start, job: current, problem } = useRuleSimulation();
  return (
    <>
      <button type="button" onClick={() => void start('merchant-1', [], new Date('2026-01-01'), new Date('2026-12-01'))}>Simulate</button>
      <SimulationProgress job={current} problem={problem} />
    </>
  );
}

const renderHarness = (handlers: Handlers) => render(<ApolloProvider client={createApolloClient(mockLink(handlers))}><Harness /></ApolloProvider>);

describe('background simulation progress', () => {
  it('starts a simulation, shows its progress while it runs, then the figures before and after', async () => {
    const reads = [job('RUNNING', 2), job('DONE', 4, RESULT)];
    const read = vi.fn(() => ({ data: { ruleSimulation: reads.length > 1 ? reads.shift()! : reads[0] } }));
    const startAnswer = vi.fn(() => ({ data: { startRuleSimulation: job('QUEUED', 0) } }));
    renderHarness({ StartRuleSimulation: startAnswer, RuleSimulation: read });
    fireEvent.click(screen.getByRole('button', { name: 'Simulate' }));
    expect(await screen.findByText('Simulating: 2 of 4 cases', {}, { timeout: 5000 })).toBeTruthy();
    expect((screen.getByRole('progressbar') as HTMLProgressElement).value).toBe(2);
    const table = await screen.findByRole('table', { name: 'Simulation before and after' }, { timeout: 5000 });
    expect(table.textContent).toContain('4 cases simulated');
    expect(screen.getByRole('row', { name: /Refunded/ }).textContent).toBe('Refunded$300.00$200.00');
    expect(screen.getByRole('row', { name: /Return shipping avoided/ }).textContent).toBe('Return shipping avoided$0.00$5.99');
    expect(startAnswer).toHaveBeenCalledWith(expect.objectContaining({ merchantId: 'merchant-1', from: '2026-01-01T00:00:00.000Z' }));
    // Done: no more polling.
    const calls = read.mock.calls.length;
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(read.mock.calls.length).toBe(calls);
  });

  it("says what the API refused, and what went wrong when the simulation failed", async () => {
    renderHarness({ StartRuleSimulation: () => graphqlError('BAD_USER_INPUT', 'A simulation covers at most 366 days.') });
    fireEvent.click(screen.getByRole('button', { name: 'Simulate' }));
    expect((await screen.findByRole('alert')).textContent).toBe('A simulation covers at most 366 days.');
    render(<SimulationProgress job={{ ...job('FAILED', 1), error: 'connection lost' } as never} />);
    expect(screen.getByText('The simulation failed: connection lost. Try again.')).toBeTruthy();
  });
});
