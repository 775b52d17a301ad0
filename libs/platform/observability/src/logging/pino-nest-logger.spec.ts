import { createLogger } from './logger';
import { PinoNestLogger } from './pino-nest-logger';

describe('PinoNestLogger', () => {
  it("maps Nest's logger calls to JSON lines with level, context and stack", () => {
    const lines: string[] = [];
    const nest = new PinoNestLogger(createLogger({ service: 'svc', level: 'debug', destination: { write: (s: string) => void lines.push(s) } }));
    nest.log('Mapped {/health/live, GET} route', 'RouterExplorer');
    nest.error('boom', 'Error: boom\n    at x (y.ts:1:1)', 'ExceptionsHandler');
    nest.warn({ msg: 'careful', apiKey: 'k-123' }, 'Svc');
    nest.verbose('not shown at debug');
    const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(parsed).toHaveLength(3);
    expect(parsed[0]).toMatchObject({ level: 'info', service: 'svc', context: 'RouterExplorer', msg: 'Mapped {/health/live, GET} route' });
    expect(parsed[1]).toMatchObject({ level: 'error', context: 'ExceptionsHandler', msg: 'boom' });
    expect(parsed[1]['stack']).toContain('at x');
    expect(parsed[2]).toMatchObject({ level: 'warn', context: 'Svc', msg: 'careful', apiKey: '[redacted]' });
  });
});
