import { ApiProperty } from '@nestjs/swagger';
import { OrderItemView, OrderPage, OrderView, PaymentMethodView, PaymentRunView } from '@leadx/accounts-data-access';
import { OrderRenewal, OrderRenewalName, OrderStatus, OrderStatusName } from '@leadx/accounts-domain';

// Answer shapes, for OpenAPI only (the services build the values).

export class OrderItemViewDto implements OrderItemView {
  @ApiProperty({ example: 88 }) ClientOrderItemUID!: number;
  @ApiProperty({ example: null, nullable: true, type: Number, description: 'null = any delivery account' }) ClientAccountUID!: number | null;
  @ApiProperty({ example: 100, nullable: true, type: Number, description: 'null for dollar-based items' }) Qty!: number | null;
  @ApiProperty({ example: 12 }) SentQty!: number;
  @ApiProperty({ example: true }) ConstrainQuantity!: boolean;
  @ApiProperty({ example: 2500 }) Price!: number;
  @ApiProperty({ example: 300 }) SentPrice!: number;
}

export class OrderViewDto implements OrderView {
  @ApiProperty({ example: 34 }) ClientOrderUID!: number;
  @ApiProperty({ example: 12 }) ClientUID!: number;
  @ApiProperty({ example: '2020-08-25T22:47:27Z' }) StartDate!: string;
  @ApiProperty({ example: null, nullable: true, type: String }) EndDate!: string | null;
  @ApiProperty({ example: 100, nullable: true, type: Number, description: 'Sum of the items; null for dollar-based orders' }) Qty!: number | null;
  @ApiProperty({ example: 12 }) SentQty!: number;
  @ApiProperty({ example: 2500 }) PriceTotal!: number;
  @ApiProperty({ example: 300 }) SentPriceTotal!: number;
  @ApiProperty({ enum: OrderStatus.names, example: 'Open' }) Status!: OrderStatusName;
  @ApiProperty({ enum: OrderRenewal.names, example: 'No_Renewal' }) Renewal!: OrderRenewalName;
  @ApiProperty({ example: false }) AutoCharge!: boolean;
  @ApiProperty({ type: [OrderItemViewDto] }) Items!: OrderItemViewDto[];
}

export class OrderPageDto implements OrderPage {
  @ApiProperty({ example: 1 }) QueryTotal!: number;
  @ApiProperty({ example: 1 }) Count!: number;
  @ApiProperty({ example: 0 }) Skip!: number;
  @ApiProperty({ example: 20, description: 'The Take applied (at most 100)' }) Take!: number;
  @ApiProperty({ type: [OrderViewDto] }) Orders!: OrderViewDto[];
}

export class PaymentRunViewDto implements PaymentRunView {
  @ApiProperty({ example: 501, description: 'Identifier of the payment' }) ClientTranUID!: number;
  @ApiProperty({ example: 12 }) ClientUID!: number;
  @ApiProperty({ example: true }) IsValid!: boolean;
  @ApiProperty({ example: 'Approved 250.00 USD (local test provider)' }) Response!: string;
  @ApiProperty({ example: 'XXXXXXXXXXXX4242' }) CardNumber!: string;
  @ApiProperty({ example: 'XX/XX', description: 'Expiry dates are not stored: always masked' }) ExpDate!: string;
  @ApiProperty({ example: 250 }) Amount!: number;
  @ApiProperty({ example: '2020-08-26T15:15:03Z', description: 'When the payment ran (UTC)' }) DateRan!: string;
}

export class PaymentMethodViewDto implements PaymentMethodView {
  @ApiProperty({ example: 7 }) ClientPaymentMethodUID!: number;
  @ApiProperty({ example: 12 }) ClientUID!: number;
  @ApiProperty({ example: 'local' }) Provider!: string;
  @ApiProperty({ example: 'Visa' }) CardBrand!: string;
  @ApiProperty({ example: 'XXXXXXXXXXXX4242' }) CardNumber!: string;
  @ApiProperty({ example: true }) IsPrimary!: boolean;
}
