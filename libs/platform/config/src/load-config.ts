import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';

export class ConfigValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigValidationError';
  }
}

/**
 * Reads and validates the environment into a typed config object. The only place that reads
 * process.env: apps call it once at boot and inject the result. Values of properties whose name
 * looks secret are never echoed in error messages.
 */
export function loadConfig<T extends object>(cls: new () => T, env: NodeJS.ProcessEnv = process.env): T {
  const instance = plainToInstance(cls, { ...env }, { enableImplicitConversion: true, excludeExtraneousValues: false });
  const errors = validateSync(instance, { whitelist: false, skipMissingProperties: false });
  if (errors.length) {
    throw new ConfigValidationError(
      errors.map((e) => `${e.property}: ${Object.values(e.constraints ?? {}).join(', ')}`.replace(/value ".*?"/g, 'value')),
    );
  }
  // Keep only declared properties so the config object never carries unrelated env secrets.
  const declared = Object.keys(new cls());
  return Object.fromEntries(declared.map((k) => [k, (instance as Record<string, unknown>)[k]])) as T;
}
