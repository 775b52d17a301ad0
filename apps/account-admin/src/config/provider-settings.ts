import { applyDecorators } from '@nestjs/common';
import { IsNotEmpty, ValidateBy, ValidateIf } from 'class-validator';

export const SMS_PROVIDERS = ['local', 'twilio'] as const;
export const PAYMENT_PROVIDERS = ['local', 'stripe'] as const;

/**
 * Why a provider choice cannot run, or undefined. 'local' sends no SMS and charges no card: fine for
 * development and tests, refused when NODE_ENV=production (like the development secrets key).
 */
export function providerChoiceProblem(value: unknown, choices: readonly string[], nodeEnv: string | undefined): string | undefined {
  if (typeof value !== 'string' || !choices.includes(value)) return `must be one of ${choices.join(', ')}`;
  if (value === 'local' && nodeEnv === 'production') {
    return `is 'local' (a development provider that reaches no one), refused when NODE_ENV=production: set it to ${choices.filter((c) => c !== 'local').join(' or ')} with its credentials`;
  }
  return undefined;
}

/** One of `choices`; 'local' refused in production. The message names the setting, never a secret. */
export function IsProviderChoice(choices: readonly string[]): PropertyDecorator {
  return ValidateBy(
    { name: 'isProviderChoice', validator: { validate: (v: unknown) => !providerChoiceProblem(v, choices, process.env['NODE_ENV']) } },
    { message: (args) => `${args.property} ${providerChoiceProblem(args.value, choices, process.env['NODE_ENV']) ?? 'is invalid'}` },
  );
}

/**
 * Required (and checked by `checks`) only when `selector` picks `provider`: a Twilio credential is
 * not needed while SMS_PROVIDER is local.
 */
export function RequiredForProvider(selector: string, provider: string, ...checks: PropertyDecorator[]): PropertyDecorator {
  return applyDecorators(
    ValidateIf((o: Record<string, unknown>) => o[selector] === provider),
    IsNotEmpty({ message: (args) => `${args.property} is required when ${selector}=${provider}` }),
    ...checks,
  );
}

/** Currencies Stripe does not count in hundredths: amounts are sent in cents, so these would be wrong by 100x or 10x. */
const NOT_TWO_DECIMAL = new Set(['bif', 'clp', 'djf', 'gnf', 'jpy', 'kmf', 'krw', 'mga', 'pyg', 'rwf', 'ugx', 'vnd', 'vuv', 'xaf', 'xof', 'xpf', 'bhd', 'jod', 'kwd', 'omr', 'tnd']);

export function IsTwoDecimalCurrency(): PropertyDecorator {
  return ValidateBy(
    { name: 'isTwoDecimalCurrency', validator: { validate: (v: unknown) => typeof v === 'string' && /^[a-z]{3}$/.test(v) && !NOT_TWO_DECIMAL.has(v) } },
    { message: (args) => `${args.property} must be a lower-case ISO 4217 code of a currency with cents (e.g. usd, eur)` },
  );
}
