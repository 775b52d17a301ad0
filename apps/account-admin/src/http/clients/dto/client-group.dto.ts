import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { INT_MAX } from '../clients.params';

/** The seed types ClientGroupUID as a string but sends 0: a number or digits are taken. */
const digitsToNumber = ({ value }: { value: unknown }) => (typeof value === 'string' && /^\s*\d{1,10}\s*$/.test(value) ? Number(value) : value);

/** Seed 003 "Update Client Group Assignment": by UID, or by name; UID 0 removes the assignment. */
export class AssignClientGroupDto {
  @ApiPropertyOptional({ example: '', description: 'Name of the group (any case); used when ClientGroupUID is 0 or absent' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  ClientGroupName?: string;

  @ApiPropertyOptional({ example: 0, description: 'Identifier of the group; 0 removes the assignment (unless a name is given)' })
  @IsOptional()
  @Transform(digitsToNumber)
  @IsInt()
  @Min(0)
  @Max(INT_MAX)
  ClientGroupUID?: number;
}

/** Seed 003 "Create / Modify Client Group" (ClientGroupUID 0 creates). */
export class UpsertClientGroupDto {
  @ApiProperty({ example: 0 })
  @IsInt()
  @Min(0)
  @Max(INT_MAX)
  ClientGroupUID!: number;

  @ApiProperty({ example: 'Premium buyers', description: 'Name of the group, unique whatever its case' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  Description!: string;

  @ApiPropertyOptional({ example: 0, default: 0 })
  @IsOptional()
  @IsInt()
  @Min(-INT_MAX)
  @Max(INT_MAX)
  DisplayOrder?: number;

  @ApiPropertyOptional({ example: 0, description: 'Ignored (the seed: "not needed … send 0")' })
  @IsOptional()
  @IsInt()
  ClientCount?: number;
}
