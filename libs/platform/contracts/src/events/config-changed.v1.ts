import { IsIn, IsString } from 'class-validator';

export const CONFIG_ENTITIES = [
  'lead_source',
  'campaign',
  'lead_type',
  'lead_type_field',
  'duplicate_set',
  'category',
  'client',
  'client_group',
  'client_field',
  'delivery_account',
  'delivery_method',
  'offer',
  'order',
  'distribution_list',
  'compliance_integration',
  'suppression_list',
  'api_key',
  'api_client',
] as const;
export type ConfigEntity = (typeof CONFIG_ENTITIES)[number];

/** Configuration changed through the Account API; services drop their cached copy. */
export class ConfigChangedV1 {
  declare readonly __topic: 'accounts.config.changed.v1';

  @IsIn(CONFIG_ENTITIES) entity!: ConfigEntity;
  @IsString() entityId!: string;
  @IsIn(['upserted', 'deleted']) change!: 'upserted' | 'deleted';

  static of(props: Omit<ConfigChangedV1, '__topic'>): ConfigChangedV1 {
    return Object.assign(new ConfigChangedV1(), props);
  }
}
