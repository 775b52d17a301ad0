import { IntakeResponseType } from '../lead-intake/intake-decision';
import { SEED_RESPONSES } from './fixtures/seed-examples';
import { elementPaths, jsonKeyPaths, xmlShape, XmlShape } from './fixtures/test-support';
import {
  AcceptOfferResult,
  DuplicateCheckResult,
  LeadReceiverResult,
  LeadStatusResult,
  Offer,
  PingReceiverResult,
  PostResponse,
  RECEIVER_RESPONSE_TYPES,
  ReceiverResponseType,
  ReceiverResult,
  SendsReceiverResult,
  toJson,
  toJsonObject,
  toXml,
  TransferReceiverResult,
  XML_NAMESPACES,
} from './index';

// ---- results holding the seed's own example values -------------------------------------------------

/** The seed's examples leave responseType empty; only these tests write that (it is not a valid type). */
const SEED_BLANK_TYPE = '' as ReceiverResponseType;
const SEED_XML_REQUEST_ID = '929f4d31-5576-49b5-ae9b-606d94a475e2';

const seedOffer = (): Offer => ({
  offerId: '',
  companyName: '',
  companyPhoneNumber: '',
  name: '',
  description: '',
  type: 'Monthly',
  price: 0,
  url: '',
  tcpaInformation: { customTCPATextRequired: true, tcpaText: '', privacyURL: '', termsURL: '' },
});

const seedOutcome = () => ({
  isValid: true,
  responseType: SEED_BLANK_TYPE,
  responseMessage: '',
  leadId: 0,
  campaignId: 0,
  isPendingReview: false,
  price: 0,
});

const withOffers = (requestId: string): LeadReceiverResult => ({
  kind: 'LeadReceiverResult',
  requestId,
  results: [0, 1].map((): PostResponse => ({ ...seedOutcome(), offers: [seedOffer()] })),
});

const withoutOffers = (requestId: string): LeadReceiverResult => ({ kind: 'LeadReceiverResult', requestId, results: [seedOutcome(), seedOutcome()] });

const seedSend = () => ({ clientId: 0, clientName: '', redirectURL: '', valid: true, price: 0 });
const sends = (requestId: string, perResult: number): SendsReceiverResult => ({
  kind: 'SendsReceiverResult',
  requestId,
  results: [0, 1].map(() => ({ ...seedOutcome(), sends: Array.from({ length: perResult }, seedSend) })),
});

const seedClient = () => ({ clientId: 0, clientName: '', agentName: '', agentPhone: '' });
const transfer = (requestId: string, perResult: number): TransferReceiverResult => ({
  kind: 'TransferReceiverResult',
  requestId,
  results: [0, 1].map(() => ({ ...seedOutcome(), client: Array.from({ length: perResult }, seedClient) })),
});

const ping = (requestId: string, expires: Date | string): PingReceiverResult => ({
  kind: 'PingReceiverResult',
  requestId,
  results: [0, 1].map(() => ({ willAccept: true, orderId: '', orderExpiresOn: expires, estimatedPayout: 0, campaignId: 0, response: '', offers: [seedOffer()] })),
});

const duplicate = (requestId: string, receivedOn: Date | string): DuplicateCheckResult => ({
  kind: 'DuplicateCheckResult',
  requestId,
  results: [0, 1].map(() => ({ success: true, isDuplicate: true, duplicateLeadId: 0, receivedOn, response: '' })),
});

const status = (): LeadStatusResult => ({
  kind: 'LeadStatusResult',
  requestId: '',
  results: [
    ['2024-08-28T21:20:38.573Z', '2024-08-28T21:20:41.117Z'],
    ['2024-08-28T21:20:42.410Z', '2024-08-28T21:20:45.287Z'],
  ].map(([received, reviewed]) => ({
    leadId: 0,
    isValid: false,
    rejectionReason: '',
    campaignId: 0,
    dateReceived: new Date(received),
    qualityControlDetails: { isPendingReview: false, dateOfReview: new Date(reviewed), isQualityControlRejected: true, rejectionReason: '' },
    returnDetails: { isReturned: false, dateOfReturn: null, returnReason: '' },
  })),
});

const accept = (): AcceptOfferResult => ({ kind: 'AcceptOfferResult', success: true, message: 'Offer accepted' });

// ---- JSON ----------------------------------------------------------------------------------------------

describe('toJson matches the seed JSON examples (values and member order)', () => {
  const cases: Array<[string, ReceiverResult, string]> = [
    ['Create Lead', withOffers(''), SEED_RESPONSES.general.json],
    ['Create Lead and Return Send Information', sends('', 2), SEED_RESPONSES.sends.json],
    ['Create Call Transfer Lead', transfer('', 2), SEED_RESPONSES.transfer.json],
    ['Create Call Lead', withoutOffers(''), SEED_RESPONSES.calldata.json],
    ['Update Lead', withoutOffers(''), SEED_RESPONSES.update.json],
    ['Create Inbound PING (Date formatted without milliseconds)', ping('', new Date('2024-08-29T16:25:12Z')), SEED_RESPONSES.ping.json],
    ['Inbound Post', withOffers(''), SEED_RESPONSES.inboundPost.json],
    ['Duplicate Check', duplicate('', new Date('2024-08-29T16:25:12.000Z')), SEED_RESPONSES.duplicate.json],
    ['Lead Request Status (Dates with milliseconds, null date)', status(), SEED_RESPONSES.status.json],
    ['Mark Offer as Accepted', accept(), SEED_RESPONSES.acceptOffer.json],
  ];

  it.each(cases)('%s', (_name, result, seedJson) => {
    const mine: unknown = JSON.parse(toJson(result));
    const seed: unknown = JSON.parse(seedJson);
    expect(mine).toEqual(seed);
    expect(jsonKeyPaths(mine)).toEqual(jsonKeyPaths(seed));
  });

  it('leaves out the kind discriminant and omitted offers', () => {
    const result = withoutOffers('r');
    expect(Object.keys(toJsonObject(result))).toEqual(['requestId', 'results']);
    expect(toJson(result)).not.toContain('offers');
    expect(toJson(result)).not.toContain('kind');
  });

  it('writes non-finite numbers as 0 and invalid dates as null', () => {
    const result: PingReceiverResult = {
      kind: 'PingReceiverResult',
      requestId: 'r',
      results: [{ willAccept: false, orderId: '', orderExpiresOn: new Date('nope'), estimatedPayout: Number.NaN, campaignId: Infinity, response: '' }],
    };
    expect(toJsonObject(result)['results']).toEqual([{ willAccept: false, orderId: '', orderExpiresOn: null, estimatedPayout: 0, campaignId: 0, response: '' }]);
  });
});

// ---- XML -----------------------------------------------------------------------------------------------

/** Elements whose seed text is a placeholder the typed model cannot (or should not) reproduce. */
const SEED_PLACEHOLDERS = new Set(['OrderExpiresOn', 'Response', 'EstimatedPayout', 'IsDuplicate', 'ReceivedOn']);

function compareShapes(mine: XmlShape, seed: XmlShape, path = seed.name): void {
  expect(`${path}: ${mine.name} ${mine.uri}`).toBe(`${path}: ${seed.name} ${seed.uri}`);
  expect({ path, xmlns: mine.xmlns }).toEqual({ path, xmlns: seed.xmlns });
  if (!SEED_PLACEHOLDERS.has(seed.name)) expect({ path, text: mine.text }).toEqual({ path, text: seed.text });
  expect({ path, children: mine.children.map((c) => c.name) }).toEqual({ path, children: seed.children.map((c) => c.name) });
  mine.children.forEach((child, i) => compareShapes(child, seed.children[i], `${path}/${child.name}`));
}

describe('toXml matches the seed XML examples', () => {
  it.each([
    ['Create Lead', withOffers(SEED_XML_REQUEST_ID), SEED_RESPONSES.general.xml],
    ['Create Lead and Return Send Information', sends(SEED_XML_REQUEST_ID, 1), SEED_RESPONSES.sends.xml],
    ['Create Call Lead', withoutOffers(SEED_XML_REQUEST_ID), SEED_RESPONSES.calldata.xml],
    ['Inbound Post', withOffers(SEED_XML_REQUEST_ID), SEED_RESPONSES.inboundPost.xml],
  ] as Array<[string, ReceiverResult, string]>)('%s: byte for byte', (_name, result, seedXml) => {
    expect(toXml(result)).toBe(seedXml);
  });

  it.each([
    ['Create Lead', withOffers(SEED_XML_REQUEST_ID), SEED_RESPONSES.general.xml],
    ['Create Lead and Return Send Information', sends(SEED_XML_REQUEST_ID, 1), SEED_RESPONSES.sends.xml],
    ['Create Call Lead', withoutOffers(SEED_XML_REQUEST_ID), SEED_RESPONSES.calldata.xml],
    ['Create Inbound PING', ping(SEED_XML_REQUEST_ID, new Date('2024-08-29T16:25:12Z')), SEED_RESPONSES.ping.xml],
    ['Inbound Post', withOffers(SEED_XML_REQUEST_ID), SEED_RESPONSES.inboundPost.xml],
    ['Duplicate Check', duplicate(SEED_XML_REQUEST_ID, new Date('2024-08-29T16:25:12Z')), SEED_RESPONSES.duplicate.xml],
  ] as Array<[string, ReceiverResult, string]>)('%s: element names, order, namespaces and value formats', (_name, result, seedXml) => {
    compareShapes(xmlShape(toXml(result)), xmlShape(seedXml));
  });

  it('Create Call Transfer Lead: the seed\'s Sends/Send elements, then AgentName and AgentPhone', () => {
    const result = transfer(SEED_XML_REQUEST_ID, 1);
    result.results[0].client[0] = { clientId: 7, clientName: 'Acme', agentName: 'Ann', agentPhone: '5551234567' };
    const mine = elementPaths(xmlShape(toXml(result)));
    const seed = elementPaths(xmlShape(SEED_RESPONSES.transfer.xml));
    const send = 'TransferReceiverResult/Results/d2p1:PostTransferResponse/Sends/Send';
    expect(mine.filter((p) => !p.endsWith('/AgentName') && !p.endsWith('/AgentPhone'))).toEqual(seed);
    expect(mine.filter((p) => p.startsWith(`${send}/`)).slice(0, 7)).toEqual(
      ['ClientUID', 'ClientName', 'RedirectURL', 'Valid', 'Price', 'AgentName', 'AgentPhone'].map((n) => `${send}/${n}`),
    );
    const first = xmlShape(toXml(result)).children[1].children[0].children[7].children[0];
    expect(first.children.map((c) => [c.name, c.text])).toEqual([
      ['ClientUID', '7'],
      ['ClientName', 'Acme'],
      ['RedirectURL', ''],
      ['Valid', 'true'],
      ['Price', '0.0'],
      ['AgentName', 'Ann'],
      ['AgentPhone', '5551234567'],
    ]);
  });

  it('ping: XML has CampaignID before EstimatedPayout, JSON has estimatedPayout before campaignId (both as the seed)', () => {
    const result = ping('r', new Date('2024-08-29T16:25:12.345Z'));
    const names = xmlShape(toXml(result)).children[1].children[0].children.map((c) => c.name);
    expect(names).toEqual(['WillAccept', 'OrderID', 'OrderExpiresOn', 'CampaignID', 'EstimatedPayout', 'Response', 'Offers']);
    expect(Object.keys((toJsonObject(result)['results'] as Array<Record<string, unknown>>)[0])).toEqual([
      'willAccept',
      'orderId',
      'orderExpiresOn',
      'estimatedPayout',
      'campaignId',
      'response',
      'offers',
    ]);
    expect(toXml(result)).toContain('<OrderExpiresOn>2024-08-29T16:25:12Z</OrderExpiresOn>');
    expect(toXml(result)).toContain('<EstimatedPayout>0.0</EstimatedPayout>');
  });

  it('formats booleans and numbers as the seed does', () => {
    const result: LeadReceiverResult = {
      kind: 'LeadReceiverResult',
      requestId: 'r',
      results: [
        {
          ...seedOutcome(),
          isValid: false,
          responseType: 'Duplicate_Lead',
          leadId: 123456789,
          campaignId: 1234,
          price: 12,
          offers: [{ ...seedOffer(), price: 12, tcpaInformation: { ...seedOffer().tcpaInformation, customTCPATextRequired: false } }],
        },
        { ...seedOutcome(), price: 12.5, offers: [{ ...seedOffer(), price: 12.75 }] },
      ],
    };
    const xml = toXml(result);
    expect(xml).toContain('<IsValid>false</IsValid>');
    expect(xml).toContain('<ResponseType>Duplicate_Lead</ResponseType>');
    expect(xml).toContain('<LeadIdentifier>123456789</LeadIdentifier>');
    expect(xml).toContain('<CampaignIdentifier>1234</CampaignIdentifier>');
    expect(xml).toContain('<Price>12</Price>');
    expect(xml).toContain('<Price>12.0</Price>');
    expect(xml).toContain('<Price>12.5</Price>');
    expect(xml).toContain('<Price>12.75</Price>');
    expect(xml).toContain('<CustomTCPATextRequired>False</CustomTCPATextRequired>');
    expect(xml).toContain('<CustomTCPATextRequired>True</CustomTCPATextRequired>');
  });

  it('escapes every text value and round-trips it', () => {
    const nasty = `<Lead a="1"> & ' " ]]> &amp; <!DOCTYPE x> \r\n\t end`;
    const result: LeadReceiverResult = {
      kind: 'LeadReceiverResult',
      requestId: nasty,
      results: [{ ...seedOutcome(), responseMessage: nasty, offers: [{ ...seedOffer(), name: nasty, url: 'https://x.example/?a=1&b=2' }] }],
    };
    const xml = toXml(result);
    expect(xml).not.toContain('<Lead a=');
    expect(xml).not.toContain('<!DOCTYPE');
    const shape = xmlShape(xml);
    expect(shape.children[0].text).toBe(nasty);
    const post = shape.children[1].children[0];
    expect(post.children.find((c) => c.name === 'ResponseMessage')?.text).toBe(nasty);
    const offer = post.children.find((c) => c.name === 'Offers')?.children[0];
    expect(offer?.children.find((c) => c.name === 'Url')?.text).toBe('https://x.example/?a=1&b=2');
  });

  it('replaces characters XML cannot carry instead of writing a broken document', () => {
    const result: AcceptOfferResult = { kind: 'AcceptOfferResult', success: false, message: 'bad \u0000\u0007\uD800 value' };
    const shape = xmlShape(toXml(result));
    expect(shape.children[1].text).toBe('bad \uFFFD\uFFFD\uFFFD value');
  });

  it('writes a null date as i:nil and an empty collection as an empty element', () => {
    const result: PingReceiverResult = {
      kind: 'PingReceiverResult',
      requestId: 'r',
      results: [{ willAccept: false, orderId: '', orderExpiresOn: null, estimatedPayout: 0, campaignId: 0, response: 'No coverage', offers: [] }],
    };
    const xml = toXml(result);
    expect(xml).toContain('<OrderExpiresOn i:nil="true" />');
    expect(xml).toContain('<Offers />');
    const expires = xmlShape(xml).children[1].children[0].children[2];
    expect(expires).toMatchObject({ name: 'OrderExpiresOn', uri: XML_NAMESPACES.models, attrs: { 'i:nil': 'true' } });
  });

  it('omits Offers when the result has none', () => {
    expect(toXml(withoutOffers('r'))).not.toContain('Offers');
  });

  it('status and accept-offer (JSON-only in the seed) use the same envelope conventions', () => {
    const statusShape = xmlShape(toXml(status()));
    expect(statusShape).toMatchObject({ name: 'LeadStatusResult', uri: XML_NAMESPACES.models, xmlns: { 'xmlns:i': XML_NAMESPACES.i, xmlns: XML_NAMESPACES.models } });
    expect(elementPaths(statusShape).slice(0, 18)).toEqual([
      'LeadStatusResult',
      'LeadStatusResult/RequestId',
      'LeadStatusResult/Results',
      'LeadStatusResult/Results/d2p1:StatusResponse',
      ...[
        'LeadIdentifier',
        'IsValid',
        'RejectionReason',
        'CampaignIdentifier',
        'DateReceived',
        'QualityControlDetails',
        'QualityControlDetails/IsPendingReview',
        'QualityControlDetails/DateOfReview',
        'QualityControlDetails/IsQualityControlRejected',
        'QualityControlDetails/RejectionReason',
        'ReturnDetails',
        'ReturnDetails/IsReturned',
        'ReturnDetails/DateOfReturn',
        'ReturnDetails/ReturnReason',
      ].map((p) => `LeadStatusResult/Results/d2p1:StatusResponse/${p}`),
    ]);
    expect(toXml(status())).toContain('<DateReceived>2024-08-28T21:20:38.573Z</DateReceived>');
    expect(toXml(status())).toContain('<DateOfReturn i:nil="true" />');
    const acceptShape = xmlShape(toXml(accept()));
    expect(acceptShape.children.map((c) => [c.name, c.text, c.uri])).toEqual([
      ['Success', 'true', XML_NAMESPACES.models],
      ['Message', 'Offer accepted', XML_NAMESPACES.models],
    ]);
  });

  it('pretty: false writes the same document on one line', () => {
    const compact = toXml(withOffers('r'), { pretty: false });
    expect(compact).not.toContain('\n');
    expect(xmlShape(compact)).toEqual(xmlShape(toXml(withOffers('r'))));
  });
});

describe('responseType enumeration', () => {
  it('is the seed list, in the seed order', () => {
    expect(RECEIVER_RESPONSE_TYPES).toEqual([
      'No_Error',
      'System_ID_Missing',
      'LeadType_ID_Missing',
      'Vendor_ID_Missing',
      'No_Account_Found',
      'Outside_Criteria',
      'Duplicate_Lead',
      'Account_Disabled',
      'Post_Over_Max',
      'Data_Errors',
    ]);
  });

  it('is the same union as the intake decision vocabulary', () => {
    // Compile-time: each type is assignable to the other.
    const fromWire: IntakeResponseType[] = [...RECEIVER_RESPONSE_TYPES];
    const toWire: ReceiverResponseType[] = fromWire.map((t: IntakeResponseType): ReceiverResponseType => t);
    expect(toWire).toHaveLength(10);
  });
});
