import { parse as parseCookies } from 'cookie';
import type { Request } from 'express';
import { SESSION_COOKIE } from '../modules/auth/auth.service.js';

/** The credentials a request carries: a partner token (Authorization: Bearer) or else the session cookie. */
export function credentialsOf(req: Request): { sessionSecret?: string; bearerToken?: string } {
  const authorization = req.headers.authorization;
  if (authorization !== undefined) {
    // A request that names credentials in the header is judged on them alone; its cookies are ignored.
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    return { bearerToken: match ? match[1] : '' };
  }
  const cookies = parseCookies(req.headers.cookie ?? '');
  return { sessionSecret: cookies[SESSION_COOKIE] };
}
