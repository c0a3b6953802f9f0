import { formatMoney } from '../../../lib/money';
import type { Simulation } from '../hooks/useRulesWorkspace';

type Outcomes = Simulation['before'];

/** The money lines, in minor units as the API answers them, each with what it covers. */
const LINES = [
  { key: 'refundMinor', label: 'Refunded to the original payment' },
  { key: 'creditMinor', label: 'Store credit issued, bonus included' },
  { key: 'shippingAvoidedMinor', label: 'Return shipping avoided' },
] as const;

/** A figure's change, signed: "+$5.99", "−$100.00", or "no change". */
function difference(before: number, after: number, money: (minor: number) => string): string {
  if (before === after) return 'no change';
  return `${after > before ? '+' : '−'}${money(Math.abs(after - before))}`;
}

/** What a line adds under its figures: the bonus inside the credit, the labels the shipping avoided is made of. */
function detail(key: (typeof LINES)[number]['key'], before: Outcomes, after: Outcomes, money: (minor: number) => string): string | null {
  if (key === 'creditMinor' && (before.creditBonusMinor > 0 || after.creditBonusMinor > 0)) {
    return `Of which bonus: ${money(before.creditBonusMinor)} → ${money(after.creditBonusMinor)}`;
  }
  if (key === 'shippingAvoidedMinor') return `Return labels not needed: ${before.labelsAvoided} → ${after.labelsAvoided}`;
  return null;
}

/**
 * The simulation's money, now → with the draft and the difference, in the cases' currency (the merchant's). Text
 * rather than bars: amounts of very different sizes (a refund total beside a few labels) share no useful scale.
 */
export function SimulationMoney({ result }: { result: Simulation }) {
  const { before, after } = result;
  const money = (minor: number) => (result.currency ? formatMoney(minor, result.currency) : String(minor));
  return (
    <ul className="simulation-money" aria-label="Money now and with these rules" data-testid="simulation-money">
      {LINES.map(({ key, label }) => {
        const more = detail(key, before, after, money);
        return (
          <li key={key} className="simulation-money__line" data-key={key}>
            <span className="simulation-money__label">{label}</span>
            <span className="simulation-money__figures tabular">
              <span className="visually-hidden">Now: </span>
              {money(before[key])}
              <span aria-hidden="true"> → </span>
              <span className="visually-hidden">; with these rules: </span>
              <strong>{money(after[key])}</strong>
            </span>
            <span className="simulation-money__difference tabular" data-testid="money-difference">
              {difference(before[key], after[key], money)}
            </span>
            {more ? <span className="simulation-money__detail">{more}</span> : null}
          </li>
        );
      })}
    </ul>
  );
}
