import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { isConnectionLoss } from './format-error.js';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isConnectionLoss: the one classification of database connection failures', () => {
  it.each([
    ['57P01 admin_shutdown', withCode('57P01')],
    ['57P02 crash_shutdown', withCode('57P02')],
    ['57P03 cannot_connect_now', withCode('57P03', 'the database system is starting up')],
    ['08006 connection_failure', withCode('08006')],
    ['08001 cannot establish', withCode('08001')],
    ['ECONNREFUSED', withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    ['ECONNRESET', withCode('ECONNRESET')],
    ['ETIMEDOUT', withCode('ETIMEDOUT')],
    ['pg: Connection terminated', new Error('Connection terminated unexpectedly')],
    ['knex: acquire timeout', Object.assign(new Error('Knex: Timeout acquiring a connection. The pool is probably full. Are you missing a .transacting(trx) call?'), { name: 'KnexTimeoutError' })],
    ['pg: no answer to the connection attempt (connectionTimeoutMillis)', new Error('timeout expired')],
    ['wrapped in a cause', new Error('query failed', { cause: withCode('ECONNREFUSED') })],
    ['inside a GraphQL error', new GraphQLError('Context creation failed', { originalError: withCode('57P01') })],
  ])('%s is a connection loss', (_name, error) => {
    expect(isConnectionLoss(error)).toBe(true);
  });

  it.each([
    ['08P01 protocol violation', withCode('08P01')],
    ['23505 unique violation', withCode('23505')],
    ['a plain error', new Error('boom')],
    ['nothing', undefined],
  ])('%s is not', (_name, error) => {
    expect(isConnectionLoss(error)).toBe(false);
  });
});
