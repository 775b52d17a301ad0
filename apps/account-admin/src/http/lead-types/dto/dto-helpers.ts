import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, Max, Min } from 'class-validator';

export const INT_MAX = 2_147_483_647;

/** An optional seed bool; 0 and 1 are accepted too (the seed's examples write `"InQC": 0`). */
export function SeedBool(description: string, example = true): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }) => (value === 0 ? false : value === 1 ? true : value)),
    IsOptional(),
    IsBoolean({ message: ({ property }) => `${property} must be a boolean (true/false, or 1/0)` }),
    ApiProperty({ type: Boolean, required: false, description, example }),
  );
}

/** An optional non-negative int (a UID: 0 or absent = create). */
export function OptionalUid(description: string, max = INT_MAX): PropertyDecorator {
  return applyDecorators(IsOptional(), IsInt(), Min(0), Max(max), ApiProperty({ type: Number, required: false, description, example: 0 }));
}
