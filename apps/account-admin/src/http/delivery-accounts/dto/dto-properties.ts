import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

/** Serial ids are Postgres int. */
export const INT4_MAX = 2_147_483_647;
/** numeric(12,2) */
export const MONEY_MAX = 9_999_999_999.99;

interface PropertyOptions {
  example?: unknown;
  description?: string;
}

/** Text up to `max` characters without NUL (Postgres text and jsonb refuse it: it would be a 500). */
export function TextProperty(max: number, opts: PropertyOptions & { numbersAsText?: boolean } = {}): PropertyDecorator {
  return applyDecorators(
    ...(opts.numbersAsText ? [Transform(({ value }) => (typeof value === 'number' && Number.isFinite(value) ? String(value) : value))] : []),
    IsOptional(),
    IsString(),
    MaxLength(max),
    // eslint-disable-next-line no-control-regex -- NUL is exactly what is refused
    Matches(/^[^\u0000]*$/, { message: ({ property }) => `${property} must not contain NUL characters` }),
    ApiProperty({ required: false, type: String, maxLength: max, example: opts.example ?? '', description: opts.description }),
  );
}

/** A seed UID in the body: 0 (or absent) for "none"/"new", else a serial id. */
export function UidProperty(opts: PropertyOptions = {}): PropertyDecorator {
  return applyDecorators(IsOptional(), IsInt(), Min(0), Max(INT4_MAX), ApiProperty({ required: false, type: 'integer', example: opts.example ?? 0, description: opts.description }));
}

export function IntProperty(min: number, max: number, opts: PropertyOptions = {}): PropertyDecorator {
  return applyDecorators(IsOptional(), IsInt(), Min(min), Max(max), ApiProperty({ required: false, type: 'integer', minimum: min, maximum: max, example: opts.example ?? 0, description: opts.description }));
}

export function MoneyProperty(opts: PropertyOptions = {}): PropertyDecorator {
  return applyDecorators(
    IsOptional(),
    IsNumber({ allowNaN: false, allowInfinity: false }),
    Min(0),
    Max(MONEY_MAX),
    ApiProperty({ required: false, type: Number, example: opts.example ?? 0, description: opts.description }),
  );
}

export function BoolProperty(opts: PropertyOptions = {}): PropertyDecorator {
  return applyDecorators(IsOptional(), IsBoolean(), ApiProperty({ required: false, type: Boolean, example: opts.example ?? true, description: opts.description }));
}

/** A seed max: -1 (or 0) means no maximum. */
export function MaxProperty(description: string): PropertyDecorator {
  return IntProperty(-1, INT4_MAX, { example: -1, description: `${description} -1 or 0: no maximum.` });
}
