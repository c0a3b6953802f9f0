/** Digits after the decimal point for a currency (2 for EUR/USD, 0 for JPY, 3 for KWD). */
export function currencyExponent(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/** An integer amount of minor units as an exact decimal string ("-1234" EUR → "-12.34"), never via floats. */
export function minorToDecimalString(amountMinor: number, exponent: number): string {
  if (!Number.isSafeInteger(amountMinor)) throw new RangeError(`Not an amount in minor units: ${amountMinor}`);
  const digits = Math.abs(amountMinor).toString().padStart(exponent + 1, '0');
  const whole = exponent === 0 ? digits : digits.slice(0, -exponent);
  const fraction = exponent === 0 ? '' : `.${digits.slice(-exponent)}`;
  return `${amountMinor < 0 ? '-' : ''}${whole}${fraction}`;
}

/** Money is integer minor units everywhere (SPEC §6); it becomes text only here, at the edge. */
export function formatMoney(amountMinor: number, currency: string, locale?: string): string {
  const exponent = currencyExponent(currency);
  const decimal = minorToDecimalString(amountMinor, exponent) as `${number}`;
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(decimal);
}
