import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional, ValidateNested } from 'class-validator';
import {
  CLIENT_OFFER_DURATION,
  CLIENT_OFFER_RESPONSE_FORMAT,
  CLIENT_OFFER_TYPE,
  ClientOfferDuration,
  ClientOfferInput,
  ClientOfferResponseFormat,
  ClientOfferType,
  MAX_OFFER_PATH_LENGTH,
  OfferField,
} from '@leadx/accounts-domain';
import { SeedEnumProperty } from '../../common/seed-enum.property';
import { BoolProperty, MoneyProperty, TextProperty, UidProperty } from './dto-properties';

const path = (example: string) => TextProperty(MAX_OFFER_PATH_LENGTH, { example });

/** Where each offer field is, relative to one offer matched by OffersPath. */
export class DynamicOfferFieldsDto implements Partial<Record<OfferField, string>> {
  @path('$.id') OfferId?: string;
  @path('$.buyer.name') CompanyName?: string;
  @path('$.buyer.phone') CompanyPhoneNumber?: string;
  @path('$.title') Name?: string;
  @path('$.description') Description?: string;
  @path('$.url') URL?: string;
  @path('$.logo') ImageURL?: string;
  @path('$.privacy') PrivacyURL?: string;
  @path('$.terms') TermsURL?: string;
  @path('$.period') Duration?: string;
  @path('$.price') Amount?: string;
  @path('$.tcpa') TCPAConsentText?: string;
  @path('$.tcpaRequired') CustomTCPATextRequired?: string;
}

export class DynamicOfferMappingDto {
  @SeedEnumProperty(CLIENT_OFFER_RESPONSE_FORMAT, { optional: true, description: 'JSON (JSONPath) or XML (XPath); default JSON' }) ResponseFormat?: ClientOfferResponseFormat;
  @path('$.offers[*]') OffersPath?: string;
  @ApiProperty({ type: DynamicOfferFieldsDto, required: false })
  @IsOptional()
  @ValidateNested()
  @Type(() => DynamicOfferFieldsDto)
  Fields?: DynamicOfferFieldsDto;
}

/** One 1-to-1 offer (seed 000). On a dynamic offer the static fields are defaults for what the answer lacks. */
export class ClientOfferDto implements ClientOfferInput {
  @UidProperty({ description: 'The offer; 0 for a new one' }) OfferUID?: number;
  @SeedEnumProperty(CLIENT_OFFER_TYPE, { optional: true, description: 'Static (default) or Dynamic (ping-post buyers)' }) Type?: ClientOfferType;
  @BoolProperty() Enabled?: boolean;
  @TextProperty(200, { example: 'Acme Insurance', description: 'Company buying and working the lead' }) CompanyName?: string;
  @TextProperty(40, { example: '800-555-0100', description: 'Business phone number' }) CompanyPhoneNumber?: string;
  @TextProperty(200, { example: 'Auto policy', description: 'Offer name' }) Name?: string;
  @TextProperty(4000, { description: 'Details of the offer' }) Description?: string;
  @TextProperty(2048, { example: 'https://acme.example.com', description: 'Company website URL' }) URL?: string;
  @TextProperty(2048, { description: 'Link to the company logo' }) ImageURL?: string;
  @TextProperty(2048, { description: 'Link to the company privacy policy' }) PrivacyURL?: string;
  @TextProperty(2048, { description: 'Link to the company terms and conditions' }) TermsURL?: string;
  @SeedEnumProperty(CLIENT_OFFER_DURATION, { optional: true, description: 'What Amount is per: Monthly (default) or Yearly' }) Duration?: ClientOfferDuration;
  @MoneyProperty({ example: 49.99, description: 'Cost of the offer to the consumer' }) Amount?: number;
  @TextProperty(10_000, { description: 'Company TCPA consent message' }) TCPAConsentText?: string;
  @BoolProperty({ example: false, description: 'The consumer must accept the company\'s own TCPA text' }) CustomTCPATextRequired?: boolean;
  @ApiProperty({ type: DynamicOfferMappingDto, required: false, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => DynamicOfferMappingDto)
  DynamicMapping?: DynamicOfferMappingDto | null;
}

export class ClientOffersDto {
  @ApiProperty({ type: [ClientOfferDto], description: 'The account\'s offers: OfferUID 0 creates, an offer left out is deleted' })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ClientOfferDto)
  Offers!: ClientOfferDto[];
}
