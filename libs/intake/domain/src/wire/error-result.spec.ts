import { xmlShape } from './fixtures/test-support';
import {
  buildErrorResult,
  ENDPOINT_KINDS,
  parseJsonRequest,
  parseXmlRequest,
  responseTypeForError,
  toJsonObject,
  toXml,
  WireError,
} from './index';

const error = (field: string | undefined, message = 'boom', code: WireError['code'] = 'invalid_field'): WireError =>
  field === undefined ? { code, message } : { code, field, message };

describe('responseTypeForError', () => {
  it.each([
    ['source', 'Vendor_ID_Missing'],
    ['source.vid', 'Vendor_ID_Missing'],
    ['source.lid', 'LeadType_ID_Missing'],
    ['source.aid', 'System_ID_Missing'],
    ['leads[3].properties.leadUID', 'System_ID_Missing'],
    ['leadUID', 'System_ID_Missing'],
    ['leads[0].fields.Email', 'Data_Errors'],
    ['leads', 'Data_Errors'],
    ['source.sendDelay', 'Data_Errors'],
    [undefined, 'Data_Errors'],
  ])('%s → %s', (field, type) => {
    expect(responseTypeForError(error(field))).toBe(type);
  });

  it('too large / malformed / unsupported without a field → Data_Errors', () => {
    for (const code of ['malformed', 'too_large', 'unsupported'] as const) expect(responseTypeForError(error(undefined, 'x', code))).toBe('Data_Errors');
  });
});

describe('buildErrorResult', () => {
  const e = error('source.vid', 'source.vid must be a number');

  it('general → LeadReceiverResult, or SendsReceiverResult when the campaign returns sends', () => {
    expect(buildErrorResult('general', e, 'req-1')).toEqual({
      kind: 'LeadReceiverResult',
      requestId: 'req-1',
      results: [
        { isValid: false, responseType: 'Vendor_ID_Missing', responseMessage: 'source.vid must be a number', leadId: 0, campaignId: 0, isPendingReview: false, price: 0 },
      ],
    });
    expect(buildErrorResult('general', e, 'req-1', { withSends: true })).toMatchObject({ kind: 'SendsReceiverResult', results: [{ isValid: false, sends: [] }] });
  });

  it.each([
    ['calldata', 'LeadReceiverResult'],
    ['update', 'LeadReceiverResult'],
    ['transfer', 'TransferReceiverResult'],
    ['ping', 'PingReceiverResult'],
    ['duplicate', 'DuplicateCheckResult'],
    ['status', 'LeadStatusResult'],
    ['acceptOffer', 'AcceptOfferResult'],
  ] as const)('%s → %s', (kind, resultKind) => {
    expect(buildErrorResult(kind, e, 'req-1').kind).toBe(resultKind);
  });

  it('ping: willAccept=false and the message in response (the ping result has no responseType)', () => {
    expect(toJsonObject(buildErrorResult('ping', e, 'req-2'))).toEqual({
      requestId: 'req-2',
      results: [{ willAccept: false, orderId: '', orderExpiresOn: null, estimatedPayout: 0, campaignId: 0, response: 'source.vid must be a number', offers: [] }],
    });
  });

  it('duplicate check: success=false and the message in response', () => {
    expect(toJsonObject(buildErrorResult('duplicate', e, 'req-3'))).toEqual({
      requestId: 'req-3',
      results: [{ success: false, isDuplicate: false, duplicateLeadId: 0, receivedOn: null, response: 'source.vid must be a number' }],
    });
  });

  it('transfer: isValid=false and no client', () => {
    expect(toJsonObject(buildErrorResult('transfer', error('leads[0].fields.Phone', 'bad phone'), 'r'))).toEqual({
      requestId: 'r',
      results: [{ isValid: false, responseType: 'Data_Errors', responseMessage: 'bad phone', leadId: 0, campaignId: 0, isPendingReview: false, price: 0, client: [] }],
    });
  });

  it('status and accept offer carry the message', () => {
    expect(toJsonObject(buildErrorResult('status', error('id', 'id is required'), 'abc'))).toMatchObject({
      requestId: 'abc',
      results: [{ isValid: false, rejectionReason: 'id is required', dateReceived: null }],
    });
    expect(toJsonObject(buildErrorResult('acceptOffer', error('offerId', 'offerId is required'), 'r'))).toEqual({ success: false, message: 'offerId is required' });
  });

  it('every endpoint kind serialises to JSON and to well-formed XML naming the field', () => {
    for (const kind of ENDPOINT_KINDS) {
      const result = buildErrorResult(kind, error('leads[0].fields.<Email>', 'leads[0].fields.<Email> & co must be a string'), 'r');
      expect(JSON.stringify(toJsonObject(result))).toContain('leads[0].fields.<Email> & co must be a string');
      const xml = toXml(result);
      expect(xml).toContain('leads[0].fields.&lt;Email&gt; &amp; co must be a string');
      expect(() => xmlShape(xml)).not.toThrow();
    }
  });

  it('end to end: a hostile XML body answered in XML', () => {
    const parsed = parseXmlRequest('general', '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><Leads/>');
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    const shape = xmlShape(toXml(buildErrorResult('general', parsed.error, 'req-9')));
    const post = shape.children[1].children[0];
    expect(shape.name).toBe('LeadReceiverResult');
    expect(post.children.slice(0, 3).map((c) => [c.name, c.text])).toEqual([
      ['IsValid', 'false'],
      ['ResponseType', 'Data_Errors'],
      ['ResponseMessage', parsed.error.message],
    ]);
  });

  it('end to end: a missing lead type id in JSON → LeadType_ID_Missing naming source.lid', () => {
    const parsed = parseJsonRequest('general', '{"source":{"vid":1},"leads":[{"fields":{}}]}');
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(toJsonObject(buildErrorResult('general', parsed.error, 'r'))).toMatchObject({
      results: [{ isValid: false, responseType: 'LeadType_ID_Missing', responseMessage: 'source.lid is required' }],
    });
  });
});
