import { leadSearchCriteria, normaliseSearchPhone, normaliseSearchText, toSeedLeadSearchResult } from './lead-search';

describe('lead search criteria', () => {
  it.each(['5125550100', '+1 (512) 555-0100', '1-512-555-0100', '512.555.0100', '(512) 555-0100 x12', ' 512 555 0100 '])('phone %p → 5125550100', (raw) => {
    expect(normaliseSearchPhone(raw)).toBe('5125550100');
  });

  it('keeps other countries as their digits', () => {
    expect(normaliseSearchPhone('+44 7911 123456')).toBe('447911123456');
  });

  it('normalises addresses to words', () => {
    expect(normaliseSearchText('  123 Main St., Apt #4 ')).toBe('123 main st apt 4');
  });

  it('needs at least one criterion and ignores blank ones', () => {
    expect(leadSearchCriteria({})).toMatchObject({ ok: false, field: 'Email' });
    expect(leadSearchCriteria({ Email: ' ', Address: '', PrimaryPhone: null })).toMatchObject({ ok: false });
    expect(leadSearchCriteria({ Email: ' Ada@Example.COM ', PrimaryPhone: '' })).toEqual({ ok: true, criteria: { email: 'ada@example.com' } });
  });

  it('refuses a phone without enough digits and an address without words', () => {
    expect(leadSearchCriteria({ PrimaryPhone: 'call me' })).toMatchObject({ ok: false, field: 'PrimaryPhone' });
    expect(leadSearchCriteria({ Address: '###' })).toMatchObject({ ok: false, field: 'Address' });
  });

  it('answers the seed shape with the logged response or the receiver wording', () => {
    const row = { id: 7, createdAt: new Date('2024-01-02T03:04:05Z'), leadSourceId: 1, campaignId: 2, leadTypeId: 3, pendingReview: true, price: 4.5, responseMessage: null };
    expect(toSeedLeadSearchResult(row)).toEqual({
      DateReceived: '2024-01-02T03:04:05.000Z', IsValidPost: true, ResponseType: 'No_Error', ResponseDetails: 'Lead was accepted and is pending review',
      LeadIdentifier: 7, VID: 1, AID: 2, LID: 3, PendingQCReview: true, Price: 4.5,
    });
    expect(toSeedLeadSearchResult({ ...row, responseMessage: 'Lead was accepted' }).ResponseDetails).toBe('Lead was accepted');
  });
});
