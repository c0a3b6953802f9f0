import { describe, expect, it } from 'vitest';
import { currencyExponent, formatMoney, minorToDecimalString } from './money';

describe('money', () => {
  it('formats minor units in the currency of the amount', () => {
    expect(formatMoney(12345, 'EUR', 'en-GB')).toBe('€123.45');
    expect(formatMoney(18498, 'USD', 'en-US')).toBe('$184.98');
    expect(formatMoney(5, 'GBP', 'en-GB')).toBe('£0.05');
    expect(formatMoney(0, 'EUR', 'en-GB')).toBe('€0.00');
    expect(formatMoney(-2500, 'EUR', 'en-GB')).toBe('-€25.00');
  });

  it('follows the locale for separators and symbol position', () => {
    expect(formatMoney(123456789, 'EUR', 'de-DE')).toBe('1.234.567,89\u00a0€');
  });

  it('knows currencies without cents and with three decimals', () => {
    expect(currencyExponent('JPY')).toBe(0);
    expect(formatMoney(1234, 'JPY', 'en-US')).toBe('¥1,234');
    expect(currencyExponent('KWD')).toBe(3);
    expect(formatMoney(1234, 'KWD', 'en-US')).toBe('KWD\u00a01.234');
  });

  it('never goes through floating point', () => {
    expect(minorToDecimalString(9007199254740991, 2)).toBe('90071992547409.91');
    expect(formatMoney(9007199254740991, 'USD', 'en-US')).toBe('$90,071,992,547,409.91');
    expect(minorToDecimalString(7, 3)).toBe('0.007');
    expect(minorToDecimalString(-7, 2)).toBe('-0.07');
    expect(() => minorToDecimalString(1.5, 2)).toThrow(RangeError);
  });
});
