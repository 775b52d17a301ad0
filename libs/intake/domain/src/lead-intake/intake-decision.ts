/**
 * Pure decisions of lead intake: which responseType a lead earns before it is stored. The seed's
 * responseType list is the vocabulary (seed 002, results.responseType).
 */
export type IntakeResponseType =
  | 'No_Error'
  | 'System_ID_Missing'
  | 'LeadType_ID_Missing'
  | 'Vendor_ID_Missing'
  | 'No_Account_Found'
  | 'Outside_Criteria'
  | 'Duplicate_Lead'
  | 'Account_Disabled'
  | 'Post_Over_Max'
  | 'Data_Errors';

export interface IntakeCampaignView {
  id: number;
  leadSourceId: number;
  leadTypeId: number;
  status: string;
  leadPrice: number;
}

export interface IntakeRejection {
  responseType: Exclude<IntakeResponseType, 'No_Error'>;
  message: string;
}

/** Source ids as posted: `source.vid`, `source.lid`, `source.aid` (seed 002). */
export interface PostedSourceIds {
  vid?: number;
  lid?: number;
  aid?: number;
}

/** Checks the posted ids against the authenticated source and the campaign found for them. */
export function checkSourceIds(
  ids: PostedSourceIds,
  authenticatedSourceId: number,
  campaign: IntakeCampaignView | undefined,
): IntakeRejection | undefined {
  if (!ids.vid) return { responseType: 'Vendor_ID_Missing', message: 'source.vid is required' };
  if (!ids.lid) return { responseType: 'LeadType_ID_Missing', message: 'source.lid is required' };
  if (ids.vid !== authenticatedSourceId) {
    // The key belongs to another source: same answer as an unknown id, so ids can't be probed.
    return { responseType: 'No_Account_Found', message: `no campaign found for vid ${ids.vid}` };
  }
  if (!campaign) {
    const which = ids.aid ? `aid ${ids.aid}` : `lid ${ids.lid}`;
    return { responseType: 'No_Account_Found', message: `no campaign found for vid ${ids.vid} and ${which}` };
  }
  if (campaign.leadTypeId !== ids.lid) {
    return { responseType: 'No_Account_Found', message: `campaign ${campaign.id} does not take lead type ${ids.lid}` };
  }
  if (campaign.status !== 'Active') {
    return { responseType: 'Account_Disabled', message: `campaign ${campaign.id} is ${campaign.status}` };
  }
  return undefined;
}
