import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsInt, IsNumber, IsOptional, IsString, Max, MaxLength, Min, ValidateIf, ValidateNested } from 'class-validator';
import { OrderInput, OrderItemInput } from '@leadx/accounts-data-access';
import { OrderRenewal, OrderRenewalName, OrderStatus, OrderStatusName } from '@leadx/accounts-domain';
import { SeedEnumProperty } from '../../common/seed-enum.property';
import { SERIAL_ID_MAX } from '../serial-id.pipe';

/** numeric(12,2) holds up to this many dollars. */
export const MAX_MONEY = 9_999_999_999.99;
const MONEY = { maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false };

export class OrderItemDto implements OrderItemInput {
  @ApiProperty({ example: 0, description: 'The identifier of the order item, send 0 for a new order item' })
  @IsInt()
  @Min(0)
  @Max(SERIAL_ID_MAX)
  ClientOrderItemUID!: number;

  @ApiPropertyOptional({ example: 0, nullable: true, description: 'The delivery account ordered (0, null or absent = any delivery account of the client)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(SERIAL_ID_MAX)
  ClientAccountUID?: number | null;

  @ApiProperty({ example: 100, nullable: true, description: 'The quantity of leads ordered; null for a dollar-based item (Price is then its budget)' })
  @ValidateIf((o: OrderItemDto) => o.Qty !== null)
  @IsInt()
  @Min(0)
  @Max(SERIAL_ID_MAX)
  Qty!: number | null;

  @ApiProperty({ example: true, description: 'Limit delivery to only the quantity ordered' })
  @IsBoolean()
  ConstrainQuantity!: boolean;

  @ApiProperty({ example: 2500, description: 'The dollar amount of the leads ordered (two decimals at most)' })
  @IsNumber(MONEY)
  @Min(0)
  @Max(MAX_MONEY)
  Price!: number;
}

/** Seed 003 "Create or Modify Order": ClientOrderUID 0 creates; otherwise the order becomes this body. */
export class SaveOrderDto implements OrderInput {
  @ApiProperty({ example: 0, description: 'The identifier of the order to be updated. Send 0 when creating a new order' })
  @IsInt()
  @Min(0)
  @Max(SERIAL_ID_MAX)
  ClientOrderUID!: number;

  @ApiProperty({ example: 12, description: 'The identifier of the client the order is assigned to' })
  @IsInt()
  @Min(1)
  @Max(SERIAL_ID_MAX)
  ClientUID!: number;

  @ApiProperty({ example: '2020-08-25T22:47:27.658Z', description: "Start (ISO 8601 'YYYY-MM-DDTHH:MM:SSZ'; no zone = UTC)" })
  @IsString()
  @MaxLength(40)
  StartDate!: string;

  @ApiProperty({ example: '2020-09-25T22:47:27.658Z', nullable: true, description: 'End (ISO 8601); null = no end date' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  EndDate?: string | null;

  @SeedEnumProperty(OrderStatus, { description: 'order_status: Closed, Open, OnHold, Filled, Pending, Paused (by name, or number 0–5 in that order)' })
  Status!: OrderStatusName;

  @SeedEnumProperty(OrderRenewal, { description: 'renewal_type: No_Renewal, On_End, On_Qty_Fill (by name or number 0–2)' })
  Renewal!: OrderRenewalName;

  @ApiProperty({ example: true, description: 'Should the order be charged automatically' })
  @IsBoolean()
  AutoCharge!: boolean;

  @ApiProperty({ type: [OrderItemDto], description: 'The items of the order; items of a modified order left out are removed' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => OrderItemDto)
  Items!: OrderItemDto[];
}
