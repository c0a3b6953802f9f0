import { currencyExponent } from '../../../lib/money';

/**
 * An amount typed by a person ("12.5", "12,50") as integer minor units, exactly (no floats), or null when it is
 * not an amount in this currency.
 */
export function parseMoneyInput(text: string, currency: string): number | null {
  const exponent = currencyExponent(currency);
  const cleaned = text.trim().replace(',', '.');
  const pattern = exponent === 0 ? /^\d{1,9}$/ : new RegExp(`^\\d{1,9}(\\.\\d{1,${exponent}})?$`);
  if (!pattern.test(cleaned)) return null;
  const [whole, fraction = ''] = cleaned.split('.');
  return Number(whole) * 10 ** exponent + Number(fraction.padEnd(exponent, '0') || '0');
}
