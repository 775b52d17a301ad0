import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsObject, IsOptional, Max, Min, ValidateNested } from 'class-validator';
import {
  ACTIVE_LIST_ACCOUNT_TYPE,
  ACTIVE_LIST_SORT_BY,
  ACTIVE_LIST_SORT_DIRECTION,
  ActiveListAccountType,
  ActiveListSortBy,
  ActiveListSortDirection,
} from '@leadx/accounts-domain';
import { SeedEnumProperty } from '../../common/seed-enum.property';
import { INT_MAX } from '../clients.params';

export class ActiveClientsFiltersDto {
  @ApiPropertyOptional({ type: [Number], example: [3, 0], description: 'Client groups to include; 0 stands for clients without a group' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsInt({ each: true })
  @Min(0, { each: true })
  @Max(INT_MAX, { each: true })
  ClientGroupUIDs?: number[];

  @ApiPropertyOptional({ example: true, description: 'Only clients with (true) or without (false) an Open order covering now' })
  @IsOptional()
  @IsBoolean()
  HasActiveOrder?: boolean;

  @ApiPropertyOptional({ example: true, description: 'Only clients with (true) or without (false) an Open delivery account that has automation enabled' })
  @IsOptional()
  @IsBoolean()
  AutomationEnabled?: boolean;
}

/** Seed 003 "Client Active List by Lead Type" body. */
export class ActiveClientsQueryDto {
  @ApiPropertyOptional({ enum: ACTIVE_LIST_ACCOUNT_TYPE.names, example: 'Web', description: 'AccountType by name or number; "" or absent scans every type' })
  // The seed's example sends "": it means no account type filter.
  @Transform(({ value }) => (value === '' || value === null ? undefined : (ACTIVE_LIST_ACCOUNT_TYPE.parse(value) ?? value)))
  @IsOptional()
  @IsIn(ACTIVE_LIST_ACCOUNT_TYPE.names, { message: `DeliveryAccountType must be one of ${ACTIVE_LIST_ACCOUNT_TYPE.names.join(', ')} (by name or number)` })
  DeliveryAccountType?: ActiveListAccountType;

  @SeedEnumProperty(ACTIVE_LIST_SORT_BY, { optional: true, description: 'SortBy by name or number (default Name)' })
  SortBy?: ActiveListSortBy;

  @SeedEnumProperty(ACTIVE_LIST_SORT_DIRECTION, { optional: true, description: 'Ascending or Decending (the seed\'s spelling; Descending also accepted); default Ascending' })
  SortDirection?: ActiveListSortDirection;

  @ApiPropertyOptional({ type: ActiveClientsFiltersDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ActiveClientsFiltersDto)
  Filters?: ActiveClientsFiltersDto;

  @ApiPropertyOptional({ example: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(INT_MAX)
  Skip?: number;

  @ApiPropertyOptional({ example: 100, description: 'At most 100 (larger values are clamped; the answer\'s Take says what applied)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  Take?: number;
}

/** Optional paging of GET /v1/clients/list (an extension: the seed lists every client). */
export class ListClientsQueryDto {
  @ApiPropertyOptional({ example: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(INT_MAX)
  Skip?: number;

  @ApiPropertyOptional({ example: 100, description: 'Pages the list when given (at most 100, larger values are clamped); absent lists every client' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  Take?: number;
}
