import { KafkaJSConnectionError, KafkaJSError, KafkaJSNonRetriableError } from 'kafkajs';
import { QueryFailedError } from 'typeorm';
import { PayloadValidationError } from '@leadx/contracts';
import { describeError, isTransientError, TransientError } from './errors';

function withCode(code: string, message = 'boom'): Error {
  return Object.assign(new Error(message), { code });
}

describe('isTransientError', () => {
  it.each(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT'])('socket error %s is transient', (code) => {
    expect(isTransientError(withCode(code))).toBe(true);
  });

  it.each(['40001', '40P01', '08006', '08001', '57P01', '57P03', '53300', '57014'])('postgres SQLSTATE %s is transient', (code) => {
    expect(isTransientError(withCode(code))).toBe(true);
  });

  it.each(['23505', '23503', '42P01', '22P02', '42703'])('postgres SQLSTATE %s (a bug or bad data) is not transient', (code) => {
    expect(isTransientError(withCode(code))).toBe(false);
  });

  it('sees the pg error inside a TypeORM QueryFailedError', () => {
    const driverError = withCode('40001', 'could not serialize access due to concurrent update');
    expect(isTransientError(new QueryFailedError('UPDATE x', [], driverError))).toBe(true);
    expect(isTransientError(new QueryFailedError('INSERT x', [], withCode('23505', 'duplicate key')))).toBe(false);
  });

  it('follows the cause chain', () => {
    expect(isTransientError(new Error('delivery failed', { cause: withCode('ECONNRESET') }))).toBe(true);
    expect(isTransientError(new Error('delivery failed', { cause: new Error('nope') }))).toBe(false);
  });

  it('recognises pg connection loss without a code', () => {
    expect(isTransientError(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isTransientError(new Error('timeout exceeded when trying to connect'))).toBe(true);
  });

  it('classifies kafkajs errors by retriability', () => {
    expect(isTransientError(new KafkaJSConnectionError('Connection error: connect ECONNREFUSED'))).toBe(true);
    expect(isTransientError(new KafkaJSError('The coordinator is loading', { retriable: true }))).toBe(true);
    expect(isTransientError(new KafkaJSNonRetriableError('Invalid topics array'))).toBe(false);
  });

  it('treats timeouts and explicit TransientError as transient', () => {
    const timeout = new Error('The operation was aborted due to timeout');
    timeout.name = 'TimeoutError';
    expect(isTransientError(timeout)).toBe(true);
    expect(isTransientError(new TransientError('buyer endpoint down'))).toBe(true);
  });

  it('does not retry validation errors and plain bugs forever', () => {
    expect(isTransientError(new PayloadValidationError('intake.lead.accepted.v1', ['leadId: must be an integer']))).toBe(false);
    expect(isTransientError(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe(false);
    expect(isTransientError('string thrown')).toBe(false);
    expect(isTransientError(undefined)).toBe(false);
  });

  it('survives cyclic causes', () => {
    const a = new Error('a') as Error & { cause?: unknown };
    const b = new Error('b', { cause: a });
    a.cause = b;
    expect(isTransientError(a)).toBe(false);
  });
});

describe('describeError', () => {
  it('names the error and truncates long messages', () => {
    expect(describeError(new TypeError('bad'))).toBe('TypeError: bad');
    expect(describeError({ code: 1 })).toBe('{"code":1}');
    const long = describeError(new Error('x'.repeat(5_000)), 100);
    expect(long).toHaveLength(100);
  });
});
