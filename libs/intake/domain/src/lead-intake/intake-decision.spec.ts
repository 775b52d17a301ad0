import { checkSourceIds, IntakeCampaignView } from './intake-decision';

const campaign: IntakeCampaignView = { id: 7, leadSourceId: 3, leadTypeId: 2, status: 'Active', leadPrice: 5 };

describe('checkSourceIds', () => {
  it('accepts ids that match the authenticated source and an active campaign', () => {
    expect(checkSourceIds({ vid: 3, lid: 2, aid: 7 }, 3, campaign)).toBeUndefined();
  });
  it.each([
    [{ lid: 2 }, 'Vendor_ID_Missing'],
    [{ vid: 3 }, 'LeadType_ID_Missing'],
  ])('names the missing id %j', (ids, type) => {
    expect(checkSourceIds(ids, 3, campaign)?.responseType).toBe(type);
  });
  it('answers No_Account_Found for another source id, like an unknown one', () => {
    expect(checkSourceIds({ vid: 4, lid: 2 }, 3, campaign)).toEqual({
      responseType: 'No_Account_Found',
      message: 'no campaign found for vid 4',
    });
  });
  it('answers No_Account_Found when the campaign takes another lead type', () => {
    expect(checkSourceIds({ vid: 3, lid: 9, aid: 7 }, 3, campaign)?.responseType).toBe('No_Account_Found');
  });
  it('answers Account_Disabled for an inactive campaign', () => {
    expect(checkSourceIds({ vid: 3, lid: 2 }, 3, { ...campaign, status: 'Paused' })?.responseType).toBe('Account_Disabled');
  });
});
