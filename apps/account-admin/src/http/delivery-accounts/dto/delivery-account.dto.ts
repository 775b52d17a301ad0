import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional, ValidateNested } from 'class-validator';
import { DELIVERY_ACCOUNT_STATUS, DELIVERY_ACCOUNT_TYPE, DeliveryAccountInput, DeliveryAccountStatus, DeliveryAccountType, DeliveryMaxesInput, SeedDeliveryCriterionInput } from '@leadx/accounts-domain';
import { SeedEnumProperty } from '../../common/seed-enum.property';
import { BoolProperty, INT4_MAX, IntProperty, MaxProperty, MoneyProperty, TextProperty, UidProperty } from './dto-properties';

/** Operator, Type and Value are checked against the scanner's criteria compiler (400 naming the criterion). */
export class DeliveryCriterionDto implements SeedDeliveryCriterionInput {
  @UidProperty({ description: 'The identifier of the criteria item; 0 for a new one' }) ClientCriteriaUID?: number;
  @UidProperty({ example: 5, description: 'The lead field checked (a field of the account\'s lead type); 0 for Expression/Function criteria' }) LeadFieldUID?: number;
  @TextProperty(40, { example: 'FieldValue', description: 'FieldValue, Expression or Function' }) Type?: string;
  @TextProperty(2000, { description: 'The regular expression (/pattern/flags) or calculated expression of Expression/Function criteria' }) Expression?: string;
  @TextProperty(40, { example: 'In', description: 'Equal, NotEqual, Greater, Less, GreaterOrEqual, LessOrEqual, Between, In, NotIn, DateCompare, Distance_Compare, Contains, Doesnt_Contain' })
  Operator?: string;
  @TextProperty(65_536, { example: 'TX|OK', numbersAsText: true, description: 'The operator\'s argument (lists split on | or ,)' }) Value?: string;
}

/** Create or Modify Delivery Account (seed 003). Absent properties keep their value on modify. */
export class DeliveryAccountDto implements DeliveryAccountInput {
  @UidProperty({ description: 'Identifier of client delivery account, 0 for a new delivery account' }) ClientAccountUID?: number;
  @UidProperty({ description: 'Identifier for the client (must match the path, or 0)' }) ClientUID?: number;
  @UidProperty({ description: 'Identifier for the delivery method (a method of this client)' }) DeliveryUID?: number;
  @MoneyProperty({ example: 25, description: 'The assigned default price' }) Price?: number;
  @MaxProperty('Leads deliverable within a 60 minute period.') HourMax?: number;
  @MaxProperty('Leads deliverable within the current day.') DayMax?: number;
  @MaxProperty('Leads deliverable within the current month.') MonthMax?: number;
  @MaxProperty('Leads deliverable within the current week.') WeekMax?: number;
  @BoolProperty({ example: false, description: 'Should an open order be required to receive leads against this account' }) useOrder?: boolean;
  @SeedEnumProperty(DELIVERY_ACCOUNT_STATUS, { optional: true, description: 'Closed (9), Suspended (10), OnHold (11), Open (12)' }) Status?: DeliveryAccountStatus;
  @IntProperty(0, INT4_MAX, { description: 'Seconds to delay delivery of a lead' }) DeliveryDelay?: number;
  @TextProperty(200, { example: 'Texas shared leads', description: 'Name of account' }) Description?: string;
  @TextProperty(2048, { description: 'The redirect URL the consumer is sent to (Redirect accounts)' }) RedirectURL?: string;
  @BoolProperty({ description: 'Does the account receive leads through delivery automation' }) AutomationEnabled?: boolean;
  @UidProperty({ description: 'Identifier of the alternate delivery method' }) AlternatePosting?: number;
  @SeedEnumProperty(DELIVERY_ACCOUNT_TYPE, { optional: true, description: 'General (0), Redirect (1), Live Call (2), 800 IVR (3)' }) AccountType?: DeliveryAccountType;
  @TextProperty(200, { description: 'The name of the agent targeted in the transfer' }) AgentName?: string;
  @TextProperty(40, { description: 'The phone number the lead should be transferred to' }) AgentPhone?: string;
  @ApiProperty({ type: [DeliveryCriterionDto], required: false, description: 'Replaces the account\'s criteria when present' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => DeliveryCriterionDto)
  Criteria?: DeliveryCriterionDto[];
  @UidProperty({ description: 'Extension: the lead type of a new account whose DeliveryUID is 0 (or whose method has no LeadTypeUID)' }) LeadTypeUID?: number;
}

/** Update Delivery Quantity Maxes (seed 003): absent keeps the value, 0 (or -1) removes the maximum. */
export class DeliveryMaxesDto implements DeliveryMaxesInput {
  @MaxProperty('Leads receivable in a 60 minute period.') HourMax?: number;
  @MaxProperty('Leads receivable in 1 calendar day.') DailyMax?: number;
  @MaxProperty('Leads receivable in 1 calendar week.') WeeklyMax?: number;
  @MaxProperty('Leads receivable in 1 calendar month.') MonthlyMax?: number;
}

/** List of All Accounts (Filtered by Criteria). Skip/Take are an extension (Take above 100 is clamped). */
export class DeliveryAccountSearchDto {
  @UidProperty({ example: 5, description: 'The lead field whose criteria are matched; 0 lists every account of the lead type' }) LeadFieldUID?: number;
  @TextProperty(65_536, { example: 'TX', numbersAsText: true, description: 'The value the account\'s criteria on that field must accept; blank: any criteria on it' }) Value?: string;
  @IntProperty(0, INT4_MAX, { description: 'Extension: accounts to skip' }) Skip?: number;
  @IntProperty(0, INT4_MAX, { example: 100, description: 'Extension: accounts to return (0 or above 100: 100)' }) Take?: number;
}
