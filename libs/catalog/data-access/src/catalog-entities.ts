import { CampaignComplianceIntegrationEntity } from './entities/campaign-compliance-integration.entity';
import { CampaignEntity } from './entities/campaign.entity';
import { ClientEntity } from './entities/client.entity';
import { DeliveryAccountEntity } from './entities/delivery-account.entity';
import { LeadSourceApiKeyEntity } from './entities/lead-source-api-key.entity';
import { LeadSourceEntity } from './entities/lead-source.entity';
import { LeadTypeFieldEntity } from './entities/lead-type-field.entity';
import { LeadTypeEntity } from './entities/lead-type.entity';

export const CATALOG_ENTITIES = [
  LeadSourceEntity,
  LeadSourceApiKeyEntity,
  LeadTypeEntity,
  LeadTypeFieldEntity,
  CampaignEntity,
  CampaignComplianceIntegrationEntity,
  ClientEntity,
  DeliveryAccountEntity,
];
