import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import type { MikroORM } from '@mikro-orm/postgresql';
import express from 'express';
import graphqlUploadExpress from 'graphql-upload/graphqlUploadExpress.mjs';
import type { GraphQLSchema } from 'graphql';
import { toClientError } from '../errors/format-error.js';
import { resolveViewer } from '../modules/auth/auth.service.js';
import { MAX_FILES_PER_REQUEST, PARSER_MAX_FILE_BYTES } from '../modules/documents/document-policy.js';
import { type AppDeps, type RequestContext, createServices } from './context.js';
import { credentialsOf } from './credentials.js';
import { filesRouter } from './files-route.js';
import { loggingPlugin } from './logging-plugin.js';
import { labelDownloadHandler } from '../modules/fulfilment/label-download.js';
import { paymentWebhookHandler } from '../modules/payments/payment-webhook.route.js';
import { carrierWebhookHandler } from '../modules/fulfilment/carrier-webhook.route.js';
import { MUTATION_RATE_LIMIT, RateLimiter, mutationRateLimitPlugin, rateLimitedStatusPlugin } from './rate-limit.js';
import { REQUEST_LIMITS, requestLimitsPlugin } from './request-limits.js';
import { storableTextPlugin } from './text-input.js';
import { CaseChangeFeed } from '../modules/live/case-change-feed.js';
import { attachSubscriptionServer } from './subscriptions.js';
import { Metrics } from './metrics.js';
import { uploadErrorHandler, uploadGuard } from './upload-guard.js';
import { graphiqlSecurityHeaders, metricsAccess, securityHeaders } from './security-headers.js';
import { contextFailure, outageErrorHandler, serviceUnavailablePlugin } from './outage.js';

export interface HttpApp {
  server: Server;
  apollo: ApolloServer<RequestContext>;
  metrics: Metrics;
  /** Case changes from PostgreSQL (LISTEN/NOTIFY) for this replica's subscribers. */
  caseFeed: CaseChangeFeed;
  /** Stops accepting requests and waits for the ones in flight. */
  stop(): Promise<void>;
}

/** The one HTTP server: GraphQL, health, metrics, and the built web app, on one port. */
export async function createHttpApp(deps: AppDeps, orm: MikroORM, schema: GraphQLSchema): Promise<HttpApp> {
  const { config, logger, clock } = deps;
  const app = express();
  const server = createServer(app);
  const metrics = new Metrics();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);

  app.use((req, res, next) => {
    const incoming = req.headers['x-request-id'];
    const requestId = typeof incoming === 'string' && /^[\w.-]{1,64}$/.test(incoming) ? incoming : randomUUID();
    res.locals.requestId = requestId;
    res.setHeader('x-request-id', requestId);
    const started = process.hrtime.bigint();
    // Read before routing: a router mounted on /graphql strips it from req.path (the label said "/" for GraphQL).
    const path = req.path;
    const route = path.startsWith('/graphql') ? '/graphql' : path.startsWith('/assets/') ? '/assets' : path;
    res.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      metrics.recordHttpRequest({ method: req.method, route: route.length > 40 ? 'other' : route, status: String(res.statusCode) }, seconds);
      if (route !== '/graphql') {
        logger.debug({ requestId, method: req.method, path, status: res.statusCode, ms: seconds * 1000 }, 'http');
      }
    });
    next();
  });
  app.use(securityHeaders(config));

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', version: config.releaseVersion });
  });
  app.get('/readyz', async (_req, res) => {
    try {
      // Bounded: a database that does not answer at all must not hold the probe until the pool gives up.
      await Promise.race([orm.em.getConnection().execute('select 1'), new Promise((_resolve, reject) => setTimeout(() => reject(new Error('readiness probe timed out')), 2_000).unref())]);
      res.json({ status: 'ready' });
    } catch {
      res.status(503).json({ status: 'unavailable', reason: 'database unreachable' });
    }
  });
  app.get('/metrics', metricsAccess(config), async (_req, res) => {
    const { contentType, body } = await metrics.render();
    res.type(contentType).send(body);
  });

  // Payment provider webhooks: the raw body, before any JSON parser, so the signature is checked on the exact bytes.
  app.post('/webhooks/payments', express.raw({ type: '*/*', limit: '1mb' }), paymentWebhookHandler(orm, deps));
  // The carrier's tracking events (docs/carrier-tracking.md), verified the same way.
  app.post('/webhooks/carrier', express.raw({ type: '*/*', limit: '64kb' }), carrierWebhookHandler(orm, deps));
  // Return labels, for the case's parties only (session cookie or partner token).
  app.get('/files/labels/:caseId', labelDownloadHandler(orm, deps, credentialsOf));

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
      // Apollo's landing pages load scripts from a CDN; GET /graphql in a browser goes to our bundled GraphiQL instead.
      ApolloServerPluginLandingPageDisabled(),
      loggingPlugin(metrics),
      // Abuse limits: tokens at parse time (below), then depth, aliases and cost with the request's variables.
      requestLimitsPlugin(),
      mutationRateLimitPlugin(new RateLimiter(deps.mutationRateLimit ?? MUTATION_RATE_LIMIT, clock)),
      rateLimitedStatusPlugin(),
      storableTextPlugin(),
      serviceUnavailablePlugin(logger),
    ],
    parseOptions: { maxTokens: REQUEST_LIMITS.maxTokens },
    allowBatchedHttpRequests: false,
    // main.ts owns SIGTERM/SIGINT. Left on (its default outside NODE_ENV=test), Apollo stops itself on the signal
    // too; our stop() then calls apollo.stop() while that one drains, and a concurrent stop() waits on a barrier
    // Apollo resolves only when stopping fails: the replica hung until the 7 s step deadline (issue 18 §4).
    stopOnTerminationSignals: false,
  });
  await apollo.start();
  // Subscriptions (graphql-ws) on the same server and path; fed by PostgreSQL NOTIFY across replicas.
  const caseFeed = new CaseChangeFeed(orm.config.get('clientUrl')!, logger);
  const subscriptions = attachSubscriptionServer(server, deps, orm, schema, caseFeed);

  // File uploads (GraphQL multipart requests): refused on their headers where possible (upload-guard.ts), then
  // parsed by graphql-upload with hard caps: each file is buffered to a temporary file (fs-capacitor) that the
  // resolver streams to storage, deleted when the response ends. The JSON parser and Apollo below take over with
  // the parsed operations.
  app.use(
    '/graphql',
    uploadGuard(orm, clock, config.uploadMaxRequestBytes),
    graphqlUploadExpress({ maxFileSize: PARSER_MAX_FILE_BYTES, maxFiles: MAX_FILES_PER_REQUEST }),
    uploadErrorHandler,
  );
  app.use('/files', filesRouter(orm, deps));

  app.get('/graphql', (req, res, next) => {
    if (config.graphiqlEnabled && !req.query.query && req.headers.accept?.includes('text/html')) return res.redirect('/graphiql');
    next();
  });
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
        const viewer = await resolveViewer(em, clock.now(), credentials).catch((error: unknown) => {
          throw contextFailure(error);
        });
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
      app.get(['/graphiql', '/graphiql.html'], graphiqlSecurityHeaders(config), (_req, res) => res.sendFile(join(dist, 'graphiql.html')));
    } else {
      // Not even as a static file.
      app.get('/graphiql.html', (_req, res) => res.status(404).json({ error: 'NOT_FOUND' }));
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
  app.use(outageErrorHandler);

  return {
    server,
    apollo,
    metrics,
    caseFeed,
    async stop() {
      await subscriptions.stop();
      await caseFeed.close();
      await apollo.stop();
      // close() waits for every open connection: a half-sent request waits up to headersTimeout (60 s), a WebSocket
      // forever. Idle ones go now; whatever is still open after a grace period is cut.
      if (server.listening) {
        await new Promise<void>((resolve) => {
          const cut = setTimeout(() => server.closeAllConnections(), 3_000);
          server.close(() => {
            clearTimeout(cut);
            resolve();
          });
          server.closeIdleConnections();
        });
      }
    },
  };
}
