import { SEED_REQUESTS } from './fixtures/seed-examples';
import { fillJsonEllipsis, fillXmlEllipsis } from './fixtures/test-support';
import {
  BATCH_KINDS,
  parseJsonRequest,
  parseXmlRequest,
  WIRE_LIMITS,
  WireError,
  WireResult,
} from './index';

function ok<T>(r: WireResult<T>): T {
  if (!r.ok) throw new Error(`expected a parsed request, got ${JSON.stringify(r.error)}`);
  return r.value;
}

function err<T>(r: WireResult<T>): WireError {
  if (r.ok) throw new Error(`expected an error, got ${JSON.stringify(r.value)}`);
  return r.error;
}

/** The seed's templates use 0 / "" for every id; give them real ids. */
const jsonIds = (t: string): string => t.replace('"vid": 0', '"vid": 12').replace('"lid": 0', '"lid": 3').replace('"aid": 0', '"aid": 45');
const xmlIds = (t: string): string => t.replace('vid=""', 'vid="12"').replace('lid=""', 'lid="3"').replace('aid=""', 'aid="45"');
const EMAIL_JSON = '                "Email": "jane@example.com"';
const EMAIL_XML = '<Email>jane@example.com</Email>';

const json = (source: Record<string, unknown>, leads: unknown[]): string => JSON.stringify({ source, leads });
const lead = (properties: Record<string, unknown>, fields: Record<string, unknown> = { Email: 'a@b.c' }) => ({ properties, fields });

describe('JSON seed examples → normalised model', () => {
  it('Create Lead (general)', () => {
    const body = fillJsonEllipsis(jsonIds(SEED_REQUESTS.general.json), EMAIL_JSON);
    expect(ok(parseJsonRequest('general', body))).toEqual({
      kind: 'general',
      source: { vid: 12, lid: 3, aid: 45, sendDelay: 0 },
      leads: [{ properties: { noSell: false, offerIds: [] }, fields: { FirstName: '', LastName: '', Email: 'jane@example.com' } }],
    });
  });

  it('the literal seed template (ids 0) is refused: 0 means "not sent"', () => {
    const body = fillJsonEllipsis(SEED_REQUESTS.general.json, EMAIL_JSON);
    expect(err(parseJsonRequest('general', body))).toEqual({ code: 'invalid_field', field: 'source.vid', message: 'source.vid is required' });
  });

  it('Create Lead and Return Send Information (orderId)', () => {
    const body = fillJsonEllipsis(jsonIds(SEED_REQUESTS.generalWithOrder.json), EMAIL_JSON).replace('"orderId": ""', '"orderId": "ORD-77"');
    const value = ok(parseJsonRequest('general', body));
    expect(value.leads[0].properties).toEqual({ noSell: false, orderId: 'ORD-77', offerIds: [] });
  });

  it('Create Call Transfer Lead', () => {
    const body = fillJsonEllipsis(jsonIds(SEED_REQUESTS.transfer.json), EMAIL_JSON)
      .replace('"returnURL": ""', '"returnURL": "https://source.example.com/cb?x=1"')
      .replace('"sendDelay": 0.0', '"sendDelay": 1.5');
    expect(ok(parseJsonRequest('transfer', body))).toEqual({
      kind: 'transfer',
      source: { vid: 12, lid: 3, aid: 45, sendDelay: 1.5, returnURL: 'https://source.example.com/cb?x=1' },
      leads: [{ properties: { noSell: false, offerIds: [] }, fields: { FirstName: '', LastName: '', Email: 'jane@example.com' } }],
    });
  });

  it('Create Call Lead (calldata)', () => {
    const body = fillJsonEllipsis(jsonIds(SEED_REQUESTS.calldata.json), EMAIL_JSON)
      .replace('"ivrNumber": 0', '"ivrNumber": 8005551234')
      .replace('"callDuration": 0', '"callDuration": 125')
      .replace('"callResult": ""', '"callResult": "Sold"')
      .replace('"callDate": ""', '"callDate": "2024-08-29T16:25:12Z"')
      .replace('"recordingUrl": ""', '"recordingUrl": "https://rec.example.com/1.mp3"');
    expect(ok(parseJsonRequest('calldata', body)).leads[0].properties).toEqual({
      noSell: false,
      offerIds: [],
      ivrNumber: '8005551234',
      callDuration: 125,
      callResult: 'Sold',
      callDate: '2024-08-29T16:25:12Z',
      recordingUrl: 'https://rec.example.com/1.mp3',
    });
  });

  it('calldata: the seed template itself parses (ivrNumber 0, empty callResult) once ids are set', () => {
    const value = ok(parseJsonRequest('calldata', fillJsonEllipsis(jsonIds(SEED_REQUESTS.calldata.json), EMAIL_JSON)));
    expect(value.leads[0].properties).toEqual({ noSell: false, offerIds: [], ivrNumber: '0', callDuration: 0, callResult: '' });
  });

  it('Update Lead (leadUID, processDelivery)', () => {
    const body = fillJsonEllipsis(jsonIds(SEED_REQUESTS.update.json), EMAIL_JSON).replace('"leadUID": 0', '"leadUID": 987').replace('"processDelivery": false', '"processDelivery": true');
    expect(ok(parseJsonRequest('update', body))).toEqual({
      kind: 'update',
      source: { vid: 12, lid: 3 },
      leads: [{ properties: { leadUID: 987, processDelivery: true }, fields: { FirstName: '', LastName: '', Email: 'jane@example.com' } }],
    });
  });

  it('Update Lead without leadUID names the field', () => {
    const body = fillJsonEllipsis(jsonIds(SEED_REQUESTS.update.json), EMAIL_JSON);
    expect(err(parseJsonRequest('update', body))).toEqual({
      code: 'invalid_field',
      field: 'leads[0].properties.leadUID',
      message: 'leads[0].properties.leadUID is required',
    });
  });

  it('Create Inbound PING', () => {
    const body = fillJsonEllipsis(jsonIds(SEED_REQUESTS.ping.json), EMAIL_JSON).replace('"State": ""', '"State": "TX"').replace('"Zip": ""', '"Zip": "75001"');
    expect(ok(parseJsonRequest('ping', body))).toEqual({
      kind: 'ping',
      source: { vid: 12, lid: 3, aid: 45 },
      leads: [{ properties: {}, fields: { State: 'TX', Zip: '75001', Email: 'jane@example.com' } }],
    });
  });

  it('Inbound Post (orderId + offerIds, order kept)', () => {
    const body = fillJsonEllipsis(jsonIds(SEED_REQUESTS.inboundPost.json), EMAIL_JSON)
      .replace('"orderId": ""', '"orderId": "ORD-1"')
      .replace(/"offerIds": \[\s*"",\s*""\s*\]/, '"offerIds": ["b002", "a001"]');
    const value = ok(parseJsonRequest('general', body));
    expect(value.leads[0].properties).toEqual({ noSell: false, orderId: 'ORD-1', offerIds: ['b002', 'a001'] });
  });

  it('Inbound Post: the seed placeholders ["", ""] mean no offers selected', () => {
    const value = ok(parseJsonRequest('general', fillJsonEllipsis(jsonIds(SEED_REQUESTS.inboundPost.json), EMAIL_JSON)));
    expect(value.leads[0].properties.offerIds).toEqual([]);
  });

  it('Duplicate Check (aid required)', () => {
    const body = fillJsonEllipsis(jsonIds(SEED_REQUESTS.duplicate.json), '"Phone": "5551234567"');
    expect(ok(parseJsonRequest('duplicate', body))).toEqual({
      kind: 'duplicate',
      source: { vid: 12, lid: 3, aid: 45 },
      leads: [{ properties: {}, fields: { Email: '', Phone: '5551234567' } }],
    });
    const noAid = body.replace('"aid": 45', '"aid": 0');
    expect(err(parseJsonRequest('duplicate', noAid))).toEqual({ code: 'invalid_field', field: 'source.aid', message: 'source.aid is required' });
  });

  it('accepts the body as bytes (Buffer / Uint8Array)', () => {
    const body = fillJsonEllipsis(jsonIds(SEED_REQUESTS.general.json), EMAIL_JSON);
    expect(ok(parseJsonRequest('general', Buffer.from(body, 'utf8')))).toEqual(ok(parseJsonRequest('general', body)));
  });
});

describe('XML seed examples → normalised model', () => {
  it('Create Lead (general)', () => {
    const body = fillXmlEllipsis(xmlIds(SEED_REQUESTS.general.xml), EMAIL_XML);
    expect(ok(parseXmlRequest('general', body))).toEqual({
      kind: 'general',
      source: { vid: 12, lid: 3, aid: 45, sendDelay: 0 },
      leads: [{ properties: { noSell: false, offerIds: [] }, fields: { Email: 'jane@example.com' } }],
    });
  });

  it('the same lead in JSON and XML gives the same model', () => {
    const fromJson = ok(parseJsonRequest('general', json({ vid: 12, lid: 3, aid: 45 }, [lead({ reference: 'r-1', orderId: 'O1', offerIds: ['a001', 'b002'] }, { FirstName: 'Jane', Zip: '75001' })])));
    const fromXml = ok(
      parseXmlRequest('general', '<Leads vid="12" lid="3" aid="45"><Lead reference="r-1" orderID="O1" offerids="a001|b002"><FirstName>Jane</FirstName><Zip>75001</Zip></Lead></Leads>'),
    );
    expect(fromXml).toEqual(fromJson);
  });

  it.each([
    ['generalWithOrder', 'general'],
    ['transfer', 'transfer'],
  ] as const)('%s', (example, kind) => {
    const body = fillXmlEllipsis(xmlIds(SEED_REQUESTS[example].xml), EMAIL_XML);
    const value = ok(parseXmlRequest(kind, body));
    expect(value.kind).toBe(kind);
    expect(value.leads).toEqual([{ properties: { noSell: false, offerIds: [] }, fields: { Email: 'jane@example.com' } }]);
  });

  it('Create Call Lead: call data are child elements, not fields', () => {
    const body = fillXmlEllipsis(xmlIds(SEED_REQUESTS.calldata.xml), EMAIL_XML)
      .replace('<IVRNumber></IVRNumber>', '<IVRNumber>8005551234</IVRNumber>')
      .replace('<CallDuration></CallDuration>', '<CallDuration>125</CallDuration>')
      .replace('<CallResult></CallResult>', '<CallResult>Sold</CallResult>')
      .replace('<CallDate></CallDate>', '<CallDate>2024-08-29T16:25:12Z</CallDate>');
    expect(ok(parseXmlRequest('calldata', body)).leads).toEqual([
      {
        properties: { noSell: false, offerIds: [], ivrNumber: '8005551234', callDuration: 125, callResult: 'Sold', callDate: '2024-08-29T16:25:12Z' },
        fields: { Email: 'jane@example.com' },
      },
    ]);
  });

  it('Create Call Lead: an empty <CallDuration> is reported in XML terms', () => {
    const body = fillXmlEllipsis(xmlIds(SEED_REQUESTS.calldata.xml), EMAIL_XML).replace('<IVRNumber></IVRNumber>', '<IVRNumber>8005551234</IVRNumber>');
    expect(err(parseXmlRequest('calldata', body))).toEqual({
      code: 'invalid_field',
      field: 'leads[0].properties.callDuration',
      message: '<CallDuration> of <Lead> #1 is required',
    });
  });

  it('for other endpoints <IVRNumber> is an ordinary field', () => {
    const value = ok(parseXmlRequest('general', '<Leads vid="1" lid="2"><Lead><IVRNumber>800</IVRNumber></Lead></Leads>'));
    expect(value.leads[0].fields).toEqual({ IVRNumber: '800' });
  });

  it('Create Inbound PING', () => {
    const body = fillXmlEllipsis(xmlIds(SEED_REQUESTS.ping.xml), EMAIL_XML).replace('<State></State>', '<State>TX</State>').replace('<Zip></Zip>', '<Zip>75001</Zip>');
    expect(ok(parseXmlRequest('ping', body))).toEqual({
      kind: 'ping',
      source: { vid: 12, lid: 3, aid: 45 },
      leads: [{ properties: {}, fields: { State: 'TX', Zip: '75001', Email: 'jane@example.com' } }],
    });
  });

  it('Inbound Post: offerids="a001|b002" and orderID', () => {
    const body = fillXmlEllipsis(xmlIds(SEED_REQUESTS.inboundPost.xml), EMAIL_XML).replace('orderID=""', 'orderID="ORD-1"');
    expect(ok(parseXmlRequest('general', body)).leads[0].properties).toEqual({ noSell: false, orderId: 'ORD-1', offerIds: ['a001', 'b002'] });
  });

  it('Duplicate Check', () => {
    const body = fillXmlEllipsis(xmlIds(SEED_REQUESTS.duplicate.xml), '<Phone>5551234567</Phone>').replace('<Email></Email>', '<Email>a@b.c</Email>');
    expect(ok(parseXmlRequest('duplicate', body))).toEqual({
      kind: 'duplicate',
      source: { vid: 12, lid: 3, aid: 45 },
      leads: [{ properties: {}, fields: { Email: 'a@b.c', Phone: '5551234567' } }],
    });
  });

  it('Update (not in the seed for XML): leadUID and processDelivery as <Lead> attributes', () => {
    const value = ok(parseXmlRequest('update', '<Leads vid="12" lid="3"><Lead leadUID="987" processDelivery="true"><Email>x@y.z</Email></Lead></Leads>'));
    expect(value).toEqual({ kind: 'update', source: { vid: 12, lid: 3 }, leads: [{ properties: { leadUID: 987, processDelivery: true }, fields: { Email: 'x@y.z' } }] });
  });

  it('attribute names are matched ignoring case; the XML declaration and namespaces are allowed', () => {
    const body = `<?xml version="1.0" encoding="utf-8"?>
<Leads xmlns:i="http://www.w3.org/2001/XMLSchema-instance" VID="12" Lid="3" AID="45" SendDelay="2" ReturnUrl="https://cb.example.com/">
  <Lead Reference="r" OFFERIDS="a,b" OrderId="o" NOSELL="TRUE"><Email>a@b.c</Email><Phone i:nil="true" /></Lead>
</Leads>`;
    expect(ok(parseXmlRequest('general', body))).toEqual({
      kind: 'general',
      source: { vid: 12, lid: 3, aid: 45, sendDelay: 2, returnURL: 'https://cb.example.com/' },
      leads: [{ properties: { reference: 'r', noSell: true, orderId: 'o', offerIds: ['a', 'b'] }, fields: { Email: 'a@b.c', Phone: '' } }],
    });
  });

  it('the same attribute in two casings is refused', () => {
    expect(err(parseXmlRequest('general', '<Leads vid="1" lid="2"><Lead orderID="a" orderid="b"><E>x</E></Lead></Leads>'))).toEqual({
      code: 'invalid_field',
      field: 'leads[0].properties.orderId',
      message: 'attribute orderId of <Lead> #1 is given more than once (attribute orderID of <Lead> #1, attribute orderid of <Lead> #1); send it once',
    });
  });

  it('errors use XML terms in the message and the canonical path in field', () => {
    expect(err(parseXmlRequest('general', '<Leads vid="abc" lid="2"><Lead/></Leads>'))).toEqual({
      code: 'invalid_field',
      field: 'source.vid',
      message: 'attribute vid of <Leads> must be a number',
    });
    expect(err(parseXmlRequest('general', '<Leads vid="1"><Lead/></Leads>'))).toEqual({
      code: 'invalid_field',
      field: 'source.lid',
      message: 'attribute lid of <Leads> is required',
    });
  });

  it('a field element with child elements is refused, naming the field', () => {
    expect(err(parseXmlRequest('general', '<Leads vid="1" lid="2"><Lead><Address><Street>1</Street></Address></Lead></Leads>'))).toEqual({
      code: 'invalid_field',
      field: 'leads[0].fields.Address',
      message: '<Address> of <Lead> #1 must contain text, not elements',
    });
  });

  it('a repeated field element is refused', () => {
    const e = err(parseXmlRequest('general', '<Leads vid="1" lid="2"><Lead><Email>a</Email><Email>b</Email></Lead></Leads>'));
    expect(e).toMatchObject({ code: 'invalid_field', field: 'leads[0].fields.Email' });
  });

  it('the envelope must be <Leads> with <Lead> children only', () => {
    expect(err(parseXmlRequest('general', '<Lead vid="1" lid="2"/>'))).toMatchObject({ code: 'malformed', message: 'the root element must be <Leads>, not <Lead>' });
    expect(err(parseXmlRequest('general', '<Leads vid="1" lid="2"><Lead/><Foo/></Leads>'))).toMatchObject({ code: 'invalid_field', field: 'leads' });
    expect(err(parseXmlRequest('general', '<Leads vid="1" lid="2"></Leads>'))).toMatchObject({ code: 'invalid_field', field: 'leads' });
    expect(err(parseXmlRequest('general', '<Leads vid="1" lid="2"><Lead>stray<E>1</E></Lead></Leads>'))).toMatchObject({ code: 'invalid_field', field: 'leads[0]' });
  });

  it('field text is kept as sent, entities decoded', () => {
    const value = ok(parseXmlRequest('general', '<Leads vid="1" lid="2"><Lead><Name> O&apos;Neil &amp; Sons &#65; </Name></Lead></Leads>'));
    expect(value.leads[0].fields).toEqual({ Name: " O'Neil & Sons A " });
  });
});

describe('JSON types and coercions', () => {
  const general = (source: Record<string, unknown>, leads: unknown[] = [lead({})]) => parseJsonRequest('general', json(source, leads));

  it('ids: JSON numbers or digit strings', () => {
    expect(ok(general({ vid: '12', lid: ' 3 ', aid: '' })).source).toEqual({ vid: 12, lid: 3, sendDelay: 0 });
  });

  it.each([
    [{ vid: 'abc', lid: 3 }, 'source.vid', 'source.vid must be a number'],
    [{ vid: true, lid: 3 }, 'source.vid', 'source.vid must be a number'],
    [{ vid: { a: 1 }, lid: 3 }, 'source.vid', 'source.vid must be a number'],
    [{ vid: 1.5, lid: 3 }, 'source.vid', 'source.vid must be a positive whole number'],
    [{ vid: -4, lid: 3 }, 'source.vid', 'source.vid must be a positive whole number'],
    [{ vid: 1, lid: '3.5' }, 'source.lid', 'source.lid must be a positive whole number'],
    [{ vid: 1, lid: 2 ** 53 + 2 }, 'source.lid', 'source.lid is out of range'],
    [{ vid: 1, lid: 2, aid: [] }, 'source.aid', 'source.aid must be a number'],
    [{ lid: 2 }, 'source.vid', 'source.vid is required'],
    [{ vid: 1, lid: null }, 'source.lid', 'source.lid is required'],
    [{ vid: 1, lid: 2, sendDelay: 'soon' }, 'source.sendDelay', 'source.sendDelay must be a number'],
    [{ vid: 1, lid: 2, sendDelay: -1 }, 'source.sendDelay', 'source.sendDelay must be between 0 and 8760 hours'],
    [{ vid: 1, lid: 2, returnURL: 'ftp://x.example.com' }, 'source.returnURL', 'source.returnURL must be an absolute http or https URL'],
    [{ vid: 1, lid: 2, returnURL: 'not a url' }, 'source.returnURL', 'source.returnURL must be an absolute http or https URL'],
    [{ vid: 1, lid: 2, returnURL: 5 }, 'source.returnURL', 'source.returnURL must be an absolute http or https URL'],
  ])('source %j → %s', (source, field, message) => {
    expect(err(general(source))).toEqual({ code: 'invalid_field', field, message });
  });

  it('member names are matched ignoring case, an exact-case member wins', () => {
    const body = JSON.stringify({ Source: { VID: 12, Lid: '3', vid: 7 }, LEADS: [{ Properties: { NoSell: 'true', OrderID: 'o' }, Fields: { email: 'x' } }] });
    const value = ok(parseJsonRequest('general', body));
    expect(value.source).toEqual({ vid: 7, lid: 3, sendDelay: 0 });
    expect(value.leads[0]).toEqual({ properties: { noSell: true, orderId: 'o', offerIds: [] }, fields: { email: 'x' } });
  });

  it('two casings of a member without an exact match are refused', () => {
    expect(err(parseJsonRequest('general', JSON.stringify({ source: { Vid: 1, VID: 2, lid: 3 }, leads: [lead({})] })))).toMatchObject({
      code: 'invalid_field',
      field: 'source.vid',
    });
  });

  it('field values: strings kept, numbers and booleans written as text, null as empty', () => {
    const value = ok(general({ vid: 1, lid: 2 }, [lead({}, { a: 'x ', b: 5, c: 1.25, d: true, e: false, f: null, g: '' })]));
    expect(value.leads[0].fields).toEqual({ a: 'x ', b: '5', c: '1.25', d: 'true', e: 'false', f: '', g: '' });
  });

  it.each([
    [{ Address: { street: 'x' } }, 'leads[0].fields.Address', 'leads[0].fields.Address must be a string, number or boolean, not an object'],
    [{ Tags: ['a'] }, 'leads[0].fields.Tags', 'leads[0].fields.Tags must be a string, number or boolean, not a list'],
    [{ Id: 1e19 }, 'leads[0].fields.Id', 'leads[0].fields.Id is a number too large to keep exactly; send it as a string'],
  ])('field %j is refused', (fields, field, message) => {
    expect(err(general({ vid: 1, lid: 2 }, [lead({}, fields)]))).toEqual({ code: 'invalid_field', field, message });
  });

  it('properties: wrong types name the property', () => {
    expect(err(general({ vid: 1, lid: 2 }, [lead({ noSell: 'yes' })]))).toEqual({
      code: 'invalid_field',
      field: 'leads[0].properties.noSell',
      message: 'leads[0].properties.noSell must be true or false',
    });
    expect(err(general({ vid: 1, lid: 2 }, [lead({ reference: { x: 1 } })]))).toMatchObject({ field: 'leads[0].properties.reference' });
    expect(err(general({ vid: 1, lid: 2 }, [lead({ offerIds: 'a001' })]))).toEqual({
      code: 'invalid_field',
      field: 'leads[0].properties.offerIds',
      message: 'leads[0].properties.offerIds must be a list of offer ids',
    });
    expect(err(general({ vid: 1, lid: 2 }, [lead({ offerIds: [{}] })]))).toMatchObject({ field: 'leads[0].properties.offerIds' });
  });

  it('structure errors name the member', () => {
    expect(err(parseJsonRequest('general', '{"leads": []}'))).toEqual({ code: 'invalid_field', field: 'source', message: 'source is required' });
    expect(err(parseJsonRequest('general', '{"source": 5, "leads": []}'))).toEqual({ code: 'invalid_field', field: 'source', message: 'source must be an object, not a number' });
    expect(err(parseJsonRequest('general', '{"source": {"vid":1,"lid":2}}'))).toEqual({ code: 'invalid_field', field: 'leads', message: 'leads is required' });
    expect(err(parseJsonRequest('general', '{"source": {"vid":1,"lid":2}, "leads": {}}'))).toMatchObject({ field: 'leads', message: 'leads must be a list of leads, not an object' });
    expect(err(parseJsonRequest('general', '{"source": {"vid":1,"lid":2}, "leads": []}'))).toMatchObject({ field: 'leads', message: 'leads must contain at least one lead' });
    expect(err(parseJsonRequest('general', '{"source": {"vid":1,"lid":2}, "leads": [7]}'))).toMatchObject({ field: 'leads[0]', message: 'leads[0] must be an object, not a number' });
    expect(err(parseJsonRequest('general', '{"source": {"vid":1,"lid":2}, "leads": [{}]}'))).toMatchObject({ field: 'leads[0].fields', message: 'leads[0].fields is required' });
    expect(err(parseJsonRequest('general', '{"source": {"vid":1,"lid":2}, "leads": [{"fields": [], "properties": {}}]}'))).toMatchObject({
      field: 'leads[0].fields',
    });
    expect(err(parseJsonRequest('general', '{"source": {"vid":1,"lid":2}, "leads": [{"fields": {}, "properties": "x"}]}'))).toMatchObject({
      field: 'leads[0].properties',
    });
  });

  it('unknown members are ignored', () => {
    const value = ok(parseJsonRequest('ping', JSON.stringify({ source: { vid: 1, lid: 2, extra: { deep: 1 } }, leads: [lead({ foo: [1] })], meta: 1 })));
    expect(value.source).toEqual({ vid: 1, lid: 2 });
  });

  it('calldata: required call properties and their types', () => {
    const base = { ivrNumber: '(800) 555-1234', callDuration: '60', callResult: 'Answered' };
    const calldata = (props: Record<string, unknown>) => parseJsonRequest('calldata', json({ vid: 1, lid: 2 }, [lead(props)]));
    expect(ok(calldata(base)).leads[0].properties).toMatchObject({ ivrNumber: '(800) 555-1234', callDuration: 60, callResult: 'Answered' });
    expect(err(calldata({ ...base, ivrNumber: undefined }))).toMatchObject({ field: 'leads[0].properties.ivrNumber', message: 'leads[0].properties.ivrNumber is required' });
    expect(err(calldata({ ...base, ivrNumber: 'call me' }))).toMatchObject({ message: 'leads[0].properties.ivrNumber must be a phone number' });
    expect(err(calldata({ ...base, callDuration: 1.5 }))).toMatchObject({ message: 'leads[0].properties.callDuration must be a whole number of seconds' });
    expect(err(calldata({ ...base, callResult: undefined }))).toMatchObject({ field: 'leads[0].properties.callResult' });
    expect(err(calldata({ ...base, callDate: '2024-02-30' }))).toMatchObject({ message: 'leads[0].properties.callDate is not a valid date' });
    expect(err(calldata({ ...base, callDate: 'yesterday' }))).toMatchObject({ field: 'leads[0].properties.callDate' });
    expect(ok(calldata({ ...base, callDate: '8/29/2024 4:25 PM' })).leads[0].properties.callDate).toBe('8/29/2024 4:25 PM');
    expect(err(calldata({ ...base, recordingUrl: 'javascript:alert(1)' }))).toMatchObject({ field: 'leads[0].properties.recordingUrl' });
  });

  it('unknown request kinds are refused, not thrown', () => {
    expect(err(parseJsonRequest('bogus' as 'general', '{}'))).toMatchObject({ code: 'unsupported' });
    expect(err(parseXmlRequest('bogus' as 'general', '<Leads/>'))).toMatchObject({ code: 'unsupported' });
  });

  it('every batch kind parses a minimal valid request in both formats', () => {
    for (const kind of BATCH_KINDS) {
      const props = kind === 'update' ? { leadUID: 5 } : kind === 'calldata' ? { ivrNumber: 1, callDuration: 1, callResult: 'x' } : {};
      const attrs = kind === 'update' ? ' leadUID="5"' : '';
      const children = kind === 'calldata' ? '<IVRNumber>1</IVRNumber><CallDuration>1</CallDuration><CallResult>x</CallResult>' : '';
      expect(ok(parseJsonRequest(kind, json({ vid: 1, lid: 2, aid: 3 }, [lead(props)]))).kind).toBe(kind);
      expect(ok(parseXmlRequest(kind, `<Leads vid="1" lid="2" aid="3"><Lead${attrs}>${children}<Email>a@b.c</Email></Lead></Leads>`)).kind).toBe(kind);
    }
  });
});

describe('lp_consent_bids (seed 001) as an alias of offerIds', () => {
  const post = (properties: Record<string, unknown>, fields: Record<string, unknown> = { Email: 'a@b.c' }) =>
    parseJsonRequest('general', json({ vid: 1, lid: 2 }, [lead(properties, fields)]));

  it('as a lead field (how Lead Prosper posts it): becomes offerIds and leaves the fields', () => {
    const value = ok(post({}, { Email: 'a@b.c', lp_consent_bids: 'bid-3,bid-1|bid-2' }));
    expect(value.leads[0].properties.offerIds).toEqual(['bid-3', 'bid-1', 'bid-2']);
    expect(value.leads[0].fields).toEqual({ Email: 'a@b.c' });
  });

  it('as a JSON list in fields or properties', () => {
    expect(ok(post({}, { lp_consent_bids: ['b', 'a'] })).leads[0].properties.offerIds).toEqual(['b', 'a']);
    expect(ok(post({ lp_consent_bids: ['b', 'a', 'b'] })).leads[0].properties.offerIds).toEqual(['b', 'a']);
  });

  it('in XML as an attribute or a field element', () => {
    const attr = ok(parseXmlRequest('general', '<Leads vid="1" lid="2"><Lead lp_consent_bids="x|y"><Email>a</Email></Lead></Leads>'));
    expect(attr.leads[0].properties.offerIds).toEqual(['x', 'y']);
    const element = ok(parseXmlRequest('general', '<Leads vid="1" lid="2"><Lead><Email>a</Email><lp_consent_bids>x,y</lp_consent_bids></Lead></Leads>'));
    expect(element.leads[0]).toEqual({ properties: { noSell: false, offerIds: ['x', 'y'] }, fields: { Email: 'a' } });
  });

  it('agreeing duplicates are fine, disagreeing ones are refused', () => {
    expect(ok(post({ offerIds: ['a', 'b'] }, { lp_consent_bids: 'a|b' })).leads[0].properties.offerIds).toEqual(['a', 'b']);
    expect(err(post({ offerIds: ['a', 'b'] }, { lp_consent_bids: 'b|a' }))).toEqual({
      code: 'invalid_field',
      field: 'leads[0].properties.offerIds',
      message: 'leads[0].properties.offerIds and leads[0].fields.lp_consent_bids list different offers; send the selected offer ids once',
    });
  });

  it('is an ordinary field for ping and duplicate check', () => {
    const value = ok(parseJsonRequest('ping', json({ vid: 1, lid: 2 }, [lead({}, { lp_consent_bids: 'a' })])));
    expect(value.leads[0].fields).toEqual({ lp_consent_bids: 'a' });
  });

  it('at most maxOfferIds offers', () => {
    const ids = Array.from({ length: WIRE_LIMITS.maxOfferIds + 1 }, (_, i) => `o${i}`);
    expect(err(post({ offerIds: ids }))).toMatchObject({ code: 'too_large', field: 'leads[0].properties.offerIds' });
  });
});

describe('limits', () => {
  it(`at most ${WIRE_LIMITS.maxLeadsPerRequest} leads per request`, () => {
    const leads = Array.from({ length: WIRE_LIMITS.maxLeadsPerRequest }, () => lead({}));
    expect(ok(parseJsonRequest('general', json({ vid: 1, lid: 2 }, leads))).leads).toHaveLength(WIRE_LIMITS.maxLeadsPerRequest);
    expect(err(parseJsonRequest('general', json({ vid: 1, lid: 2 }, [...leads, lead({})])))).toMatchObject({ code: 'too_large', field: 'leads' });
    const xmlLeads = '<Lead><E>1</E></Lead>'.repeat(WIRE_LIMITS.maxLeadsPerRequest + 1);
    expect(err(parseXmlRequest('general', `<Leads vid="1" lid="2">${xmlLeads}</Leads>`))).toMatchObject({ code: 'too_large', field: 'leads' });
  });

  it(`at most ${WIRE_LIMITS.maxFieldsPerLead} fields per lead`, () => {
    const fields = Object.fromEntries(Array.from({ length: WIRE_LIMITS.maxFieldsPerLead + 1 }, (_, i) => [`f${i}`, 'x']));
    expect(err(parseJsonRequest('general', json({ vid: 1, lid: 2 }, [lead({}, fields)])))).toMatchObject({ code: 'too_large', field: 'leads[0].fields' });
    const xmlFields = Object.keys(fields).map((k) => `<${k}>x</${k}>`).join('');
    expect(err(parseXmlRequest('general', `<Leads vid="1" lid="2"><Lead>${xmlFields}</Lead></Leads>`))).toMatchObject({ code: 'too_large', field: 'leads[0].fields' });
  });

  it('field names and values have length limits', () => {
    const longName = 'n'.repeat(WIRE_LIMITS.maxFieldNameLength + 1);
    expect(err(parseJsonRequest('general', json({ vid: 1, lid: 2 }, [lead({}, { [longName]: 'x' })])))).toMatchObject({ code: 'invalid_field', field: 'leads[0].fields' });
    const longValue = 'v'.repeat(WIRE_LIMITS.maxFieldValueLength + 1);
    expect(err(parseJsonRequest('general', json({ vid: 1, lid: 2 }, [lead({}, { Notes: longValue })])))).toMatchObject({ code: 'too_large', field: 'leads[0].fields.Notes' });
    expect(err(parseJsonRequest('general', json({ vid: 1, lid: 2 }, [lead({}, { '': 'x' })])))).toMatchObject({ code: 'invalid_field', field: 'leads[0].fields' });
  });
});
