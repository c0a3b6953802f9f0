import { describe, expect, it } from 'vitest';
import { consolePath, pathAfterSignIn, roleOfConsoleSegment } from './roles';

describe('roles and consoles', () => {
  it('maps each role to its console and back', () => {
    expect(consolePath('OPS')).toBe('/console/ops');
    expect(roleOfConsoleSegment('merchant')).toBe('MERCHANT');
    expect(roleOfConsoleSegment('MERCHANT')).toBeNull();
    expect(roleOfConsoleSegment('root')).toBeNull();
    expect(roleOfConsoleSegment(undefined)).toBeNull();
  });

  it('returns to the page the user came from only when it is theirs to open', () => {
    expect(pathAfterSignIn(null, 'CUSTOMER')).toBe('/console/customer');
    expect(pathAfterSignIn('/console/ops?tab=queue', 'OPS')).toBe('/console/ops?tab=queue');
    expect(pathAfterSignIn('/console/ops', 'CUSTOMER')).toBe('/console/customer');
    expect(pathAfterSignIn('/console', 'MERCHANT')).toBe('/console/merchant');
    expect(pathAfterSignIn('/cases/42', 'CUSTOMER')).toBe('/cases/42');
    expect(pathAfterSignIn('/login', 'ADMIN')).toBe('/console/admin');
  });

  it('never leaves the site after sign-in', () => {
    for (const next of ['https://evil.example/', '//evil.example/', '/\\evil.example', 'javascript:alert(1)']) {
      expect(pathAfterSignIn(next, 'OPS')).toBe('/console/ops');
    }
  });
});
