import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsString, MaxLength, ValidateNested } from 'class-validator';
import { OptionalUid } from './dto-helpers';

/** Extension: a duplicate set, a list of lead field names that together identify a consumer. */
export class DuplicateSetDto {
  @OptionalUid('The set to keep (and change); 0 or absent creates one')
  DuplicateSetUID?: number;

  @OptionalUid('Informational; the path names the lead type')
  LeadTypeUID?: number;

  @ApiProperty({ example: 'Name and zip' })
  @IsString()
  @MaxLength(200)
  Name!: string;

  @ApiProperty({ type: [String], example: ['LastName', 'Zip'], description: "Fields of the lead type (names matched ignoring case); a lead matches when all are equal" })
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  Fields!: string[];
}

/** Extension: the lead type's whole list of duplicate sets (sets not listed are removed). */
export class SaveDuplicateSetsDto {
  @OptionalUid('Informational; must be the path\'s LeadTypeUID when given')
  LeadTypeUID?: number;

  @ApiProperty({ type: [DuplicateSetDto] })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => DuplicateSetDto)
  DuplicateSets!: DuplicateSetDto[];
}

export class DuplicateSetResponse {
  @ApiProperty({ example: 3 }) DuplicateSetUID!: number;
  @ApiProperty({ example: 12 }) LeadTypeUID!: number;
  @ApiProperty({ example: 'Name and zip' }) Name!: string;
  @ApiProperty({ type: [String], example: ['LastName', 'Zip'] }) Fields!: string[];
}

export class DuplicateSetsResponse {
  @ApiProperty({ example: 12 }) LeadTypeUID!: number;
  @ApiProperty({ type: [DuplicateSetResponse] }) DuplicateSets!: DuplicateSetResponse[];
}
