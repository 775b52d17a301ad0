import { seedEnum } from '../seed-enum';

/**
 * Seed 003 campaign_status with its explicit numbers (1 = Active ... 6 = Closed; there is no 0).
 * The receiver takes leads on 'Active' campaigns only.
 */
export const CAMPAIGN_STATUS = seedEnum('campaign_status', ['Active', 'Inactive', 'Late', 'OnHold', 'Suspended', 'Closed'] as const, {
  Active: 1,
  Inactive: 2,
  Late: 3,
  OnHold: 4,
  Suspended: 5,
  Closed: 6,
});
export type CampaignStatus = (typeof CAMPAIGN_STATUS.names)[number];

/** Seed 003 Channel: Web = 0, PING/POST = 1, Phone = 2, Chat = 3. Answered as its number (the seed types it int). */
export const CAMPAIGN_CHANNEL = seedEnum('Channel', ['Web', 'PING/POST', 'Phone', 'Chat'] as const);
export type CampaignChannelName = (typeof CAMPAIGN_CHANNEL.names)[number];
