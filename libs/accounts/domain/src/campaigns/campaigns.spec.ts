import { CAMPAIGN_CHANNEL, CAMPAIGN_STATUS } from './campaign-enums';
import { campaignPricingProblems } from './campaign-pricing';
import { campaignRuleView, criterionProblem, mergeCampaignRules, StoredCampaignRule } from './campaign-rules';
import { checkComplianceRules, checkFieldMapping } from './compliance-settings';
import { LEAD_SOURCE_STATUS, normaliseLeadSourceUsername } from '../lead-sources/lead-source-enums';

const FIELDS = [
  { id: 11, name: 'State' },
  { id: 12, name: 'Zip' },
  { id: 13, name: 'Phone' },
  { id: 14, name: 'Age' },
];

describe('campaign and lead source enumerations', () => {
  it('reads seed numbers and names, and has no campaign status 0', () => {
    expect(CAMPAIGN_STATUS.parse(1)).toBe('Active');
    expect(CAMPAIGN_STATUS.parse('onhold')).toBe('OnHold');
    expect(CAMPAIGN_STATUS.parse(6)).toBe('Closed');
    expect(CAMPAIGN_STATUS.parse(0)).toBeUndefined();
    expect(LEAD_SOURCE_STATUS.parse(0)).toBe('Inactive');
    expect(LEAD_SOURCE_STATUS.parse(1)).toBe('Active');
    expect(LEAD_SOURCE_STATUS.parse(4)).toBe('Closed');
    expect(CAMPAIGN_CHANNEL.numberOf('PING/POST')).toBe(1);
    expect(normaliseLeadSourceUsername('  Acme ')).toBe('Acme');
    expect(normaliseLeadSourceUsername('   ')).toBeNull();
  });
});

describe('criterionProblem', () => {
  it('accepts well-formed rules of every shape', () => {
    expect(criterionProblem({ field: 'State', operator: 'In', value: 'TX|OK' })).toBeUndefined();
    expect(criterionProblem({ field: 'Age', operator: 'Between', value: '18|65' })).toBeUndefined();
    expect(criterionProblem({ field: 'State', operator: 'NotEqual', value: 'CA' })).toBeUndefined();
    expect(criterionProblem({ field: 'Zip', operator: 'Distance_Compare', value: '75001|50' })).toBeUndefined();
  });

  it('names what is wrong with a malformed rule', () => {
    expect(criterionProblem({ field: 'Age', operator: 'Greater', value: 'abc' })).toMatch(/needs a number/);
    expect(criterionProblem({ field: 'Age', operator: 'Between', value: '18' })).toMatch(/two numbers/);
    expect(criterionProblem({ field: 'State', operator: 'Equal', value: '' })).toMatch(/needs a value/);
    // A value that itself says "lead has no value" cannot fool the check.
    expect(criterionProblem({ field: 'Age', operator: 'Greater', value: 'x: lead has no value' })).toMatch(/needs a number/);
  });
});

describe('mergeCampaignRules', () => {
  const current: StoredCampaignRule[] = [
    { field: 'State', operator: 'In', value: 'TX|OK', ruleId: 5, leadFieldId: 11 },
    { field: 'Age', operator: 'Greater', value: '17', ruleId: 6, leadFieldId: 14 },
  ];

  it('adds (VendorRuleUID 0), changes, deletes, and keeps rules the request does not mention', () => {
    const { rules, problems } = mergeCampaignRules(
      current,
      [
        { VendorRuleUID: 0, LeadFieldUID: 12, Operator: 'distance_compare', Value: '75001|25' },
        { VendorRuleUID: 5, LeadFieldUID: 11, Operator: 'NotIn', Value: 'CA' },
        { VendorRuleUID: 0, LeadFieldUID: 0, Operator: 'Equal', Value: '', Delete: true },
      ],
      FIELDS,
    );
    expect(problems).toEqual([]);
    expect(rules).toEqual([
      { field: 'State', operator: 'NotIn', value: 'CA', ruleId: 5, leadFieldId: 11 },
      { field: 'Age', operator: 'Greater', value: '17', ruleId: 6, leadFieldId: 14 },
      { field: 'Zip', operator: 'Distance_Compare', value: '75001|25', ruleId: 0, leadFieldId: 12 },
    ]);
    const deleted = mergeCampaignRules(current, [{ VendorRuleUID: 6, Delete: true }], FIELDS);
    expect(deleted.rules.map((r) => r.ruleId)).toEqual([5]);
    expect(mergeCampaignRules(current, undefined, FIELDS).rules).toEqual(current);
  });

  it('takes numeric values (the seed types Value as integer) as text', () => {
    const { rules } = mergeCampaignRules([], [{ LeadFieldUID: 14, Operator: 'GreaterOrEqual', Value: 21 }], FIELDS);
    expect(rules[0]).toMatchObject({ field: 'Age', operator: 'GreaterOrEqual', value: '21' });
  });

  it('refuses unknown operators, fields, rule ids and malformed values, naming the item', () => {
    const { problems } = mergeCampaignRules(
      current,
      [
        { LeadFieldUID: 11, Operator: 'Like', Value: 'x' },
        { LeadFieldUID: 99, Operator: 'Equal', Value: 'x' },
        { VendorRuleUID: 77, LeadFieldUID: 11, Operator: 'Equal', Value: 'x' },
        { LeadFieldUID: 14, Operator: 'Between', Value: 'old|young' },
      ],
      FIELDS,
    );
    expect(problems.map((p) => p.field)).toEqual(['Rules[0].Operator', 'Rules[1].LeadFieldUID', 'Rules[2].VendorRuleUID', 'Rules[3].Value']);
    expect(problems[0].message).toMatch(/"Like" is not one of Equal/);
    expect(problems[3].message).toMatch(/two numbers/);
  });

  it('refuses kept rules whose field the (new) lead type lacks, and follows a renamed field by id', () => {
    const other = mergeCampaignRules(current, [], [{ id: 11, name: 'State' }]);
    expect(other.problems).toEqual([expect.objectContaining({ field: 'Rules', message: expect.stringMatching(/rule 6 checks "Age"/) })]);
    const renamed = mergeCampaignRules(current, [], [{ id: 11, name: 'StateCode' }, { id: 14, name: 'Age' }]);
    expect(renamed.rules[0].field).toBe('StateCode');
  });

  it('answers rules in the seed shape', () => {
    expect(campaignRuleView(current[0], 42, FIELDS)).toEqual({ VendorRuleUID: 5, VendorAccountUID: 42, LeadFieldUID: 11, Operator: 'In', Value: 'TX|OK', Delete: false });
  });
});

describe('campaign pricing', () => {
  it('refuses both revenue shares at once', () => {
    expect(campaignPricingProblems({ revenueSharePercentage: 10, revenueShareFlatRate: 2 })).toHaveLength(1);
    expect(campaignPricingProblems({ revenueSharePercentage: 10, revenueShareFlatRate: 0 })).toEqual([]);
    expect(campaignPricingProblems({ revenueSharePercentage: null, revenueShareFlatRate: 3 })).toEqual([]);
  });
});

describe('compliance settings', () => {
  it('maps lead fields to payload keys, requiring phone and zip', () => {
    const ok = checkFieldMapping('Integrations[0]', [{ LeadField: 'phone', PayloadField: 'Phone' }, { LeadField: 'Zip', PayloadField: 'zip' }, { LeadField: 'State', PayloadField: 'st' }], FIELDS);
    expect(ok.problems).toEqual([]);
    expect(ok.mapping).toEqual([{ leadField: 'Phone', payloadField: 'phone' }, { leadField: 'Zip', payloadField: 'zip' }, { leadField: 'State', payloadField: 'st' }]);

    const bad = checkFieldMapping('Integrations[0]', [{ LeadField: 'Nope', PayloadField: 'phone' }, { LeadField: 'Zip', PayloadField: 'apiToken' }, { LeadField: 'Zip', PayloadField: '1x' }], FIELDS);
    expect(bad.problems.map((p) => p.field)).toEqual([
      'Integrations[0].FieldMapping[0].LeadField',
      'Integrations[0].FieldMapping[1].PayloadField',
      'Integrations[0].FieldMapping[2].PayloadField',
      'Integrations[0].FieldMapping',
    ]);
    expect(bad.problems[3].message).toMatch(/to zip/);
  });

  it('reads criteria rules on status and reason with their action', () => {
    const ok = checkComplianceRules('I', [
      { Status: 'rejected', Reasons: ['inactive', 'DNC', 'TCPA_FLAG'], Action: 'reject' },
      { Status: 'Accepted', Reasons: ['SUPPRESSED'], Action: 'send to qc' },
      { Status: null, Action: 'Flag' },
    ]);
    expect(ok.problems).toEqual([]);
    expect(ok.rules).toEqual([
      { status: 'Rejected', reasons: ['INACTIVE', 'DNC', 'TCPA_FLAG'], action: 'Reject' },
      { status: 'Accepted', reasons: ['SUPPRESSED'], action: 'Send to QC' },
      { status: null, reasons: [], action: 'Flag' },
    ]);
    const bad = checkComplianceRules('I', [{ Status: 'Maybe', Reasons: ['DROP TABLE'], Action: 'Delete' }]);
    expect(bad.problems.map((p) => p.field)).toEqual(['I.Rules[0].Action', 'I.Rules[0].Status', 'I.Rules[0].Reasons[0]']);
  });
});
