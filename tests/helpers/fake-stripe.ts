import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  idempotencyKey: string | undefined;
  form: Record<string, string>;
}

interface StoredAnswer {
  hash: string;
  status: number;
  body: unknown;
}

/**
 * A local HTTP server speaking the part of Stripe's API ReturnHub uses (refunds: create with idempotency keys,
 * retrieve, list by payment), in Stripe's shapes and error envelopes. Tests point the official SDK at it.
 */
export class FakeStripe {
  readonly requests: RecordedRequest[] = [];
  readonly refunds = new Map<string, Record<string, any>>();
  /** Answers to give to the next create calls instead of creating (e.g. a 500, or a 402 card error). */
  readonly nextCreateErrors: Array<{ status: number; error: Record<string, string> }> = [];
  private readonly byKey = new Map<string, StoredAnswer>();
  private server!: Server;
  private sequence = 0;
  url = '';

  constructor(private readonly apiKey: string) {}

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  setStatus(id: string, status: string, failureReason: string | null = null): Record<string, any> {
    const refund = this.refunds.get(id)!;
    refund.status = status;
    refund.failure_reason = failureReason;
    return { ...refund };
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://stripe.test');
    const form = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
    const idempotencyKey = req.headers['idempotency-key'] as string | undefined;
    this.requests.push({ method: req.method ?? '', path: url.pathname, idempotencyKey, form });
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json', 'request-id': `req_${++this.sequence}` });
      res.end(JSON.stringify(body));
    };
    if (req.headers.authorization !== `Bearer ${this.apiKey}`) {
      send(401, { error: { type: 'invalid_request_error', message: 'Invalid API Key provided.' } });
      return;
    }

    if (req.method === 'POST' && url.pathname === '/v1/refunds') {
      const hash = JSON.stringify(Object.entries(form).sort());
      const stored = idempotencyKey ? this.byKey.get(idempotencyKey) : undefined;
      if (stored) {
        if (stored.hash !== hash) {
          send(400, { error: { type: 'idempotency_error', message: 'Keys for idempotent requests can only be used with the same parameters they were first used with.' } });
        } else {
          send(stored.status, stored.body);
        }
        return;
      }
      const planned = this.nextCreateErrors.shift();
      if (planned) {
        const body = { error: planned.error };
        // Like Stripe: a request that ran (e.g. a card error) is saved under its key; a 500 is not.
        if (idempotencyKey && planned.status < 500) this.byKey.set(idempotencyKey, { hash, status: planned.status, body });
        send(planned.status, body);
        return;
      }
      const metadata: Record<string, string> = {};
      for (const [k, v] of Object.entries(form)) {
        const m = /^metadata\[(.+)\]$/.exec(k);
        if (m) metadata[m[1]] = v;
      }
      const refund = {
        id: `re_test_${++this.sequence}`,
        object: 'refund',
        amount: Number(form.amount),
        currency: 'usd',
        status: 'pending',
        payment_intent: form.payment_intent ?? null,
        charge: form.charge ?? `ch_for_${form.payment_intent}`,
        metadata,
        reason: form.reason ?? null,
        failure_reason: null,
        created: Math.floor(Date.now() / 1000),
      };
      this.refunds.set(refund.id, refund);
      if (idempotencyKey) this.byKey.set(idempotencyKey, { hash, status: 200, body: refund });
      send(200, refund);
      return;
    }
    const retrieve = /^\/v1\/refunds\/([\w-]+)$/.exec(url.pathname);
    if (req.method === 'GET' && retrieve) {
      const refund = this.refunds.get(retrieve[1]);
      if (!refund) send(404, { error: { type: 'invalid_request_error', code: 'resource_missing', message: `No such refund: '${retrieve[1]}'` } });
      else send(200, refund);
      return;
    }
    if (req.method === 'GET' && url.pathname === '/v1/refunds') {
      const pi = url.searchParams.get('payment_intent');
      const charge = url.searchParams.get('charge');
      const data = [...this.refunds.values()].filter((r) => (pi ? r.payment_intent === pi : charge ? r.charge === charge : true)).reverse();
      send(200, { object: 'list', data, has_more: false, url: '/v1/refunds' });
      return;
    }
    send(404, { error: { type: 'invalid_request_error', message: `Unrecognized request URL (${req.method}: ${url.pathname}).` } });
  }
}
