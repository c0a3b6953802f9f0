import { timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import helmet from 'helmet';
import type { Config } from '../config.js';
import { digest } from '../shared/secrets.js';

/**
 * The web app's Content-Security-Policy: everything from our own origin, no inline scripts or styles (the built
 * index.html has none; React sets styles through the DOM, which CSP does not govern), no framing, no plugins.
 * Uploaded photos are previewed from blob: URLs before they are sent.
 */
const APP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  baseUri: ["'self'"],
  connectSrc: ["'self'"],
  fontSrc: ["'self'", 'data:'],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  objectSrc: ["'none'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'"],
  workerSrc: ["'self'"],
};

function headers(config: Config, directives: Record<string, string[]>): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      // Behind TLS in production; in development the app is plain http on localhost.
      directives: config.isProduction ? { ...directives, upgradeInsecureRequests: [] } : directives,
    },
    strictTransportSecurity: config.isProduction ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
  }) as RequestHandler;
}

/** Security headers on every answer, the API's and the web app's: CSP, nosniff, no framing, HSTS in production. */
export const securityHeaders = (config: Config): RequestHandler => headers(config, APP_DIRECTIVES);

/**
 * GraphiQL (development, or GRAPHIQL_ENABLED) only: its editor injects styles at run time and runs its language
 * service in workers, so its page alone allows inline styles and blob: workers; scripts stay same-origin.
 */
export const graphiqlSecurityHeaders = (config: Config): RequestHandler =>
  headers(config, { ...APP_DIRECTIVES, styleSrc: ["'self'", "'unsafe-inline'"], workerSrc: ["'self'", 'blob:'] });

/**
 * `/metrics` is not public: with METRICS_TOKEN set it needs `Authorization: Bearer <token>`; without one it is
 * open in development and absent (404) in production.
 */
export function metricsAccess(config: Config): RequestHandler {
  const expected = config.metricsToken === undefined ? undefined : digest(config.metricsToken);
  return (req, res, next) => {
    if (expected === undefined) {
      if (config.isProduction) return void res.status(404).json({ error: 'NOT_FOUND' });
      return next();
    }
    const presented = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (presented !== undefined && timingSafeEqual(Buffer.from(digest(presented)), Buffer.from(expected))) return next();
    res.setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
    res.status(401).json({ error: 'UNAUTHENTICATED' });
  };
}
