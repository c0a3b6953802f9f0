import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import type { MikroORM } from '@mikro-orm/postgresql';
import { parse as parseCookies } from 'cookie';
import express, { type Request } from 'express';
import type { GraphQLSchema } from 'graphql';
import { toClientError } from '../errors/format-error.js';
import { SESSION_COOKIE, resolveViewer } from '../modules/auth/auth.service.js';
import { type AppDeps, type RequestContext, createServices } from './context.js';
import { loggingPlugin } from './logging-plugin.js';
import { Metrics } from './metrics.js';

export interface HttpApp {
  server: Server;
  apollo: ApolloServer<RequestContext>;
  metrics: Metrics;
  /** Stops accepting requests and waits for the ones in flight. */
  stop(): Promise<void>;
}

function credentialsOf(req: Request): { sessionSecret?: string; bearerToken?: string } {
  const authorization = req.headers.authorization;
  if (authorization !== undefined) {
    // A request that names credentials in the header is judged on them alone; its cookies are ignored.
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    return { bearerToken: match ? match[1] : '' };
  }
  const cookies = parseCookies(req.headers.cookie ?? '');
  return { sessionSecret: cookies[SESSION_COOKIE] };
}

/** The one HTTP server: GraphQL, health, metrics, and the built web app, on one port. */
export async function createHttpApp(deps: AppDeps, orm: MikroORM, schema: GraphQLSchema): Promise<HttpApp> {
  const { config, logger, clock } = deps;
  const app = express();
  const server = createServer(app);
  const metrics = new Metrics();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');

  app.use((req, res, next) => {
    const incoming = req.headers['x-request-id'];
    const requestId = typeof incoming === 'string' && /^[\w.-]{1,64}$/.test(incoming) ? incoming : randomUUID();
    res.locals.requestId = requestId;
    res.setHeader('x-request-id', requestId);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const route = req.path.startsWith('/graphql') ? '/graphql' : req.path.startsWith('/assets/') ? '/assets' : req.path;
      metrics.increment('http_requests_total', { method: req.method, route: route.length > 40 ? 'other' : route, status: String(res.statusCode) });
      if (route !== '/graphql') {
        logger.debug({ requestId, method: req.method, path: req.path, status: res.statusCode, ms: Number(process.hrtime.bigint() - started) / 1e6 }, 'http');
      }
    });
    next();
  });

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', version: config.releaseVersion });
  });
  app.get('/readyz', async (_req, res) => {
    try {
      await orm.em.getConnection().execute('select 1');
      res.json({ status: 'ready' });
    } catch {
      res.status(503).json({ status: 'unavailable', reason: 'database unreachable' });
    }
  });
  app.get('/metrics', (_req, res) => {
    res.type('text/plain; version=0.0.4').send(metrics.render());
  });

  const apollo = new ApolloServer<RequestContext>({
    schema,
    formatError: toClientError,
    introspection: config.graphiqlEnabled,
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: config.isProduction,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer: server }),
      // No cache hints are used; the default cache-control plugin would wrap every field resolver of every
      // response just to conclude "no-store", which the route below sets once (issue 9).
      ApolloServerPluginCacheControlDisabled(),
      loggingPlugin(metrics),
    ],
  });
  await apollo.start();

  app.use(
    '/graphql',
    (_req, res, next) => {
      // Answers carry private data: never cached by browsers or proxies.
      res.setHeader('Cache-Control', 'no-store');
      next();
    },
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async ({ req, res }): Promise<RequestContext> => {
        const em = orm.em.fork();
        const credentials = credentialsOf(req);
        const viewer = await resolveViewer(em, clock.now(), credentials);
        const requestId = String(res.locals.requestId);
        return {
          requestId,
          em,
          viewer,
          services: createServices(em, viewer, deps),
          deps,
          logger: logger.child({ requestId, viewer: viewer?.username ?? null }),
          sessionSecret: credentials.sessionSecret,
          req,
          res,
        };
      },
    }),
  );

  // The built web app: static assets, GraphiQL, and index.html for every client route.
  const dist = config.clientDistDir;
  if (existsSync(join(dist, 'index.html'))) {
    if (config.graphiqlEnabled) {
      app.get('/graphiql', (_req, res) => res.sendFile(join(dist, 'graphiql.html')));
    }
    app.use(express.static(dist, { index: false, maxAge: '1h', setHeaders: (res, path) => {
      if (path.includes('/assets/')) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    } }));
    app.get(/^(?!\/(graphql|healthz|readyz|metrics|files|webhooks)(\/|$)).*/, (req, res, next) => {
      if (!req.accepts('html')) return next();
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(join(dist, 'index.html'));
    });
  } else {
    logger.warn({ dist }, 'the web app is not built; run `npm run build` (npm start does this for you)');
  }

  app.use((_req, res) => {
    res.status(404).json({ error: 'NOT_FOUND' });
  });

  return {
    server,
    apollo,
    metrics,
    async stop() {
      await apollo.stop();
      if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
