import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../server/src/logger.js';
import { type TestServer, startTestServer } from '../helpers/test-server.js';

describe('unexpected errors', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('reach the client as a generic message with the request id, and no SQL or stack', async () => {
    const ops = await server.as('ops.demo');
    await server.orm.em.getConnection().execute('alter table case_notes rename to case_notes_away');
    try {
      const [{ id }] = await server.orm.em.getConnection().execute<any[]>('select id from return_cases limit 1');
      const response = await ops.request({ query: 'query Q($id: ID!) { returnCase(id: $id) { messages { body } } }', variables: { id } });
      const requestId = response.headers.get('x-request-id');
      const body = (await response.json()) as any;
      const error = body.errors[0];
      expect(error.extensions.code).toBe('INTERNAL_SERVER_ERROR');
      expect(error.extensions.requestId).toBe(requestId);
      expect(error.message).toContain(requestId);
      const text = JSON.stringify(body);
      expect(text).not.toMatch(/case_notes|select|relation|stack|at .*\.js/i);
    } finally {
      await server.orm.em.getConnection().execute('alter table case_notes_away rename to case_notes');
    }
  });
});

describe('logs', () => {
  it('never contain passwords, tokens, cookies or authorization headers', () => {
    const lines: string[] = [];
    const sink = new Writable({ write(chunk, _enc, done) { lines.push(String(chunk)); done(); } });
    const logger = createLogger('info', {}, sink);
    logger.info({ password: 'hunter2', token: 'rhp_secret', args: { password: 'p2' }, req: { headers: { cookie: 'rh_session=abc', authorization: 'Bearer rhp_x' } } }, 'sign-in');
    const out = lines.join('');
    for (const secret of ['hunter2', 'rhp_secret', 'p2"', 'rh_session=abc', 'Bearer rhp_x']) expect(out).not.toContain(secret);
    expect(out).toContain('[redacted]');
  });
});
