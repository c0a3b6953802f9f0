// Text PostgreSQL cannot store as sent (NUL, unpaired surrogates) is refused with BAD_USER_INPUT before anything
// runs (found by tests/fuzz/mutations.fuzz.test.ts: a NUL in createApiToken's name was an internal error).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCase } from '../helpers/fixtures.js';
import { query } from '../helpers/money.js';
import { type TestServer, errorCode, startTestServer } from '../helpers/test-server.js';

describe('unstorable text', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());
  const count = async (table: string) => Number((await query<{ n: string }>(server.orm, `select count(*) as n from ${table}`))[0].n);

  it('refuses a NUL character in a variable, and writes nothing', async () => {
    const merchant = await server.as('merchant.one');
    const before = await count('api_tokens');
    const result = await merchant.gql('mutation T($name: String!) { createApiToken(name: $name) { secret } }', { name: 'a\u0000b' });
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(result.errors![0].extensions).toMatchObject({ rule: 'UNSTORABLE_TEXT' });
    expect(await count('api_tokens')).toBe(before);
    // The same name without the NUL is fine.
    expect((await merchant.gql('mutation T($name: String!) { createApiToken(name: $name) { secret } }', { name: 'ab' })).errors).toBeUndefined();
  });

  it('refuses unpaired surrogates nested in an input and in a literal; keeps real emoji and RTL text', async () => {
    const ops = await server.as('ops.demo');
    const rc = await demoCase(server.orm, 'in_review');
    const NOTE = 'mutation N($id: ID!, $body: String!) { addCaseNote(caseId: $id, body: $body, visibility: INTERNAL) { id body } }';
    const before = await count('case_notes');
    expect(errorCode(await ops.gql(NOTE, { id: rc.id, body: 'broken \uD83D here' }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await ops.gql(`mutation N($id: ID!) { addCaseNote(caseId: $id, body: "lit\\u0000eral", visibility: INTERNAL) { id } }`, { id: rc.id }))).toBe('BAD_USER_INPUT');
    expect(await count('case_notes')).toBe(before);
    const fine = await ops.gql(NOTE, { id: rc.id, body: 'שלום 👩‍👩‍👧 \u202Eok' });
    expect(fine.errors).toBeUndefined();
    expect(fine.data!.addCaseNote.body).toBe('שלום 👩‍👩‍👧 \u202Eok');
  });
});
