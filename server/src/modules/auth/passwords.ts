import argon2 from 'argon2';

// OWASP's argon2id baseline: 19 MiB, 2 iterations, 1 lane.
const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const DEMO_PASSWORD = 'ChangeMe123!';

export const hashPassword = (password: string): Promise<string> => argon2.hash(password, OPTIONS);

// Verifying against this when the account does not exist keeps the answer's timing the same.
let dummyHash: Promise<string> | undefined;

export async function verifyPassword(hash: string | undefined, password: string): Promise<boolean> {
  if (!hash) {
    dummyHash ??= hashPassword('not-a-real-password');
    await argon2.verify(await dummyHash, password).catch(() => false);
    return false;
  }
  return argon2.verify(hash, password).catch(() => false);
}

export const MIN_PASSWORD_LENGTH = 12;

/** Why a new password is refused, or null: at least 12 characters, and never the demo password where it is refused. */
export function passwordProblem(password: string, allowDemoPassword: boolean): string | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) return `The new password needs at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (password === DEMO_PASSWORD && !allowDemoPassword) return 'The demo password cannot be used here. Choose another.';
  return null;
}
