import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { TOPICS, TopicName, TopicPayload } from './topics';

export class PayloadValidationError extends Error {
  constructor(
    readonly topic: string,
    readonly problems: string[],
  ) {
    super(`invalid ${topic} payload: ${problems.join('; ')}`);
    this.name = 'PayloadValidationError';
  }
}

function flatten(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((e) => {
    const path = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((m) => `${path}: ${m}`);
    return [...own, ...flatten(e.children ?? [], path)];
  });
}

/** Validates an untrusted payload at a consumer's boundary; throws PayloadValidationError. */
export function validatePayload<T extends TopicName>(topic: T, raw: unknown): TopicPayload<T> {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new PayloadValidationError(topic, ['payload must be an object']);
  }
  const cls = TOPICS[topic] as unknown as new () => object;
  const instance = plainToInstance(cls, raw);
  const problems = flatten(validateSync(instance, { forbidUnknownValues: true }));
  if (problems.length) throw new PayloadValidationError(topic, problems);
  return instance as TopicPayload<T>;
}
