import { Body, Patch, Put, UseInterceptors } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { DeliveryMethodsService } from '@leadx/accounts-data-access';
import { DeliveryInputError, DeliveryMethodInput, FieldSettingInput } from '@leadx/accounts-domain';
import { AccountApiController } from '../common/account-api.decorators';
import { ApiPathUid, PathUid } from './delivery-params';
import { DeliveryErrorInterceptor } from './delivery-error.interceptor';
import { DeliveryMethodDto, FieldSettingDto } from './dto/delivery-method.dto';

/** Seed 003 "Delivery Methods": how a client's accounts receive leads. */
@AccountApiController('Delivery Methods')
@UseInterceptors(DeliveryErrorInterceptor)
export class DeliveryMethodsController {
  constructor(private readonly methods: DeliveryMethodsService) {}

  @Put('/v1/delivery/:ClientUID/methods')
  @ApiPathUid('ClientUID', 'The identifier of the client being modified')
  @ApiOperation({ summary: 'Create (ClientDeliveryUID 0) or Modify Delivery Method with field settings, mappings and delivery days; answers its id' })
  @ApiOkResponse({ schema: { type: 'integer', example: 123456 } })
  save(@PathUid('ClientUID', 'client') clientId: number, @Body() dto: DeliveryMethodDto): Promise<number> {
    return this.methods.save(clientId, methodInputOf(dto));
  }

  @Patch('/v1/delivery/methods/mappings/setdefault/:DeliveryUID')
  @ApiPathUid('DeliveryUID', 'The identifier of the delivery method')
  @ApiOperation({ summary: 'Set Default Mappings: one Lead Field setting per field of the method\'s lead type (replaces its field settings)' })
  @ApiOkResponse({ schema: { type: 'boolean', example: true } })
  setDefault(@PathUid('DeliveryUID', 'delivery method') methodId: number): Promise<true> {
    return this.methods.setDefaultMappings(methodId);
  }
}

/** Reads the seed table's Settings/Mappings as FieldSettings/FieldMappings (its example's names); both at once is ambiguous. */
function methodInputOf(dto: DeliveryMethodDto): DeliveryMethodInput {
  const { Settings, FieldSettings, DateAdded: _ignored, ...rest } = dto;
  if (Settings && FieldSettings) throw DeliveryInputError.of('Settings', 'Settings: send FieldSettings or Settings (the same list), not both');
  const settings = (FieldSettings ?? Settings)?.map((s, i) => settingInputOf(s, i));
  return { ...rest, FieldSettings: settings };
}

function settingInputOf(dto: FieldSettingDto, i: number): FieldSettingInput {
  const { Mappings, FieldMappings, DeliveryUID: _ignored, ...rest } = dto;
  if (Mappings && FieldMappings) throw DeliveryInputError.of(`FieldSettings[${i}].Mappings`, `FieldSettings[${i}]: send FieldMappings or Mappings, not both`);
  return { ...rest, FieldMappings: FieldMappings ?? Mappings };
}
