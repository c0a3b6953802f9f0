import { createHash, randomBytes } from 'node:crypto';

/** A random secret for a cookie or token, and the digest that is stored in its place. */
export const newSecret = (prefix = ''): string => prefix + randomBytes(32).toString('base64url');
export const digest = (secret: string): string => createHash('sha256').update(secret).digest('hex');
