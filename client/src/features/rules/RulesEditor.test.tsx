import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { renderApp } from '../../test/render-app';
import { badRuleInput, conflictAnswer, DAMAGED_PHOTOS, KEEP_CHEAP, ruleSet, rulesHandlers, savedRule, simulationAnswer } from '../../test/rules-fixtures';

const cards = () => screen.getAllByTestId('rule-card');
const card = (index: number) => within(cards()[index]);
const names = () => cards().map((c) => c.getAttribute('data-rule-name'));
const saveButton = () => screen.getByRole('button', { name: 'Save these rules' }) as HTMLButtonElement;
const simulate = () => fireEvent.click(screen.getByRole('button', { name: 'Simulate' }));
const sentRules = (mock: ReturnType<typeof vi.fn>, call = -1) => (mock.mock.calls.at(call)![0] as { rules: Array<Record<string, unknown>> }).rules;

async function openEditor(overrides = {}) {
  const view = renderApp('/rules', rulesHandlers(overrides));
  await screen.findAllByTestId('rule-card', {}, { timeout: 5000 });
  return view;
}

describe('rules editor: the draft', () => {
  it('shows the saved rules in order, money in major units and choices checked', async () => {
    await openEditor();
    expect(names()).toEqual(['Keep cheap items', 'Damaged needs photos']);
    expect(screen.getByTestId('rules-version').textContent).toContain('Version 1');
    // 1499 minor units reads as the amount a person types.
    expect((card(0).getByLabelText(/At most/) as HTMLInputElement).value).toBe('14.99');
    expect((card(0).getByLabelText('Changed mind') as HTMLInputElement).checked).toBe(true);
    expect((card(0).getByLabelText('Wrong item sent') as HTMLInputElement).checked).toBe(false);
    expect((card(1).getByLabelText('Photos (1–10)') as HTMLInputElement).value).toBe('2');
    expect(screen.getByRole('link', { name: 'Return rules' }).getAttribute('aria-current')).toBe('page');
  });

  it('refuses to simulate a draft the server would refuse, with the server’s words on each field', async () => {
    const simulateMock = vi.fn(simulationAnswer);
    await openEditor({ SimulateReturnRules: simulateMock });
    fireEvent.click(screen.getByRole('button', { name: 'Add rule' }));
    expect(cards()).toHaveLength(3);
    // The new rule: no name, a condition with no bounds, an amount that is not one, a refusal without a message.
    fireEvent.click(card(2).getByRole('button', { name: 'Add condition' }));
    fireEvent.change(card(2).getByLabelText('Field'), { target: { value: 'itemPriceMinor' } });
    fireEvent.change(card(2).getByLabelText('Action'), { target: { value: 'REFUSE' } });
    // A bound that is not an amount, and min above max on the first rule.
    fireEvent.change(card(0).getByLabelText(/At least/), { target: { value: '20' } });
    simulate();

    expect(await card(2).findByText('A name of 1 to 120 characters is needed.')).toBeTruthy();
    expect(card(2).getByText('Give min, max or both.')).toBeTruthy();
    expect(card(2).getByText('A message for the customer of 1 to 500 characters is needed.')).toBeTruthy();
    expect(card(0).getByText('Min 20.00 is above max 14.99, so the condition can never hold.')).toBeTruthy();
    const name = card(2).getByLabelText('Rule name');
    expect(name.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(name.getAttribute('aria-describedby')!)?.textContent).toBe('A name of 1 to 120 characters is needed.');
    expect(simulateMock).not.toHaveBeenCalled();
    // Said beside the button, and the first marked field takes the focus.
    expect(screen.getByRole('alert').textContent).toBe('Fix the marked fields of rule 1, 3 first.');
    await waitFor(() => expect(document.activeElement).toBe(card(0).getByLabelText(/At least/)));

    // Typed money must be an amount; fixing every field lets the simulation run, in minor units.
    fireEvent.change(card(2).getByLabelText(/At most/), { target: { value: '15,5' } });
    expect(card(2).getByText('Enter an amount such as 15 or 15.00.')).toBeTruthy();
    fireEvent.change(card(2).getByLabelText(/At most/), { target: { value: '15.5' } });
    fireEvent.change(card(2).getByLabelText('Rule name'), { target: { value: 'No cheap returns' } });
    fireEvent.change(card(2).getByLabelText('Message for the customer'), { target: { value: 'Items under 15.50 cannot be returned.' } });
    fireEvent.change(card(0).getByLabelText(/At least/), { target: { value: '' } });
    expect(screen.queryAllByTestId('rule-problem')).toHaveLength(0);
    simulate();
    await waitFor(() => expect(simulateMock).toHaveBeenCalledTimes(1));
    expect(sentRules(simulateMock)[2]).toEqual({
      name: 'No cheap returns',
      conditions: [{ field: 'itemPriceMinor', max: 1550 }],
      actions: [{ type: 'REFUSE', message: 'Items under 15.50 cannot be returned.' }],
    });
    expect(sentRules(simulateMock)[0]).toMatchObject({ id: 'keep-cheap', conditions: [{ field: 'itemPriceMinor', max: 1499 }, { field: 'reason', anyOf: ['changed_mind'] }] });
  });

  it('takes SKUs as typed values and reasons as choices', async () => {
    const simulateMock = vi.fn(simulationAnswer);
    await openEditor({ SimulateReturnRules: simulateMock });
    fireEvent.click(card(1).getByRole('button', { name: 'Add condition' }));
    const added = within(card(1).getAllByTestId('rule-condition')[1]);
    fireEvent.change(added.getByLabelText('Field'), { target: { value: 'sku' } });
    const sku = added.getByLabelText('SKU is any of');
    fireEvent.change(sku, { target: { value: 'NW-HEAD-01' } });
    fireEvent.keyDown(sku, { key: 'Enter' });
    fireEvent.change(sku, { target: { value: 'NW-CLEAR-07, NW-LAMP-02' } });
    fireEvent.blur(sku);
    fireEvent.click(added.getByRole('button', { name: 'Remove NW-LAMP-02' }));
    fireEvent.click(card(1).getByLabelText('Wrong item sent'));
    simulate();
    await waitFor(() => expect(simulateMock).toHaveBeenCalled());
    expect(sentRules(simulateMock)[1].conditions).toEqual([
      { field: 'reason', anyOf: ['defective_damaged', 'wrong_item'] },
      { field: 'sku', anyOf: ['NW-HEAD-01', 'NW-CLEAR-07'] },
    ]);
  });

  it('reorders with the move buttons and by drag and drop, and duplicates and removes rules', async () => {
    const simulateMock = vi.fn(simulationAnswer);
    await openEditor({ SimulateReturnRules: simulateMock });
    fireEvent.click(screen.getByRole('button', { name: 'Move Keep cheap items down' }));
    expect(names()).toEqual(['Damaged needs photos', 'Keep cheap items']);
    expect(screen.getByTestId('rules-announcement').textContent).toContain('Keep cheap items moved to position 2 of 2.');
    expect((screen.getByRole('button', { name: 'Move Damaged needs photos up' }) as HTMLButtonElement).disabled).toBe(true);

    fireEvent.click(screen.getByRole('button', { name: 'Duplicate Damaged needs photos' }));
    expect(names()).toEqual(['Damaged needs photos', 'Damaged needs photos (copy)', 'Keep cheap items']);
    // Drag the last rule onto the first.
    const handle = cards()[2].querySelector('[draggable="true"]')!;
    fireEvent.dragStart(handle);
    fireEvent.dragOver(cards()[0]);
    expect(cards()[0].className).toContain('rule-card--drop');
    fireEvent.drop(cards()[0]);
    expect(names()).toEqual(['Keep cheap items', 'Damaged needs photos', 'Damaged needs photos (copy)']);

    fireEvent.click(screen.getByRole('button', { name: 'Remove Damaged needs photos' }));
    expect(names()).toEqual(['Keep cheap items', 'Damaged needs photos (copy)']);
    simulate();
    await waitFor(() => expect(simulateMock).toHaveBeenCalled());
    // The copy is a new rule (no id: the server names it); the original keeps its id.
    expect(sentRules(simulateMock).map((r) => [r.id, r.name])).toEqual([
      ['keep-cheap', 'Keep cheap items'],
      [undefined, 'Damaged needs photos (copy)'],
    ]);
  });
});

describe('rules editor: the simulator and saving', () => {
  it('saves only after a simulation of the current draft; any edit asks for a new one', async () => {
    const saveMock = vi.fn(() => ({ data: { saveReturnRules: ruleSet(2, [KEEP_CHEAP, savedRule({ ...DAMAGED_PHOTOS, actions: [{ type: 'REQUIRE_PHOTOS', photos: 3 }] })]) } }));
    await openEditor({ SaveReturnRules: saveMock });
    expect(saveButton().disabled).toBe(true);
    expect(screen.getByTestId('save-hint').textContent).toContain('Simulate the draft first');

    fireEvent.change(card(1).getByLabelText('Photos (1–10)'), { target: { value: '3' } });
    simulate();
    const result = await screen.findByTestId('simulation-result');
    expect(within(result).getByTestId('simulated-cases').textContent).toBe('12 cases');
    const refused = within(result).getByTestId('outcome-chart').querySelector('[data-key="refused"]')!;
    expect([refused.getAttribute('data-before'), refused.getAttribute('data-after')]).toEqual(['0', '3']);
    expect(refused.textContent).toContain('Now: 0');
    expect(refused.textContent).toContain('With these rules: 3');
    expect(within(result).getByRole('link', { name: 'RET-2612-000007' }).getAttribute('href')).toBe('/merchant/case-7');
    expect(within(result).getByText('Merchant decides →')).toBeTruthy();
    expect(saveButton().disabled).toBe(false);

    // An edit makes the look stale: no saving until the draft is simulated again.
    fireEvent.change(card(1).getByLabelText('Rule name'), { target: { value: 'Damaged: three photos' } });
    expect(saveButton().disabled).toBe(true);
    expect(screen.getByTestId('simulation-stale')).toBeTruthy();
    expect(screen.getByTestId('save-hint').textContent).toContain('simulate again');
    simulate();
    await waitFor(() => expect(saveButton().disabled).toBe(false));
    expect(screen.queryByTestId('simulation-stale')).toBeNull();

    fireEvent.click(saveButton());
    expect(await screen.findByTestId('rules-saved')).toBeTruthy();
    expect(screen.getByTestId('rules-saved').textContent).toContain('Saved as version 2');
    expect(saveMock).toHaveBeenCalledWith(expect.objectContaining({ merchantId: 'm1', expectedVersion: 1 }));
    expect(sentRules(saveMock)[1]).toEqual({ id: 'damaged-photos', name: 'Damaged: three photos', conditions: [{ field: 'reason', anyOf: ['defective_damaged'] }], actions: [{ type: 'REQUIRE_PHOTOS', photos: 3 }] });
    // The editor now holds the saved version, and saving again needs a new look.
    expect(screen.getByTestId('rules-version').textContent).toContain('Version 2');
    expect(saveButton().disabled).toBe(true);
  });

  it('shows the server’s refusal on the rule and field it names, until that draft changes', async () => {
    const saveMock = vi.fn(() => badRuleInput(1, 'damaged-photos', 'actions[0].photos', 'Rule 2 ("Damaged needs photos"), actions[0].photos: between 1 and 10 photos.'));
    await openEditor({ SaveReturnRules: saveMock });
    simulate();
    await waitFor(() => expect(saveButton().disabled).toBe(false));
    fireEvent.click(saveButton());
    const photos = card(1).getByLabelText('Photos (1–10)');
    expect(await card(1).findByText('Between 1 and 10 photos.')).toBeTruthy();
    expect(photos.getAttribute('aria-invalid')).toBe('true');
    expect(card(0).queryByTestId('rule-problem')).toBeNull();
    fireEvent.change(photos, { target: { value: '4' } });
    expect(card(1).queryByText('Between 1 and 10 photos.')).toBeNull();
  });

  it('maps a simulation refusal the same way, and shows a refusal naming no rule beside the button', async () => {
    let answer = badRuleInput(0, 'keep-cheap', 'conditions[0].max', 'Rule 1 ("Keep cheap items"), conditions[0].max: keeping items worth up to 1499 is above the order value bound of 1000.');
    await openEditor({ SimulateReturnRules: () => answer });
    simulate();
    expect(await card(0).findByText('Keeping items worth up to 1499 is above the order value bound of 1000.')).toBeTruthy();
    expect(card(0).getByLabelText(/At most/).getAttribute('aria-invalid')).toBe('true');

    answer = { data: null, errors: [{ message: 'A simulation covers at most 366 days.', extensions: { code: 'BAD_USER_INPUT', field: 'to' } }] } as never;
    simulate();
    expect((await screen.findByRole('alert')).textContent).toBe('A simulation covers at most 366 days.');
  });

  it('explains a version conflict and reloads the current rules on request', async () => {
    let version = 1;
    const rulesMock = vi.fn(() => ({ data: { returnRules: version === 1 ? ruleSet(1, [KEEP_CHEAP, DAMAGED_PHOTOS]) : ruleSet(3, [DAMAGED_PHOTOS]) } }));
    await openEditor({ ReturnRules: rulesMock, SaveReturnRules: conflictAnswer });
    simulate();
    await waitFor(() => expect(saveButton().disabled).toBe(false));
    fireEvent.click(saveButton());
    const alert = await screen.findByTestId('rules-conflict');
    expect(alert.textContent).toContain('Someone else saved these rules after you opened them.');
    expect(saveButton().disabled).toBe(true);

    version = 3;
    fireEvent.click(within(alert).getByRole('button', { name: 'Reload the current rules' }));
    await waitFor(() => expect(names()).toEqual(['Damaged needs photos']));
    expect(screen.getByTestId('rules-version').textContent).toContain('Version 3');
    expect(screen.queryByTestId('rules-conflict')).toBeNull();
    expect(rulesMock).toHaveBeenCalledTimes(2);
  });
});

describe('rules editor for admins', () => {
  it('edits the rules of the merchant picked', async () => {
    const rulesMock = vi.fn((variables: Record<string, unknown>) => ({ data: { returnRules: ruleSet(0, [DAMAGED_PHOTOS], String(variables.merchantId)) } }));
    renderApp(
      '/admin/rules',
      rulesHandlers({
        Viewer: () => ({ data: { me: { __typename: 'User', id: 'admin-1', username: 'admin.demo', displayName: 'Ada Admin', role: 'ADMIN' } } }),
        DemoClock: () => ({ data: { demoClock: null } }),
        RulesMerchants: () => ({
          data: { merchants: { __typename: 'MerchantPage', totalCount: 2, items: [{ __typename: 'MerchantProfile', id: 'm1', name: 'Northwind Goods' }, { __typename: 'MerchantProfile', id: 'm2', name: 'Bazaar Marketplace' }] } },
        }),
        ReturnRules: rulesMock,
      }),
    );
    const picker = await screen.findByLabelText('Merchant', {}, { timeout: 5000 });
    await screen.findByRole('option', { name: 'Bazaar Marketplace' });
    fireEvent.change(picker, { target: { value: 'm2' } });
    await screen.findAllByTestId('rule-card');
    expect(rulesMock).toHaveBeenCalledWith({ merchantId: 'm2' });
    expect(screen.getByTestId('rules-version').textContent).toContain('never edited');
  });
});
