import { IsInt, IsString, Max, Min } from 'class-validator';
import { BaseServiceConfig } from './base-service.config';
import { ConfigValidationError, loadConfig } from './load-config';

class ExampleConfig extends BaseServiceConfig {
  override PORT = 3999;
  @IsInt() @Min(1) @Max(10) WORKERS = 2;
  @IsString() API_TOKEN = 'dev-token';
}

describe('loadConfig', () => {
  it('uses the defaults when the environment is empty', () => {
    const c = loadConfig(ExampleConfig, {});
    expect(c.PORT).toBe(3999);
    expect(c.KAFKA_BROKERS).toBe('127.0.0.1:9092');
  });

  it('converts numeric strings from the environment, as a shell sets them', () => {
    const c = loadConfig(ExampleConfig, { PORT: '3006', WORKERS: '7' });
    expect(c.PORT).toBe(3006);
    expect(c.WORKERS).toBe(7);
  });

  it('keeps only declared settings, never unrelated environment variables', () => {
    const c = loadConfig(ExampleConfig, { AWS_SECRET_ACCESS_KEY: 'x' }) as unknown as Record<string, unknown>;
    expect(c['AWS_SECRET_ACCESS_KEY']).toBeUndefined();
  });

  it('names every invalid setting, without echoing its value', () => {
    try {
      loadConfig(ExampleConfig, { WORKERS: '99', PORT: 'eighty', API_TOKEN: '' });
      throw new Error('expected a ConfigValidationError');
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigValidationError);
      const problems = (err as ConfigValidationError).problems.join('\n');
      expect(problems).toMatch(/WORKERS/);
      expect(problems).toMatch(/PORT/);
      expect(problems).not.toMatch(/eighty/);
    }
  });
});
