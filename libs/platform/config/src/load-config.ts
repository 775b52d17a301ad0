import 'reflect-metadata';
import { validateSync } from 'class-validator';

export class ConfigValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigValidationError';
  }
}

/** Env values are strings; a setting's default says which type it wants. */
function convert(raw: string, defaultValue: unknown): unknown {
  if (typeof defaultValue === 'number') return raw.trim() === '' ? Number.NaN : Number(raw);
  if (typeof defaultValue === 'boolean') {
    const v = raw.trim().toLowerCase();
    return v === 'true' || v === '1' ? true : v === 'false' || v === '0' ? false : raw;
  }
  return raw;
}

/**
 * Reads and validates the environment into a typed config object. The only place that reads
 * process.env: apps call it once at boot and inject the result. Only the class's declared settings
 * are read (the object never carries unrelated env secrets), and values are never echoed in errors.
 */
export function loadConfig<T extends object>(cls: new () => T, env: NodeJS.ProcessEnv = process.env): T {
  const config = new cls();
  const values = config as Record<string, unknown>;
  for (const key of Object.keys(values)) {
    const raw = env[key];
    if (raw !== undefined) values[key] = convert(raw, values[key]);
  }
  const errors = validateSync(config, { skipMissingProperties: false });
  if (errors.length) {
    throw new ConfigValidationError(errors.map((e) => `${e.property}: ${Object.values(e.constraints ?? {}).join(', ')}`));
  }
  return config;
}
