import type { ReturnDraft } from '../open-return';

interface OutcomeChoicesProps {
  /** The radio group's name (unique on the page). */
  name: string;
  /** The outcome in effect (REFUND when the one chosen is no longer offered). */
  outcome: ReturnDraft['outcome'];
  /** The customer chose store credit, and it is no longer offered for these items and this reason. */
  fellBack: boolean;
  storeCreditBonusPercent: number | null;
  keepItem: boolean;
  disabled: boolean;
  onChange: (outcome: ReturnDraft['outcome']) => void;
}

/** "What would you like?": a refund, store credit when the shop offers it, an exchange; and whether the goods stay. */
export function OutcomeChoices({ name, outcome, fellBack, storeCreditBonusPercent, keepItem, disabled, onChange }: OutcomeChoicesProps) {
  const choice = (value: ReturnDraft['outcome'], label: string) => (
    <label className="choice">
      <input type="radio" name={name} checked={outcome === value} disabled={disabled} onChange={() => onChange(value)} />
      {label}
    </label>
  );
  return (
    <fieldset data-testid="return-outcomes">
      <legend className="field__label">What would you like?</legend>
      <div className="choice-row">
        {choice('REFUND', 'A refund to your original payment')}
        {storeCreditBonusPercent !== null ? choice('STORE_CREDIT', `Store credit${storeCreditBonusPercent > 0 ? ` +${storeCreditBonusPercent} % bonus` : ''}`) : null}
        {choice('EXCHANGE', 'The same items again (exchange)')}
      </div>
      {fellBack ? (
        <p className="field__hint" role="status" data-testid="outcome-fallback">
          Store credit is not on offer for these items with this reason, so you get a refund to your original payment instead.
        </p>
      ) : null}
      {keepItem ? (
        <p className="alert alert--info" data-testid="keep-item-notice">
          You keep the item — no need to send it back. Once the return is approved, {outcome === 'EXCHANGE' ? 'the replacement is sent' : 'the money moves'} at once.
        </p>
      ) : null}
    </fieldset>
  );
}
