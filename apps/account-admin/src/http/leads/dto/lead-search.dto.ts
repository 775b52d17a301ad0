import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

/** Seed 003 "Search for Lead by Contact Information" body; Skip/Take are the API's paging (optional). */
export class LeadSearchDto {
  @ApiProperty({ required: false, example: 'ada@example.com', description: 'Matched trimmed, case-insensitively' })
  @IsOptional() @IsString() @MaxLength(254)
  Email?: string;

  @ApiProperty({ required: false, example: '123 Main St', description: 'Matched on its letters and digits, case-insensitively' })
  @IsOptional() @IsString() @MaxLength(500)
  Address?: string;

  @ApiProperty({ required: false, example: '(512) 555-0100', description: 'Any format: matched on its digits (US country code optional)' })
  @IsOptional() @IsString() @MaxLength(50)
  PrimaryPhone?: string;

  @ApiProperty({ required: false, example: 0 })
  @IsOptional() @IsInt() @Min(0) @Max(1_000_000)
  Skip?: number;

  @ApiProperty({ required: false, example: 100, description: 'At most 100 (larger values are clamped); 0 or absent = 100' })
  @IsOptional() @IsInt() @Min(0)
  Take?: number;
}
