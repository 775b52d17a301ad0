import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional, ValidateBy, ValidateNested } from 'class-validator';
import { DELIVERY_FIELD_TYPE, DELIVERY_TYPE, DeliveryDayInput, DeliveryFieldType, DeliveryType, FieldMappingInput } from '@leadx/accounts-domain';
import { SeedEnumProperty } from '../../common/seed-enum.property';
import { BoolProperty, INT4_MAX, IntProperty, TextProperty, UidProperty } from './dto-properties';

export class FieldMappingDto implements FieldMappingInput {
  @UidProperty({ description: 'Identifier for the delivery mapping; 0 for a new one' }) DeliveryMappingUID?: number;
  @BoolProperty({ example: false, description: 'Should this mapping be removed' }) Delete?: boolean;
  @UidProperty({ description: 'Parent delivery field setting (read from the nesting; ignored)' }) DeliverySettingUID?: number;
  @TextProperty(4000, { example: 'Y', description: 'Value to be delivered' }) DeliveryValue?: string;
  @TextProperty(4000, { example: 'Yes', description: 'Value located on the field' }) FieldValue?: string;
}

/** The seed's table calls the lists Settings/Mappings and its example FieldSettings/FieldMappings: both are read. */
export class FieldSettingDto {
  @UidProperty({ description: 'The identifier of the field setting; 0 for a new one' }) DeliverySettingUID?: number;
  @UidProperty({ description: 'The delivery method (read from the request; ignored)' }) DeliveryUID?: number;
  @BoolProperty({ example: false, description: 'Should the setting be removed' }) Delete?: boolean;
  @TextProperty(200, { description: 'Value format string' }) Format?: string;
  @SeedEnumProperty(DELIVERY_FIELD_TYPE, { optional: true, description: 'Static Value (0), Lead Field (1), Special Field (2), Custom Expr (3), Sub-String (4), String Concatenation (5), Client Field (6), Lead Source Field (7), Evaluate Function (8)' })
  FieldType?: DeliveryFieldType;
  @TextProperty(200, { example: 'first_name', description: 'Outbound name to send' }) FieldName?: string;
  @TextProperty(4000, { description: 'Value of the mapping' }) Value?: string;
  @IsOptional()
  @ValidateBy(
    { name: 'isLeadFieldUid', validator: { validate: (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= INT4_MAX) || (typeof v === 'string' && /^\s*\d{0,10}\s*$/.test(v)) } },
    { message: ({ property }) => `${property} must be a lead field identifier (a non-negative integer)` },
  )
  @ApiProperty({ required: false, oneOf: [{ type: 'integer' }, { type: 'string' }], example: 0, description: 'Identifier of the lead field if needed' })
  LeadFieldUID?: number | string;
  @TextProperty(2000, { description: 'Calculated or regular expression used to generate value' }) Expr?: string;
  @BoolProperty({ example: false, description: 'Field setting has value mapping settings' }) hasMap?: boolean;
  @ApiProperty({ type: [FieldMappingDto], required: false })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => FieldMappingDto)
  FieldMappings?: FieldMappingDto[];
  @ApiProperty({ type: [FieldMappingDto], required: false, description: 'The seed table\'s name for FieldMappings' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => FieldMappingDto)
  Mappings?: FieldMappingDto[];
}

export class DeliveryDayDto implements DeliveryDayInput {
  @UidProperty({ description: 'The identifier of the delivery day setting; 0 for a new one' }) DeliveryDayUID?: number;
  @UidProperty({ description: 'Parent delivery method (ignored)' }) DeliveryUID?: number;
  @IntProperty(0, 6, { description: '0 = Sunday ... 6 = Saturday' }) WeekDay?: number;
  @TextProperty(40, { example: null, description: 'For a rule on one date (YYYY-MM-DD or a date-time); null for a weekly rule' }) StaticDate?: string | null;
  @TextProperty(40, { example: '08:00', description: 'Start time (HH:mm or a date-time whose clock time is used), client local time' }) StartTime?: string | null;
  @TextProperty(40, { example: '18:00', description: 'End time, client local time' }) EndTime?: string | null;
  @BoolProperty({ description: 'Should delivery be allowed' }) Allow?: boolean;
}

/** Create or Modify Delivery Method (seed 003). Absent properties keep their value on modify. */
export class DeliveryMethodDto {
  @UidProperty({ description: 'The identifier for the delivery method; 0 for a new one' }) ClientDeliveryUID?: number;
  @UidProperty({ description: 'The identifier for the client (must match the path, or 0)' }) ClientUID?: number;
  @SeedEnumProperty(DELIVERY_TYPE, {
    optional: true,
    description:
      'HTTP POST (0), HTTP GET (1), XML / JSON (2), SalesExec (3), FTP (4), E-Mail (5), CSV Attachment (6), SOAP (7), Internal System (8), PING/POST (9), Batch Email File Delivery (10), SMS Notification (11)',
  })
  Type?: DeliveryType;
  @TextProperty(200, { example: 'Buyer API', description: 'The name of the delivery method' }) Name?: string;
  @BoolProperty({ description: 'Is the delivery enabled' }) Status?: boolean;
  @TextProperty(40, { example: '2020-08-25T21:54:05.844Z', description: 'Set by the server; ignored' }) DateAdded?: string;
  @BoolProperty({ example: false, description: 'Use test values where available' }) inTesting?: boolean;
  @UidProperty({ description: 'The lead type assigned to this delivery' }) LeadTypeUID?: number;
  @TextProperty(200_000, { description: 'The XML or JSON schema' }) XML?: string;
  @TextProperty(200_000, { description: 'The template of the outbound email' }) EmailTemplate?: string;
  @TextProperty(1000, { description: 'The template of the outbound email subject' }) EmailSubject?: string;
  @TextProperty(200, { description: 'FTP username' }) FTPUser?: string;
  @TextProperty(500, { description: 'FTP password: stored sealed, never answered; empty or absent keeps the stored one' }) FTPPassword?: string;
  @TextProperty(1000, { description: 'FTP file path' }) FTPPath?: string;
  @TextProperty(2000, { description: 'The To address of outbound email' }) EmailAddress?: string;
  @BoolProperty({ example: false, description: 'ResponseSearch is a regular expression' }) useRegEx?: boolean;
  @TextProperty(2000, { example: 'success', description: 'What the buyer\'s response must contain for the lead to count as sold' }) ResponseSearch?: string;
  @TextProperty(2048, { example: 'https://buyer.example.com/leads', description: 'The URL (or FTP server) the lead is sent to; checked against SSRF' }) DeliveryAddress?: string;
  @TextProperty(300, { description: 'SMTP server (host[:port]); checked against SSRF' }) SMTPServer?: string;
  @BoolProperty({ example: false, description: 'Does the SMTP server require authentication' }) SMTPAuth?: boolean;
  @TextProperty(200, { description: 'SMTP username' }) SMTPUsername?: string;
  @TextProperty(500, { description: 'SMTP password: stored sealed, never answered; empty or absent keeps the stored one' }) SMTPPassword?: string;
  @TextProperty(2000, { description: 'From address of outbound emails' }) fAddress?: string;
  @TextProperty(2000, { description: 'To address of outbound emails' }) tAddress?: string;
  @BoolProperty({ example: false, description: 'Send a notification email after delivery (deprecated)' }) EmailNotify?: boolean;
  @TextProperty(2000, { description: 'Copy-to of outbound emails' }) NotifyCC?: string;
  @TextProperty(2000, { description: 'Blind copy of outbound emails' }) NotifyBCC?: string;
  @TextProperty(2000, { description: 'Notification email address (deprecated)' }) NotifyEmail?: string;
  @UidProperty({ description: 'The lead category to assign the leads to' }) LeadCatUID?: number;
  @TextProperty(2000, { description: '(deprecated)' }) ClientEmail?: string;
  @ApiProperty({ type: [FieldSettingDto], required: false, description: 'Field mappings; each follows its Delete flag, absent ones are kept' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => FieldSettingDto)
  FieldSettings?: FieldSettingDto[];
  @ApiProperty({ type: [FieldSettingDto], required: false, description: 'The seed table\'s name for FieldSettings' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => FieldSettingDto)
  Settings?: FieldSettingDto[];
  @ApiProperty({ type: [DeliveryDayDto], required: false, description: 'The whole delivery schedule when present (days left out are removed)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => DeliveryDayDto)
  DeliveryDays?: DeliveryDayDto[];
}
