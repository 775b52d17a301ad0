import { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { createLogger } from './logger';

function capture(level = 'info') {
  const lines: string[] = [];
  const logger = createLogger({ service: 'leadx-test', level, destination: { write: (s: string) => void lines.push(s) } });
  return { logger, lines };
}

const SECRETS = ['k3y-ABC-123', 'Bearer tok-XYZ-789', 'hunter2-pass', 'Hunter3-Pass', 'apitok-456', 'sekret-000', 'cs-111', 'hash-222', 'deep-pw-333', 'arr-pw-444', 'jwt-555'];

describe('createLogger', () => {
  it('writes JSON lines with service and ISO time, and redacts secrets wherever they appear', () => {
    const { logger, lines } = capture();
    logger.info(
      {
        req: {
          method: 'POST',
          url: '/v1/leads',
          headers: { 'api-key': 'k3y-ABC-123', authorization: 'Bearer tok-XYZ-789', 'content-type': 'application/json' },
          body: { email: 'a@example.com', password: 'hunter2-pass' },
        },
        account: { Password: 'Hunter3-Pass', apiToken: 'apitok-456', secret: 'sekret-000', client_secret: 'cs-111', key_hash: 'hash-222' },
        deeply: { nested: { config: { password: 'deep-pw-333' } } },
        list: [{ user: { password: 'arr-pw-444' } }],
        token: 'jwt-555',
        lead: { email: 'a@example.com', password: 'hunter2-pass' },
      },
      'lead received',
    );
    expect(lines).toHaveLength(1);
    const line = lines[0];
    for (const secret of SECRETS) expect(line).not.toContain(secret);
    const parsed = JSON.parse(line) as Record<string, unknown> & {
      req: { headers: Record<string, string>; body?: unknown };
      lead: Record<string, string>;
    };
    expect(parsed['service']).toBe('leadx-test');
    expect(parsed['msg']).toBe('lead received');
    expect(parsed['level']).toBe('info');
    expect(new Date(parsed['time'] as string).toISOString()).toBe(parsed['time']);
    expect(parsed.req.headers['api-key']).toBe('[redacted]');
    expect(parsed.req.headers['authorization']).toBe('[redacted]');
    // Non-secret fields survive.
    expect(parsed.req.headers['content-type']).toBe('application/json');
    expect(parsed.lead).toEqual({ email: 'a@example.com', password: '[redacted]' });
    // The req serializer keeps method, url and headers: request bodies never reach the log.
    expect(parsed.req.body).toBeUndefined();
  });

  it('redacts secret headers of a real node request through the req serializer', () => {
    const { logger, lines } = capture();
    const req = new IncomingMessage(new Socket());
    req.method = 'GET';
    req.url = '/v1/leads/1';
    req.headers = { 'api-key': 'k3y-ABC-123', authorization: 'Bearer tok-XYZ-789', host: 'x' };
    logger.warn({ req }, 'with a real request');
    expect(lines[0]).not.toContain('k3y-ABC-123');
    expect(lines[0]).not.toContain('tok-XYZ-789');
    expect(JSON.parse(lines[0]).req.headers.host).toBe('x');
  });

  it('does not modify the object it logs', () => {
    const { logger } = capture();
    const payload = { user: { password: 'hunter2-pass' } };
    logger.info(payload);
    expect(payload.user.password).toBe('hunter2-pass');
  });
});
