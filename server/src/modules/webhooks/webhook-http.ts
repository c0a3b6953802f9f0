import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { isPrivateAddress } from './webhook-url.js';

export interface WebhookRequest {
  url: URL;
  headers: Record<string, string>;
  body: string;
  /** Silence allowed between bytes (connect, answer). */
  timeoutMs: number;
  /** The whole attempt, however the receiver trickles its bytes: the request is destroyed when it passes. */
  deadlineMs: number;
  /** Production refuses to connect to private addresses, whatever the name resolves to. */
  allowPrivateNetwork: boolean;
}

/** The most of a receiver's answer that is read; the status is all that counts. */
export const MAX_RESPONSE_BYTES = 64 * 1024;

/** How a delivery ended at the HTTP level: a status, or an error before any status (refused, timeout…). */
export type WebhookHttpResult = { status: number } | { error: string };

export type WebhookHttpClient = (request: WebhookRequest) => Promise<WebhookHttpResult>;

/** A DNS lookup that refuses private addresses, so a public name cannot be pointed at the internal network. */
const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, '', 0);
    const blocked = addresses.find((a) => isPrivateAddress(a.address));
    if (blocked || addresses.length === 0) {
      return callback(Object.assign(new Error(`${hostname} resolves to a private address`), { code: 'EPRIVATE' }), '', 0);
    }
    if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
    callback(null, addresses[0].address, addresses[0].family);
  });
};

/**
 * POSTs one delivery: no redirects followed, a timeout on silence, an overall deadline for the whole exchange
 * (a receiver that answers and then drips a byte now and then cannot hold a job slot), and at most
 * MAX_RESPONSE_BYTES of the answer read and discarded. The result is the status when the receiver's answer
 * began within the deadline (what it says after that does not change it), an error otherwise.
 */
export const httpWebhookClient: WebhookHttpClient = (request) =>
  new Promise((resolve) => {
    let status: number | null = null;
    let settled = false;
    const finish = (result: WebhookHttpResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      req.destroy();
      resolve(result);
    };
    const send = request.url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(
      request.url,
      {
        method: 'POST',
        headers: { ...request.headers, 'content-length': String(Buffer.byteLength(request.body)) },
        timeout: request.timeoutMs,
        ...(request.allowPrivateNetwork ? {} : { lookup: publicOnlyLookup }),
      },
      (res) => {
        status = res.statusCode ?? 0;
        let received = 0;
        res.on('data', (chunk: Buffer) => {
          received += chunk.length;
          // The answer's status is all that counts; a receiver that keeps talking is cut off.
          if (received > MAX_RESPONSE_BYTES) finish({ status: status! });
        });
        res.on('end', () => finish({ status: status! }));
        res.on('close', () => finish({ status: status! }));
        res.on('error', () => finish({ status: status! }));
      },
    );
    const deadline = setTimeout(() => {
      finish(status === null ? { error: `no answer within the ${request.deadlineMs} ms deadline` } : { status });
    }, request.deadlineMs);
    req.on('timeout', () => req.destroy(new Error(`no response within ${request.timeoutMs} ms`)));
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (status !== null) return finish({ status });
      finish({ error: error.code && error.code !== 'EPRIVATE' ? `${error.code}: ${error.message}` : error.message });
    });
    req.end(request.body);
  });
