import './journey.css';
import { useMutation } from '@apollo/client/react';
import { useId, useState, type FormEvent } from 'react';
import { SubmitRow } from '../../../components/SubmitRow';
import { graphql, getFragmentData, type FragmentType } from '../../../gql';
import type { ItemCondition } from '../../../gql/graphql';
import { formatMoney } from '../../../lib/money';
import { evictCaseLists } from '../hooks/case-cache';
import { caseProblem } from '../hooks/case-problem';
import { parseMoneyInput } from './journey-money';

export const InspectionFormFragment = graphql(`
  fragment InspectionForm_case on ReturnCase {
    id
    version
    type
    currency
    refundAmountMinor
    items {
      id
      quantity
      orderItem {
        id
        name
        sku
      }
    }
  }
`);

const RecordInspectionDocument = graphql(`
  mutation RecordInspection($id: ID!, $input: RecordInspectionInput!, $expectedVersion: Int, $staff: Boolean!) {
    recordInspection(id: $id, input: $input, expectedVersion: $expectedVersion) {
      id
      ...CaseDetail_case
    }
  }
`);

export const CONDITIONS: ReadonlyArray<{ value: ItemCondition; label: string }> = [
  { value: 'NEW', label: 'New' },
  { value: 'LIKE_NEW', label: 'Like new' },
  { value: 'USED', label: 'Used' },
  { value: 'DAMAGED', label: 'Damaged' },
  { value: 'DEFECTIVE', label: 'Defective' },
];
const NOT_RESTOCKABLE = new Set<ItemCondition>(['DAMAGED', 'DEFECTIVE']);

interface ItemState {
  condition: ItemCondition | '';
  restockable: boolean;
}

export interface InspectionDraft {
  items: Record<string, ItemState>;
  passed: boolean | null;
  notes: string;
  lower: boolean;
  amount: string;
  adjustmentReason: string;
}

/** What stops the inspection from being recorded, field by field (the server's rules, in its words). */
export function inspectionProblems(draft: InspectionDraft, rc: { type: string; currency: string; refundAmountMinor: number }): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const [id, item] of Object.entries(draft.items)) {
    if (!item.condition) problems[`item-${id}`] = 'Choose the condition of this item.';
  }
  if (draft.passed === null) problems.passed = 'Say whether the inspection passed.';
  if (draft.passed === false && !draft.notes.trim()) problems.notes = 'Say why the inspection failed.';
  if (draft.passed && draft.lower && rc.type === 'REFUND') {
    const amount = parseMoneyInput(draft.amount, rc.currency);
    if (amount === null) problems.amount = 'Enter an amount, e.g. 12.50.';
    else if (amount > rc.refundAmountMinor) problems.amount = `The refund can only be lowered, never raised above ${formatMoney(rc.refundAmountMinor, rc.currency)}.`;
    else if (amount === rc.refundAmountMinor) problems.amount = 'That is the amount already due: enter a lower one, or untick “Lower the refund”.';
    if (!draft.adjustmentReason.trim()) problems.adjustmentReason = 'Say why the refund is lowered (e.g. partial damage).';
  }
  return problems;
}

/**
 * Receive → inspect: each item's condition and whether it can be restocked, pass or fail, and for a refund case
 * an optional lower refund with its reason. The API then moves the case on at once (refund, replacement, or the
 * goods back to the customer).
 */
export function InspectionForm({ returnCase, staff }: { returnCase: FragmentType<typeof InspectionFormFragment>; staff: boolean }) {
  const rc = getFragmentData(InspectionFormFragment, returnCase);
  const id = useId();
  const [draft, setDraft] = useState<InspectionDraft>(() => ({
    items: Object.fromEntries(rc.items.map((i) => [i.id, { condition: '', restockable: false }])),
    passed: null,
    notes: '',
    lower: false,
    amount: '',
    adjustmentReason: '',
  }));
  const [touched, setTouched] = useState(false);
  const [mutate, { loading, error, reset }] = useMutation(RecordInspectionDocument, { update: (cache) => evictCaseLists(cache) });
  const problems = touched ? inspectionProblems(draft, rc) : {};
  const server = caseProblem(error);
  const refundCase = rc.type === 'REFUND';

  const setItem = (itemId: string, change: Partial<ItemState>) =>
    setDraft((d) => {
      const next = { ...d.items[itemId], ...change };
      if (next.condition && NOT_RESTOCKABLE.has(next.condition)) next.restockable = false;
      return { ...d, items: { ...d.items, [itemId]: next } };
    });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (Object.keys(inspectionProblems(draft, rc)).length > 0 || loading) return;
    reset();
    const lowered = draft.passed && draft.lower && refundCase;
    void mutate({
      variables: {
        id: rc.id,
        expectedVersion: rc.version,
        staff,
        input: {
          passed: draft.passed!,
          notes: draft.notes.trim() || null,
          items: rc.items.map((i) => ({ returnItemId: i.id, condition: draft.items[i.id].condition as ItemCondition, restockable: draft.items[i.id].restockable })),
          refundAmountMinor: lowered ? parseMoneyInput(draft.amount, rc.currency) : null,
          adjustmentReason: lowered ? draft.adjustmentReason.trim() : null,
        },
      },
    }).catch(() => undefined);
  };

  const fieldError = (key: string) =>
    problems[key] ? (
      <p id={`${id}-${key}-error`} className="field__error">
        {problems[key]}
      </p>
    ) : null;
  const described = (key: string) => (problems[key] ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-${key}-error` } : {});

  return (
    <form className="journey-form" onSubmit={submit} noValidate aria-labelledby={`${id}-title`} data-testid="inspection-form">
      <h3 id={`${id}-title`} className="journey-form__title">
        Record the inspection
      </h3>
      <fieldset className="journey-form__fieldset">
        <legend className="field__label">Each item</legend>
        <ul className="inspect-items">
          {rc.items.map((item) => {
            const state = draft.items[item.id];
            const blocked = state.condition !== '' && NOT_RESTOCKABLE.has(state.condition);
            return (
              <li key={item.id} className="inspect-items__row" data-testid="inspect-item">
                <span className="inspect-items__name">
                  <span>
                    {item.orderItem.name} <span className="muted">× {item.quantity}</span>
                  </span>
                  <span className="items-table__sku mono">{item.orderItem.sku}</span>
                </span>
                <span className="field">
                  <label className="visually-hidden" htmlFor={`${id}-cond-${item.id}`}>
                    Condition of {item.orderItem.name}
                  </label>
                  <select
                    id={`${id}-cond-${item.id}`}
                    className="field__input"
                    value={state.condition}
                    onChange={(event) => setItem(item.id, { condition: event.target.value as ItemCondition })}
                    {...described(`item-${item.id}`)}
                  >
                    <option value="">Condition…</option>
                    {CONDITIONS.map((c) => (
                      <option key={c.value} value={c.value}>
                        {c.label}
                      </option>
                    ))}
                  </select>
                  {fieldError(`item-${item.id}`)}
                </span>
                <label className="checkbox">
                  <input type="checkbox" checked={state.restockable} disabled={blocked} onChange={(event) => setItem(item.id, { restockable: event.target.checked })} />
                  <span>
                    Restockable<span className="visually-hidden"> ({item.orderItem.name})</span>
                  </span>
                </label>
              </li>
            );
          })}
        </ul>
      </fieldset>
      <fieldset className="journey-form__fieldset" {...described('passed')}>
        <legend className="field__label">Result</legend>
        <div className="radio-row">
          <label className="checkbox">
            <input type="radio" name={`${id}-passed`} checked={draft.passed === true} onChange={() => setDraft((d) => ({ ...d, passed: true }))} />
            <span>Passed: {refundCase ? 'refund the customer' : 'send the replacement'}</span>
          </label>
          <label className="checkbox">
            <input type="radio" name={`${id}-passed`} checked={draft.passed === false} onChange={() => setDraft((d) => ({ ...d, passed: false, lower: false }))} />
            <span>Failed: send the goods back, no {refundCase ? 'refund' : 'replacement'}</span>
          </label>
        </div>
        {fieldError('passed')}
      </fieldset>
      {draft.passed && refundCase ? (
        <div className="stack">
          <label className="checkbox">
            <input type="checkbox" checked={draft.lower} onChange={(event) => setDraft((d) => ({ ...d, lower: event.target.checked }))} />
            <span>Lower the refund (partial damage) — now {formatMoney(rc.refundAmountMinor, rc.currency)}</span>
          </label>
          {draft.lower ? (
            <div className="journey-form__grid">
              <div className="field">
                <label className="field__label" htmlFor={`${id}-amount`}>
                  New refund amount ({rc.currency})
                </label>
                <input id={`${id}-amount`} className="field__input tabular" inputMode="decimal" value={draft.amount} onChange={(event) => setDraft((d) => ({ ...d, amount: event.target.value }))} {...described('amount')} />
                {fieldError('amount')}
              </div>
              <div className="field">
                <label className="field__label" htmlFor={`${id}-adjust`}>
                  Why it is lower
                </label>
                <input id={`${id}-adjust`} className="field__input" value={draft.adjustmentReason} onChange={(event) => setDraft((d) => ({ ...d, adjustmentReason: event.target.value }))} {...described('adjustmentReason')} />
                {fieldError('adjustmentReason')}
              </div>
            </div>
          ) : null}
        </div>
      ) : null}
      <div className="field">
        <label className="field__label" htmlFor={`${id}-notes`}>
          Inspection notes{draft.passed === false ? '' : ' (optional)'}
        </label>
        <textarea id={`${id}-notes`} className="field__input" rows={3} value={draft.notes} onChange={(event) => setDraft((d) => ({ ...d, notes: event.target.value }))} {...described('notes')} />
        {fieldError('notes')}
      </div>
      <SubmitRow serverError={server?.message} loading={loading}>
        Record inspection
      </SubmitRow>
    </form>
  );
}
