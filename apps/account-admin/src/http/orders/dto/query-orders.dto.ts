import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { OrderQuery } from '@leadx/accounts-data-access';
import { OrderStatusFilter, OrderStatusName } from '@leadx/accounts-domain';
import { SeedEnumProperty } from '../../common/seed-enum.property';
import { SERIAL_ID_MAX } from '../serial-id.pipe';

/** Seed 003 "Retrieve Order Details or List": null or absent filters do not filter. */
export class QueryOrdersDto implements OrderQuery {
  @ApiPropertyOptional({ example: null, nullable: true, description: 'The identifier of the order (404 when unknown)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(SERIAL_ID_MAX)
  OrderUID?: number | null;

  @SeedEnumProperty(OrderStatusFilter, {
    optional: true,
    description: 'Status of the orders returned: Pending, Open, Closed, OnHold, Filled, Paused (by name, or number 0–5 in this order)',
  })
  OrderStatusFilter?: OrderStatusName | null;

  @ApiPropertyOptional({ example: null, nullable: true, description: 'The identifier of the client (404 when unknown)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(SERIAL_ID_MAX)
  ClientUID?: number | null;

  @ApiPropertyOptional({ example: null, nullable: true, description: "The minimum start date (ISO 8601 'YYYY-MM-DDTHH:MM:SSZ')" })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  StartDate?: string | null;

  @ApiPropertyOptional({ example: 0, description: 'The amount of orders to skip' })
  @IsOptional()
  @IsInt()
  @Min(0)
  Skip?: number;

  @ApiPropertyOptional({ example: 20, description: 'The amount of orders to return (maximum 100; more is clamped, 0 = 100)' })
  @IsOptional()
  @IsInt()
  Take?: number;
}
