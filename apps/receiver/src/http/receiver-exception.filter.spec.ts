import { ArgumentsHost, ServiceUnavailableException } from '@nestjs/common';
import pino from 'pino';
import { IdempotencyKeyReusedError } from '@leadx/intake-data-access';
import { ReceiverExceptionFilter } from './receiver-exception.filter';
import { ReceiverHttpError } from './receiver-http-error';

/** What the filter answers for each kind of failure, on a Lead Receiver route or elsewhere. */
function answer(exception: unknown, path = '/v2/insert/general', headers: Record<string, string> = { 'content-type': 'application/json' }) {
  const sent: { status?: number; type?: string; body?: unknown } = {};
  const res = {
    headersSent: false,
    status(code: number) { sent.status = code; return res; },
    type(t: string) { sent.type = t; return res; },
    send(body: string) { sent.body = body; return res; },
    json(body: unknown) { sent.body = body; return res; },
  };
  const req = { method: path.startsWith('/v2/status') ? 'GET' : 'POST', path, headers };
  const host = { switchToHttp: () => ({ getRequest: () => req, getResponse: () => res }) } as unknown as ArgumentsHost;
  new ReceiverExceptionFilter(pino({ level: 'silent' })).catch(exception, host);
  return sent;
}

describe('ReceiverExceptionFilter', () => {
  it('answers Postgres or Kafka being down with 503 and a retry hint, in the seed shape', () => {
    const down = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const sent = answer(down);
    expect(sent.status).toBe(503);
    expect(JSON.parse(sent.body as string)).toMatchObject({ results: [{ isValid: false, leadId: 0, responseMessage: expect.stringMatching(/retry/) }] });
  });

  it('answers a reused Idempotency-Key with 422 naming the header', () => {
    const sent = answer(new IdempotencyKeyReusedError());
    expect(sent.status).toBe(422);
    expect(sent.body).toMatch(/Idempotency-Key/);
  });

  it('answers an unexpected error with 500 and no internals', () => {
    const sent = answer(new TypeError("Cannot read properties of undefined (reading 'x')"));
    expect(sent.status).toBe(500);
    expect(sent.body).not.toMatch(/Cannot read|TypeError/);
  });

  it('answers in XML when the caller asked for XML', () => {
    const sent = answer(new ReceiverHttpError(413, { code: 'too_large', message: 'too big' }), '/v2/insert/general', { 'content-type': 'application/xml' });
    expect(sent.status).toBe(413);
    expect(sent.type).toMatch(/^application\/xml/);
    expect(sent.body).toContain('<ResponseMessage>too big</ResponseMessage>');
  });

  it("keeps Nest's own answer off the receiver's routes (terminus' readiness body)", () => {
    const sent = answer(new ServiceUnavailableException({ status: 'error', error: { postgres: { status: 'down' } } }), '/health/ready');
    expect(sent).toMatchObject({ status: 503, body: { status: 'error', error: { postgres: { status: 'down' } } } });
  });
});
