import { Body, Get, Header, Put, UseInterceptors } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ClientFieldsService, ClientFieldView } from '@leadx/accounts-data-access';
import { AccountApiController } from '../common/account-api.decorators';
import { notFound } from '../common/not-found';
import { ClientsErrorInterceptor } from './clients-error.interceptor';
import { ApiUidParam, UidParam } from './clients.params';
import { UpsertClientFieldDto } from './dto/client-field.dto';

@AccountApiController('Clients')
@UseInterceptors(ClientsErrorInterceptor)
export class ClientFieldsController {
  constructor(private readonly fields: ClientFieldsService) {}

  @Get('/v1/clients/fields')
  @ApiOperation({ summary: 'Available Fields for Clients' })
  list(): Promise<ClientFieldView[]> {
    return this.fields.list();
  }

  @Get('/v1/clients/fields/:ClientUID')
  @ApiUidParam('ClientUID', 'The client')
  @ApiOperation({ summary: 'Fields for Client', description: 'Every field with the client\'s value and its past values, newest first.' })
  @ApiNotFoundResponse({ description: 'Unknown ClientUID' })
  async ofClient(@UidParam('ClientUID', 'client') clientId: number): Promise<ClientFieldView[]> {
    const fields = await this.fields.ofClient(clientId);
    if (!fields) throw notFound('client', clientId);
    return fields;
  }
}

/** Extension: operators define the client fields that PATCH /v1/clients FieldData refers to. */
@AccountApiController('Client fields', { extension: true })
@UseInterceptors(ClientsErrorInterceptor)
export class ClientFieldDefinitionsController {
  constructor(private readonly fields: ClientFieldsService) {}

  @Put('/v1/clients/fields')
  @Header('Content-Type', 'application/json')
  @ApiOperation({ summary: 'Create / Modify Client Field', description: 'ClientFieldUID 0 creates; answers the field id. Enums, when given, replace the field\'s enums.' })
  @ApiOkResponse({ schema: { type: 'integer', example: 7 } })
  @ApiConflictResponse({ description: 'Another field has this Descriptor (any case)' })
  @ApiNotFoundResponse({ description: 'Unknown ClientFieldUID' })
  upsert(@Body() dto: UpsertClientFieldDto): Promise<number> {
    // FieldValue/PastValues (and each enum's ClientFieldUID) are answer-only: not passed on.
    const { FieldValue: _value, PastValues: _past, Enums, ...definition } = dto;
    return this.fields.upsert({
      ...definition,
      Enums: Enums?.map((e) => ({ ClientFieldEnumUID: e.ClientFieldEnumUID, Descriptor: e.Descriptor, Priority: e.Priority })),
    });
  }
}
