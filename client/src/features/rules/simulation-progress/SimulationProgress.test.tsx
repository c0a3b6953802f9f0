import { ApolloProvider } from '@apollo/client/react';
import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { createApolloClient } from '../../../app/apollo';
import { mockLink, type Handlers } from '../../../test/render-app';
import { simulationJob, simulationResult } from '../../../test/rules-fixtures';
import { SimulationProgress } from './SimulationProgress';
import { useRuleSimulation } from './useRuleSimulation';

// The money of a finished background simulation and a refused start are shown by the editor: RulesSimulator.test.tsx.

const job = (status: 'QUEUED' | 'RUNNING' | 'DONE', casesDone: number) => simulationJob(status, casesDone, 4, status === 'DONE' ? simulationResult({ rules: [] }, { cases: 4 }) : null);

function Harness() {
  const { start, job: current } = useRuleSimulation();
  return (
    <>
      <button type="button" onClick={() => void start({ merchantId: 'merchant-1', rules: [], from: '2026-01-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' })}>Simulate</button>
      <SimulationProgress job={current} />
      {current?.status === 'DONE' ? <p>Done</p> : null}
    </>
  );
}

const renderHarness = (handlers: Handlers) => render(<ApolloProvider client={createApolloClient(mockLink(handlers))}><Harness /></ApolloProvider>);

describe('background simulation progress', () => {
  it('starts a simulation, shows its progress while it runs, and stops asking once it is done', async () => {
    const reads = [job('RUNNING', 2), job('DONE', 4)];
    const read = vi.fn(() => ({ data: { ruleSimulation: reads.length > 1 ? reads.shift()! : reads[0] } }));
    const startAnswer = vi.fn(() => ({ data: { startRuleSimulation: job('QUEUED', 0) } }));
    renderHarness({ StartRuleSimulation: startAnswer, RuleSimulation: read });
    fireEvent.click(screen.getByRole('button', { name: 'Simulate' }));
    expect(await screen.findByText('Simulating: 2 of 4 cases', {}, { timeout: 5000 })).toBeTruthy();
    expect((screen.getByRole('progressbar') as HTMLProgressElement).value).toBe(2);
    expect(await screen.findByText('Done', {}, { timeout: 5000 })).toBeTruthy();
    // Done: the progress bar goes (the editor shows the result), and no more polling.
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(startAnswer).toHaveBeenCalledWith(expect.objectContaining({ merchantId: 'merchant-1', from: '2026-01-01T00:00:00.000Z' }));
    const calls = read.mock.calls.length;
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(read.mock.calls.length).toBe(calls);
  });

  it('says it is waiting its turn, and what went wrong when the simulation failed', () => {
    const { rerender } = render(<SimulationProgress job={simulationJob('QUEUED', 0, 25_000)} />);
    expect(screen.getByRole('status').textContent).toBe('Waiting to start: 0 of 25,000 cases');
    rerender(<SimulationProgress job={{ ...simulationJob('FAILED', 1, 4), error: 'connection lost' }} />);
    expect(screen.getByRole('alert').textContent).toBe('The simulation failed: connection lost. Try again.');
  });
});
