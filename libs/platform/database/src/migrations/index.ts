import { CreatePlatformSchema1763900000000 } from './1763900000000-create-platform-schema';
import { CreateUsZipCodes1763900100000 } from './1763900100000-create-us-zip-codes';
import { CreateIntakeRequests1763900200000 } from './1763900200000-create-intake-requests';
import { AddCampaignRulesAndDuplicateSets1763900300000 } from './1763900300000-add-campaign-rules-and-duplicate-sets';
import { AddLeadKindAndProperties1763900400000 } from './1763900400000-add-lead-kind-and-properties';
import { CreateReturnCallbacks1763900500000 } from './1763900500000-create-return-callbacks';
import { CreateScheduledDistributions1763900600000 } from './1763900600000-create-scheduled-distributions';
import { AddDeliveryAccountAgent1763900700000 } from './1763900700000-add-delivery-account-agent';
import { CreateApiClients1763900800000 } from './1763900800000-create-api-clients';
import { AddClientAccounts1763900900000 } from './1763900900000-add-client-accounts';
import { CreateDeliveryMethodsAndOffers1763901000000 } from './1763901000000-create-delivery-methods-and-offers';
import { CreateOrdersAndDistributionLists1763901100000 } from './1763901100000-create-orders-and-distribution-lists';
import { CreateLeadAttachmentsAndDeletions1763901200000 } from './1763901200000-create-lead-attachments-and-deletions';
import { AddLeadSourceProfileAndCampaignCompliance1763901300000 } from './1763901300000-add-lead-source-profile-and-campaign-compliance';
import { AddLeadTypePropertiesAndCategories1763901400000 } from './1763901400000-add-lead-type-properties-and-categories';
import { CreateSendAttempts1763901500000 } from './1763901500000-create-send-attempts';
import { AddAssignmentOrderItem1763901600000 } from './1763901600000-add-assignment-order-item';

/** Every migration, oldest first. Add new ones at the end; never edit or reorder applied ones. */
export const MIGRATIONS = [
  CreatePlatformSchema1763900000000,
  CreateUsZipCodes1763900100000,
  CreateIntakeRequests1763900200000,
  AddCampaignRulesAndDuplicateSets1763900300000,
  AddLeadKindAndProperties1763900400000,
  CreateReturnCallbacks1763900500000,
  CreateScheduledDistributions1763900600000,
  AddDeliveryAccountAgent1763900700000,
  CreateApiClients1763900800000,
  AddClientAccounts1763900900000,
  CreateDeliveryMethodsAndOffers1763901000000,
  CreateOrdersAndDistributionLists1763901100000,
  CreateLeadAttachmentsAndDeletions1763901200000,
  AddLeadSourceProfileAndCampaignCompliance1763901300000,
  AddLeadTypePropertiesAndCategories1763901400000,
  CreateSendAttempts1763901500000,
  AddAssignmentOrderItem1763901600000,
];

