import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, ValidateBy, ValidationOptions } from 'class-validator';
import { SeedEnum } from '@leadx/accounts-domain';

/**
 * A DTO property holding a seed enumeration: accepted by name (any case) or number, stored as the
 * canonical name; anything else is a 400 naming the field and listing the allowed values.
 */
export function SeedEnumProperty<N extends string>(def: SeedEnum<N>, opts: { optional?: boolean; description?: string } = {}): PropertyDecorator {
  const validation: ValidationOptions = {
    message: (args) => `${args.property} must be one of ${def.names.join(', ')} (by name or number)`,
  };
  return applyDecorators(
    Transform(({ value }) => (value === undefined || value === null ? value : (def.parse(value) ?? value))),
    ValidateBy({ name: `is${def.name}`, validator: { validate: (value: unknown) => typeof value === 'string' && (def.names as readonly string[]).includes(value) } }, validation),
    ...(opts.optional ? [IsOptional()] : []),
    ApiProperty({ enum: def.names, required: !opts.optional, description: opts.description ?? `${def.name}: by name or number` }),
  );
}
