import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { graphqlError, renderApp, type Handlers } from '../../test/render-app';
import { outcomes, rulesHandlers, simulationJob, simulationResult, tooManyCases } from '../../test/rules-fixtures';

// The simulator's money figures, and ranges too large for the request run in the background (issue 22 §6/§7).

const saveButton = () => screen.getByRole('button', { name: 'Save these rules' }) as HTMLButtonElement;
const simulateButton = () => screen.getByRole('button', { name: 'Simulate' }) as HTMLButtonElement;
const moneyLine = (key: string) => screen.getByTestId('simulation-money').querySelector(`[data-key="${key}"]`) as HTMLElement;
const figures = (key: string) => moneyLine(key).querySelector('.simulation-money__figures')!.textContent;
const difference = (key: string) => within(moneyLine(key)).getByTestId('money-difference').textContent;

/** A result in euros: the draft refunds less, issues credit with a bonus, and lets two customers keep their items. */
const EURO_RESULT = (variables: Record<string, unknown>, cases = 12) =>
  simulationResult(variables, {
    cases,
    currency: 'EUR',
    before: outcomes({ approved: 2, undecided: 10, refundMinor: 120_000 }),
    after: outcomes({ approved: 4, undecided: 8, kept: 2, credited: 3, refundMinor: 90_000, creditMinor: 33_000, creditBonusMinor: 3_000, labelsAvoided: 2, shippingAvoidedMinor: 1_198 }),
  });

/** The same over a long range: tens of thousands of cases. */
const BIG_RESULT = (variables: Record<string, unknown>, cases: number) => {
  const result = EURO_RESULT(variables, cases);
  return { ...result, before: { ...result.before, undecided: cases - 2 }, after: { ...result.after, undecided: cases - 4 } };
};

async function openEditor(overrides: Handlers = {}) {
  const view = renderApp('/rules', rulesHandlers(overrides));
  await screen.findAllByTestId('rule-card', {}, { timeout: 5000 });
  return view;
}

/** A background simulation whose progress the test moves on: `job.status = 'DONE'` finishes it. */
function backgroundHandlers(cases: number) {
  const job = { status: 'RUNNING' as 'RUNNING' | 'DONE' | 'FAILED', error: null as string | null };
  let sent: Record<string, unknown> = {};
  const simulateMock = vi.fn((variables: Record<string, unknown>) => {
    sent = variables;
    return tooManyCases(cases);
  });
  const startMock = vi.fn(() => ({ data: { startRuleSimulation: simulationJob('QUEUED', 0, cases) } }));
  const readMock = vi.fn(() => ({
    data: {
      ruleSimulation:
        job.status === 'DONE' ? simulationJob('DONE', cases, cases, BIG_RESULT(sent, cases)) : { ...simulationJob(job.status, 5_000, cases), error: job.error },
    },
  }));
  return { job, simulateMock, startMock, handlers: { SimulateReturnRules: simulateMock, StartRuleSimulation: startMock, RuleSimulation: readMock } };
}

describe('rules simulator: money', () => {
  it('shows the money now → with the draft, with the difference, in the cases’ currency, beside the outcome bars', async () => {
    await openEditor({ SimulateReturnRules: (variables: Record<string, unknown>) => ({ data: { simulateReturnRules: EURO_RESULT(variables) } }) });
    fireEvent.click(simulateButton());
    const result = await screen.findByTestId('simulation-result');
    expect(within(result).getByTestId('outcome-chart')).toBeTruthy();

    expect(figures('refundMinor')).toBe('Now: €1,200.00 → ; with these rules: €900.00');
    expect(difference('refundMinor')).toBe('−€300.00');
    expect(figures('creditMinor')).toBe('Now: €0.00 → ; with these rules: €330.00');
    expect(difference('creditMinor')).toBe('+€330.00');
    expect(moneyLine('creditMinor').textContent).toContain('Of which bonus: €0.00 → €30.00');
    expect(figures('shippingAvoidedMinor')).toBe('Now: €0.00 → ; with these rules: €11.98');
    expect(difference('shippingAvoidedMinor')).toBe('+€11.98');
    expect(moneyLine('shippingAvoidedMinor').textContent).toContain('Return labels not needed: 0 → 2');
    expect(saveButton().disabled).toBe(false);
  });

  it('says “no change” where a figure stays the same, and shows no bonus line without a bonus', async () => {
    await openEditor();
    fireEvent.click(simulateButton());
    await screen.findByTestId('simulation-result');
    // The fixture's draft in US dollars: refunds drop, no credit, one label avoided.
    expect(difference('refundMinor')).toBe('−$300.00');
    expect(difference('creditMinor')).toBe('no change');
    expect(moneyLine('creditMinor').textContent).not.toContain('Of which bonus');
    expect(difference('shippingAvoidedMinor')).toBe('+$5.99');
  });
});

describe('rules simulator: a range too large for the request', () => {
  it('runs it in the background with a progress bar, then shows the same result view and allows saving', async () => {
    const b = backgroundHandlers(25_000);
    await openEditor(b.handlers);
    fireEvent.click(simulateButton());

    const progress = await screen.findByTestId('simulation-progress', {}, { timeout: 5000 });
    await waitFor(() => expect(progress.textContent).toBe('Simulating: 5,000 of 25,000 cases'), { timeout: 5000 });
    expect((screen.getByRole('progressbar') as HTMLProgressElement).value).toBe(5_000);
    expect(screen.getByTestId('simulation-background').textContent).toContain('runs in the background');
    // The same draft and range as the request that was refused.
    expect(b.startMock).toHaveBeenCalledWith(b.simulateMock.mock.calls[0][0]);
    expect(saveButton().disabled).toBe(true);
    expect(screen.getByTestId('save-hint').textContent).toContain('Wait for the simulation to finish');
    expect(simulateButton().disabled).toBe(true);

    b.job.status = 'DONE';
    const result = await screen.findByTestId('simulation-result', {}, { timeout: 5000 });
    expect(within(result).getByTestId('simulated-cases').textContent).toBe('25,000 cases');
    expect(difference('refundMinor')).toBe('−€300.00');
    expect(within(result).getByRole('link', { name: 'RET-2612-000007' })).toBeTruthy();
    // Large counts read with separators, and every bar's value column is wide enough for the widest ("24,998").
    const undecided = within(result).getByTestId('outcome-chart').querySelector('[data-key="undecided"]')!;
    expect(undecided.textContent).toContain('Now: 24,998');
    expect(undecided.textContent).toContain('With these rules: 24,996');
    expect(result.querySelector('figure')!.style.getPropertyValue('--outcome-value-width')).toBe('7ch');
    expect(screen.queryByTestId('simulation-progress')).toBeNull();
    expect(saveButton().disabled).toBe(false);
    expect(simulateButton().disabled).toBe(false);
  });

  it('an edit while it runs makes its result stale: saving waits for a simulation of the current draft', async () => {
    const b = backgroundHandlers(25_000);
    await openEditor(b.handlers);
    fireEvent.click(simulateButton());
    await screen.findByTestId('simulation-progress', {}, { timeout: 5000 });

    fireEvent.change(within(screen.getAllByTestId('rule-card')[0]).getByLabelText('Rule name'), { target: { value: 'Keep items under 15' } });
    expect(screen.getByTestId('simulation-background-stale').textContent).toContain('The rules changed since this simulation started');
    // Simulating the new draft is possible at once.
    expect(simulateButton().disabled).toBe(false);

    b.job.status = 'DONE';
    const result = await screen.findByTestId('simulation-result', {}, { timeout: 5000 });
    expect(within(result).getByTestId('simulated-cases').textContent).toBe('25,000 cases');
    expect(screen.getByTestId('simulation-stale')).toBeTruthy();
    expect(saveButton().disabled).toBe(true);
    expect(screen.getByTestId('save-hint').textContent).toContain('simulate again');
  });

  it('shows a refused start beside the button', async () => {
    const b = backgroundHandlers(25_000);
    await openEditor({ ...b.handlers, StartRuleSimulation: () => graphqlError('BAD_USER_INPUT', 'A simulation covers at most 366 days.') });
    fireEvent.click(simulateButton());
    expect((await screen.findByRole('alert')).textContent).toBe('A simulation covers at most 366 days.');
    expect(screen.queryByTestId('simulation-progress')).toBeNull();
    expect(simulateButton().disabled).toBe(false);
  });

  it('says when the simulation failed, and lets the person try again', async () => {
    const b = backgroundHandlers(25_000);
    b.job.status = 'FAILED';
    b.job.error = 'connection lost';
    await openEditor(b.handlers);
    fireEvent.click(simulateButton());
    expect((await screen.findByRole('alert', {}, { timeout: 5000 })).textContent).toBe('The simulation failed: connection lost. Try again.');
    expect(saveButton().disabled).toBe(true);
    expect(simulateButton().disabled).toBe(false);
  });
});
