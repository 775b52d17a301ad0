import { CLIENT_STATUS, ClientStatus } from '@leadx/accounts-domain';
import { SeedEnumProperty } from '../../common/seed-enum.property';

export class UpdateClientStatusDto {
  @SeedEnumProperty(CLIENT_STATUS)
  Status!: ClientStatus;
}
