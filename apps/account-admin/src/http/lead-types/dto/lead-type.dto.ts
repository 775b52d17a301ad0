import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { INT_MAX, OptionalUid, SeedBool } from './dto-helpers';

/** Extension: create (LeadTypeUID 0 or absent) or modify a lead type, in the seed's property names. */
export class SaveLeadTypeDto {
  @OptionalUid('The lead type to modify; 0 or absent creates one')
  LeadTypeUID?: number;

  @ApiProperty({ required: false, description: 'Name of the lead type (required to create)', example: 'Auto Insurance' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  Descriptor?: string;

  @SeedBool('Is the lead type in quality review', false)
  InQC?: boolean;

  @SeedBool('Is the lead type enabled')
  Status?: boolean;

  @ApiProperty({ required: false, description: 'Industry type', example: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(INT_MAX)
  TypeUID?: number;

  @ApiProperty({ required: false, description: 'Read-only (accepted so a GET answer can be sent back); ignored', example: 1 })
  @IsOptional()
  @IsInt()
  AccountUID?: number;

  @ApiProperty({ required: false, description: 'Read-only (accepted so a GET answer can be sent back); ignored: use PUT /v1/leadtypes/{LeadTypeUID}/duplicatesets', example: '' })
  @IsOptional()
  @IsString()
  DefaultDupSets?: string;
}

/** Seed 003 "Lead Type Properties". */
export class LeadTypeResponse {
  @ApiProperty({ example: 12 }) LeadTypeUID!: number;
  @ApiProperty({ example: 1, description: 'Your account identifier (one platform installation = one account)' }) AccountUID!: number;
  @ApiProperty({ example: false }) InQC!: boolean;
  @ApiProperty({ example: 'Auto Insurance' }) Descriptor!: string;
  @ApiProperty({ example: true }) Status!: boolean;
  @ApiProperty({ example: '3,4', description: "The lead type's DuplicateSetUIDs, comma-separated ('' = the default sets Email, PrimaryPhone)" })
  DefaultDupSets!: string;
  @ApiProperty({ example: 0 }) TypeUID!: number;
}
