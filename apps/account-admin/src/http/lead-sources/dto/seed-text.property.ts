import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';

/**
 * A text property stored as sent (HTML, SQL, `${}` included). Postgres text and jsonb cannot hold
 * U+0000, so that one character is refused with a 400 rather than failing in the database.
 */
export function SeedText(opts: { max: number; example?: string; description?: string; optional?: boolean; nullable?: boolean }): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ type: String, required: !opts.optional, nullable: opts.nullable, example: opts.example, description: opts.description, maxLength: opts.max }),
    ...(opts.optional ? [IsOptional()] : []),
    IsString(),
    MaxLength(opts.max),
    // eslint-disable-next-line no-control-regex -- the NUL character is exactly what must be refused
    Matches(/^[^\u0000]*$/, { message: ({ property }) => `${property} must not contain the NUL character` }),
  );
}
