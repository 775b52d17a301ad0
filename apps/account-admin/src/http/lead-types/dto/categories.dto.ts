import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { INT_MAX, OptionalUid, SeedBool } from './dto-helpers';

/** Extension: create (LeadCatUID 0 or absent), rename or, with Delete, remove a lead category. */
export class SaveLeadCategoryDto {
  @OptionalUid('The category to rename or delete; 0 or absent creates one')
  LeadCatUID?: number;

  @ApiProperty({ required: false, description: 'The display name of the category (required to create)', example: 'Exclusive' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  Caption?: string;

  @SeedBool('Remove the category (its campaigns are unassigned)', false)
  Delete?: boolean;
}

export class LeadCategoryResponse {
  @ApiProperty({ example: 4 }) LeadCatUID!: number;
  @ApiProperty({ example: 'Exclusive' }) Caption!: string;
}

/** Seed 003 "Lead Categories". */
export class LeadCategoriesResponse {
  @ApiProperty({ type: [LeadCategoryResponse] }) LeadCategories!: LeadCategoryResponse[];
}

/** Seed 003 "Update Category Assignment of a Campaign". */
export class CampaignCategoryDto {
  @ApiProperty({ description: 'The category to assign to; 0 removes the assignment', example: 0 })
  @IsInt()
  @Min(0)
  @Max(INT_MAX)
  CategoryUID!: number;

  @OptionalUid('The seed lists it as a body parameter too; must be the path\'s LeadSourceUID when given')
  LeadSourceUID?: number;

  @OptionalUid('The seed lists it as a body parameter too; must be the path\'s CampaignUID when given')
  CampaignUID?: number;
}
