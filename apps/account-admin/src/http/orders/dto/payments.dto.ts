import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsNotEmpty, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { LoggedPaymentInput, PaymentMethodInput } from '@leadx/accounts-data-access';
import { SERIAL_ID_MAX } from '../serial-id.pipe';
import { MAX_MONEY } from './save-order.dto';

const MONEY = { maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false };

/** Seed 003 "Create Order Payment": logs a payment received outside the platform. */
export class LogPaymentDto implements LoggedPaymentInput {
  @ApiProperty({ example: 12, description: 'The identifier of the client the payment is assigned to' })
  @IsInt()
  @Min(1)
  @Max(SERIAL_ID_MAX)
  ClientUID!: number;

  @ApiProperty({ example: 34, description: 'The identifier of the order the payment is linked to (0 = no order)' })
  @IsInt()
  @Min(0)
  @Max(SERIAL_ID_MAX)
  ClientOrderUID!: number;

  @ApiPropertyOptional({ example: 0, deprecated: true, description: '(deprecated) Send 0; ignored. The seed spells it CardTransID and CardTransUID: both are accepted' })
  @IsOptional()
  @IsInt()
  CardTransID?: number;

  @ApiPropertyOptional({ example: 0, deprecated: true, description: '(deprecated) Send 0; ignored' })
  @IsOptional()
  @IsInt()
  CardTransUID?: number;

  @ApiProperty({ example: 250, description: 'Amount of the payment (negative for a refund; two decimals at most)' })
  @IsNumber(MONEY)
  @Min(-MAX_MONEY)
  @Max(MAX_MONEY)
  Amount!: number;

  @ApiProperty({ example: true, description: 'Was the payment valid' })
  @IsBoolean()
  IsValid!: boolean;

  @ApiProperty({ example: 'Approved', description: 'Payment detail response from payment processor (card numbers in it are masked before storage)' })
  @IsString()
  @MaxLength(4000)
  Response!: string;
}

/** Seed 003 "Run Payment". */
export class RunPaymentDto {
  @ApiProperty({ example: 250, description: 'The amount of the payment (more than 0, two decimals at most)' })
  @IsNumber(MONEY)
  @Min(0.01)
  @Max(MAX_MONEY)
  Amount!: number;
}

/** Extension: a client's card as the payment provider tokenised it. No card number is accepted. */
export class SavePaymentMethodDto implements PaymentMethodInput {
  @ApiProperty({ example: 0, description: 'Send 0 to add a payment method' })
  @IsInt()
  @Min(0)
  @Max(SERIAL_ID_MAX)
  ClientPaymentMethodUID!: number;

  @ApiProperty({ example: 'tok_local_visa', description: "The payment provider's token for the card (a card number is refused)" })
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  @Matches(/^\S+$/, { message: 'ProviderToken must not contain spaces' })
  ProviderToken!: string;

  @ApiPropertyOptional({ example: 'Visa', description: 'Card brand, for display' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  CardBrand?: string;

  @ApiPropertyOptional({ example: '4242', description: 'Last four digits of the card, for display' })
  @ValidateIf((o: SavePaymentMethodDto) => o.CardLast4 !== undefined && o.CardLast4 !== '')
  @Matches(/^\d{4}$/, { message: 'CardLast4 must be exactly 4 digits' })
  CardLast4?: string;

  @ApiPropertyOptional({ example: true, description: "Make it the client's primary payment method (a client's first method always is)" })
  @IsOptional()
  @IsBoolean()
  IsPrimary?: boolean;
}
