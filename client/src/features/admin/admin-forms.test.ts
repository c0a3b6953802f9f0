import { describe, expect, it } from 'vitest';
import { safeMailDocument } from './mailbox/MailboxPanel';
import { amountToMinor, minorToAmount, toPolicyInput, type PolicyDraft } from './merchants/policy-form';

const draft: PolicyDraft = {
  returnWindowDays: '30',
  responseSlaHours: '48',
  slaTimeoutAction: 'ESCALATE',
  autoApproveLimit: '25.50',
  restockingFeePercent: '10',
  refundShipping: true,
  warehouseAddress: '  Dock 4, Reno  ',
};

describe('merchant policy form', () => {
  it('turns amounts into exact minor units and back', () => {
    expect(amountToMinor('25')).toBe(2500);
    expect(amountToMinor('25.5')).toBe(2550);
    expect(amountToMinor(' 0.07 ')).toBe(7);
    expect(amountToMinor('19.99')).toBe(1999);
    for (const bad of ['', '-1', '1.234', '1,00', 'abc', '1e3']) expect(amountToMinor(bad)).toBeNull();
    expect(minorToAmount(2550)).toBe('25.50');
    expect(minorToAmount(7)).toBe('0.07');
  });

  it('sends what was typed, leaving the limits to the server', () => {
    expect(toPolicyInput(draft)).toEqual({
      input: { returnWindowDays: 30, responseSlaHours: 48, restockingFeePercent: 10, slaTimeoutAction: 'ESCALATE', refundShipping: true, warehouseAddress: 'Dock 4, Reno', autoApproveLimitMinor: 2550 },
      problems: null,
    });
    // Out of range is the server's to say (with its own message), so it is sent.
    expect(toPolicyInput({ ...draft, returnWindowDays: '0' }).input?.returnWindowDays).toBe(0);
  });

  it('names each field that is not a number', () => {
    expect(toPolicyInput({ ...draft, returnWindowDays: '3.5', autoApproveLimit: 'lots' })).toEqual({
      input: null,
      problems: { returnWindowDays: 'Enter a whole number.', autoApproveLimitMinor: 'Enter an amount such as 25 or 25.00 (0 turns it off).' },
    });
  });
});

describe('development mailbox', () => {
  it('wraps a message in a document that may load nothing from the network', () => {
    const doc = safeMailDocument('<p>Hello</p><img src="https://tracker.example/pixel.gif">');
    expect(doc).toContain("default-src 'none'");
    expect(doc).toContain('<p>Hello</p>');
    expect(doc.indexOf('Content-Security-Policy')).toBeLessThan(doc.indexOf('<p>Hello</p>'));
  });
});
