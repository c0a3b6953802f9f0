import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { isPrivateAddress } from './webhook-url.js';

export interface WebhookRequest {
  url: URL;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  /** Production refuses to connect to private addresses, whatever the name resolves to. */
  allowPrivateNetwork: boolean;
}

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

/** POSTs one delivery: no redirects followed, a hard timeout, and the response body read and discarded. */
export const httpWebhookClient: WebhookHttpClient = (request) =>
  new Promise((resolve) => {
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
        const status = res.statusCode ?? 0;
        let received = 0;
        res.on('data', (chunk: Buffer) => {
          received += chunk.length;
          // The answer's status is all that counts; a receiver that keeps talking is cut off.
          if (received > 64 * 1024) res.destroy();
        });
        res.on('end', () => resolve({ status }));
        res.on('close', () => resolve({ status }));
        res.on('error', () => resolve({ status }));
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no response within ${request.timeoutMs} ms`)));
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code && error.code !== 'EPRIVATE' ? `${error.code}: ${error.message}` : error.message }));
    req.end(request.body);
  });
