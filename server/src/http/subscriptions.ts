import type { IncomingMessage, Server } from 'node:http';
import type { MikroORM } from '@mikro-orm/postgresql';
import { parse as parseCookies } from 'cookie';
import { GraphQLError, type GraphQLSchema, getOperationAST, parse, specifiedRules, validate } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { isUnexpected, toClientError } from '../errors/format-error.js';
import { SESSION_COOKIE, resolveViewer } from '../modules/auth/auth.service.js';
import type { CaseChangeFeed } from '../modules/live/case-change-feed.js';
import { LiveUpdates } from '../modules/live/live-updates.service.js';
import { type AppDeps, type RequestContext, createServices } from './context.js';
import { REQUEST_LIMITS, requestLimitErrors } from './request-limits.js';

interface Credentials {
  sessionSecret?: string;
  bearerToken?: string;
}

/** Largest message a client may send (a subscription document and its variables). */
const MAX_MESSAGE_BYTES = 64 * 1024;
/** Subscriptions one connection may hold open at once; one more is refused, the connection stays. */
export const MAX_SUBSCRIPTIONS_PER_CONNECTION = 20;

/** Refusals before anything runs carry the same codes as over HTTP. */
const withCode = (error: GraphQLError, code: string) =>
  error.extensions.code ? error : new GraphQLError(error.message, { nodes: error.nodes, source: error.source, positions: error.positions, extensions: { ...error.extensions, code } });

/**
 * A partner token from the connection_init payload (`{ authorization: "Bearer rhp_…" }`) or the upgrade
 * request's Authorization header; otherwise the browser's session cookie. Like HTTP: a request naming a token
 * is judged on it alone.
 */
function credentialsOf(request: IncomingMessage, params: Record<string, unknown> | undefined): Credentials {
  const given = typeof params?.authorization === 'string' ? params.authorization : request.headers.authorization;
  if (given !== undefined) {
    const match = /^Bearer\s+(\S+)$/i.exec(given);
    return { bearerToken: match ? match[1] : '' };
  }
  return { sessionSecret: parseCookies(request.headers.cookie ?? '')[SESSION_COOKIE] };
}

/**
 * Cookies ride along with any page's WebSocket to us (cross-site WebSocket hijacking): a browser connection that
 * authenticates by cookie must come from our own origin. Non-browser clients send no Origin.
 */
function originAllowed(request: IncomingMessage, publicUrl: string): boolean {
  const origin = request.headers.origin;
  if (!origin) return true;
  const host = request.headers.host;
  return origin === new URL(publicUrl).origin || (!!host && (origin === `http://${host}` || origin === `https://${host}`));
}

export interface SubscriptionServer {
  stop(): Promise<void>;
}

/**
 * GraphQL subscriptions over WebSocket (graphql-ws protocol) on the HTTP server's /graphql. Only subscription
 * operations are served here; queries and mutations stay on HTTP. Each operation gets a context like an HTTP
 * request's; each event renews it (fresh EntityManager, viewer re-read), so a revoked session loses access.
 */
export function attachSubscriptionServer(server: Server, deps: AppDeps, orm: MikroORM, schema: GraphQLSchema, feed: CaseChangeFeed): SubscriptionServer {
  const { config, logger, clock } = deps;
  const wss = new WebSocketServer({ server, path: '/graphql', maxPayload: MAX_MESSAGE_BYTES });

  const contextFor = async (credentials: Credentials, operationId: string): Promise<RequestContext> => {
    const context = {} as RequestContext;
    const renew = async () => {
      const em = orm.em.fork();
      const viewer = await resolveViewer(em, clock.now(), credentials);
      Object.assign(context, {
        requestId: `ws:${operationId}`,
        em,
        viewer,
        services: createServices(em, viewer, deps),
        deps,
        logger: logger.child({ requestId: `ws:${operationId}`, viewer: viewer?.username ?? null }),
        sessionSecret: credentials.sessionSecret,
        _shield: { cache: {} },
      });
    };
    await renew();
    context.live = new LiveUpdates(feed, { get viewer() { return context.viewer; }, get em() { return context.em; }, renew });
    return context;
  };

  const handle = useServer<Record<string, unknown>, { credentials?: Credentials }>(
    {
      connectionInitWaitTimeout: 10_000,
      onConnect: (ctx) => {
        const credentials = credentialsOf(ctx.extra.request, ctx.connectionParams);
        if (credentials.sessionSecret && !originAllowed(ctx.extra.request, config.publicUrl)) return false;
        ctx.extra.credentials = credentials;
        return true;
      },
      onSubscribe: (ctx, _id, payload) => {
        // graphql-ws has already registered this one.
        if (Object.keys(ctx.subscriptions).length > MAX_SUBSCRIPTIONS_PER_CONNECTION) {
          return [new GraphQLError(`Too many open subscriptions on this connection (at most ${MAX_SUBSCRIPTIONS_PER_CONNECTION}); complete one first.`, { extensions: { code: 'BAD_USER_INPUT', limit: 'subscriptions' } })];
        }
        // The same limits as HTTP: tokens at parse time, then depth, aliases and cost.
        let document;
        try {
          document = parse(payload.query, { maxTokens: REQUEST_LIMITS.maxTokens });
        } catch (error) {
          return [withCode(error as GraphQLError, 'GRAPHQL_PARSE_FAILED')];
        }
        const errors = validate(schema, document, specifiedRules);
        if (errors.length > 0) return errors.map((error) => withCode(error, 'GRAPHQL_VALIDATION_FAILED'));
        const operation = getOperationAST(document, payload.operationName);
        if (!operation) return [new GraphQLError('Name the operation to run.', { extensions: { code: 'BAD_REQUEST' } })];
        if (operation.operation !== 'subscription') {
          return [new GraphQLError('Only subscriptions are served over WebSocket; send queries and mutations over HTTP.', { extensions: { code: 'BAD_REQUEST' } })];
        }
        const refusals = requestLimitErrors(schema, document, operation, payload.variables ?? undefined);
        if (refusals.length > 0) return refusals;
        return { schema, document, operationName: payload.operationName, variableValues: payload.variables };
      },
      context: (ctx, id) => contextFor(ctx.extra.credentials ?? {}, id),
      // Errors leave through the same mapping as over HTTP: coded domain errors, nothing internal.
      onNext: (_ctx, id, _payload, _args, result) => {
        if (!result.errors?.length) return;
        const errors = result.errors.map((error) => {
          const formatted = toClientError(error.toJSON(), error);
          if (isUnexpected(formatted)) logger.error({ err: error.originalError ?? error, operation: id }, 'subscription error');
          return formatted;
        });
        return { ...result, errors };
      },
    },
    wss,
  );

  return {
    async stop() {
      await handle.dispose();
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
