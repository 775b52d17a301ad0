import { applyFormat, DeliveryFieldSetting, renderFields, RenderContext } from './render-fields';
import { buildHttpRequest, readBuyerAnswer, responseMatches } from './build-request';
import { buildEmail, buildSmsText, toCsv, toE164 } from './build-message';
import { backoffMs, isRetryable } from '../retry/retry-policy';

const setting = (s: Partial<DeliveryFieldSetting> & Pick<DeliveryFieldSetting, 'fieldType' | 'fieldName'>): DeliveryFieldSetting => ({
  value: '', leadFieldName: null, format: '', expr: '', hasMap: false, mappings: [], ...s,
});

const ctx: RenderContext = {
  lead: { FirstName: 'Ada', LastName: 'Lovelace', State: 'tx', Phone: '(512) 555-0101', DOB: '1990-03-07', Income: '1234.5' },
  special: { LeadUID: '42', Price: '20.00' },
  client: { Name: 'Acme Buyers', ClientUID: '7' },
  leadSource: { Name: 'Web Forms' },
  testValues: { FirstName: 'Test' },
  inTesting: false,
};

const values = (settings: DeliveryFieldSetting[], c: RenderContext = ctx) => renderFields(settings, c).fields.map((f) => [f.name, f.value]);

describe('renderFields', () => {
  it('computes every FieldType', () => {
    const out = renderFields(
      [
        setting({ fieldType: 'Static Value', fieldName: 'vendor', value: 'leadx' }),
        setting({ fieldType: 'Lead Field', fieldName: 'first', leadFieldName: 'firstname' }),
        setting({ fieldType: 'Special Field', fieldName: 'id', value: 'LeadUID' }),
        setting({ fieldType: 'Custom Expr', fieldName: 'full', expr: 'upper(LastName) + ", " + FirstName' }),
        setting({ fieldType: 'Sub-String', fieldName: 'area', leadFieldName: 'Phone', expr: '1,3' }),
        setting({ fieldType: 'Sub-String', fieldName: 'tail', leadFieldName: 'LastName', expr: '4' }),
        setting({ fieldType: 'String Concatenation', fieldName: 'name', expr: '{FirstName} [LastName] #{LeadUID}' }),
        setting({ fieldType: 'Client Field', fieldName: 'buyer', value: 'name' }),
        setting({ fieldType: 'Lead Source Field', fieldName: 'src', value: 'Name' }),
        setting({ fieldType: 'Evaluate Function', fieldName: 'len', expr: 'len(FirstName) * 2' }),
      ],
      ctx,
    );
    expect(out.problems).toEqual([]);
    expect(out.fields.map((f) => [f.name, f.value])).toEqual([
      ['vendor', 'leadx'], ['first', 'Ada'], ['id', '42'], ['full', 'LOVELACE, Ada'], ['area', '512'], ['tail', 'lace'],
      ['name', 'Ada Lovelace #42'], ['buyer', 'Acme Buyers'], ['src', 'Web Forms'], ['len', '6'],
    ]);
  });

  it('maps values case-insensitively, and formats only what is not mapped', () => {
    const s = setting({ fieldType: 'Lead Field', fieldName: 'st', leadFieldName: 'State', hasMap: true, format: 'upper', mappings: [{ fieldValue: 'TX ', deliveryValue: 'Texas' }] });
    expect(values([s])).toEqual([['st', 'Texas']]);
    expect(values([s], { ...ctx, lead: { State: 'ok' } })).toEqual([['st', 'OK']]);
  });

  it('uses test values in testing only', () => {
    const s = setting({ fieldType: 'Lead Field', fieldName: 'first', leadFieldName: 'FirstName' });
    expect(values([s])).toEqual([['first', 'Ada']]);
    expect(values([s], { ...ctx, inTesting: true })).toEqual([['first', 'Test']]);
  });

  it('sends empty text and reports a problem for what it cannot compute', () => {
    const out = renderFields(
      [
        setting({ fieldType: 'Special Field', fieldName: 'x', value: 'Nope' }),
        setting({ fieldType: 'Custom Expr', fieldName: 'y', expr: 'constructor' }),
        setting({ fieldType: 'Sub-String', fieldName: 'z', leadFieldName: 'Phone', expr: 'abc' }),
      ],
      ctx,
    );
    expect(out.fields.map((f) => f.value)).toEqual(['', '', '']);
    expect(out.problems).toHaveLength(3);
  });

  it('never runs lead data as code', () => {
    const out = renderFields([setting({ fieldType: 'String Concatenation', fieldName: 'n', expr: '{FirstName}' })], {
      ...ctx, lead: { FirstName: '{LastName}', LastName: 'no' },
    });
    expect(out.fields[0].value).toBe('{LastName}');
  });
});

describe('applyFormat', () => {
  it.each([
    ['1234.5', '0.00', '1234.50'],
    ['1234.5', '#,##0.00', '1,234.50'],
    ['1234.5', 'N0', '1,235'],
    ['3', 'F2', '3.00'],
    ['1990-03-07', 'MM/dd/yyyy', '03/07/1990'],
    ['5125550101', '+1{0}', '+15125550101'],
    ['(512) 555-0101', 'digits', '5125550101'],
    ['', '0.00', ''],
    ['abc', '0.00', 'abc'],
  ])('%s with %s → %s', (value, format, expected) => {
    expect(applyFormat(value, format)).toBe(expected);
  });
});

describe('buildHttpRequest', () => {
  const fields = [{ name: 'first', value: 'A&"<b>' }, { name: 'id', value: '42' }];
  it('posts a form, or puts the fields in the query string', () => {
    expect(buildHttpRequest('HTTP_POST', 'http://b/x', '', fields)).toMatchObject({ method: 'POST', body: 'first=A%26%22%3Cb%3E&id=42' });
    expect(buildHttpRequest('HTTP_GET', 'http://b/x?k=1', '', fields)).toMatchObject({ method: 'GET', url: 'http://b/x?k=1&first=A%26%22%3Cb%3E&id=42' });
  });
  it('fills JSON and XML templates with escaped values, leaving unknown placeholders alone', () => {
    const json = buildHttpRequest('JSON', 'http://b', '{"lead": {"first": "{first}", "id": {id}, "arr": [1, 2], "other": "{unknown}"}}', fields);
    expect(JSON.parse(json.body ?? '')).toEqual({ lead: { first: 'A&"<b>', id: 42, arr: [1, 2], other: '{unknown}' } });
    const xml = buildHttpRequest('JSON', 'http://b', '<lead><first>[first]</first></lead>', fields);
    expect(xml.body).toBe('<lead><first>A&amp;&quot;&lt;b&gt;</first></lead>');
    expect(xml.headers['content-type']).toBe('application/xml');
    expect(JSON.parse(buildHttpRequest('JSON', 'http://b', '', fields).body ?? '')).toEqual({ first: 'A&"<b>', id: '42' });
  });
  it('posts SalesExec as a JSON object of the rendered fields, ignoring any template', () => {
    const req = buildHttpRequest('SALESEXEC', 'http://crm/leads', '<ignored/>', fields);
    expect(req).toMatchObject({ method: 'POST', url: 'http://crm/leads', headers: { 'content-type': 'application/json' } });
    expect(JSON.parse(req.body ?? '')).toEqual({ first: 'A&"<b>', id: '42' });
  });
  it('sends SOAP with its SOAPAction', () => {
    const soap = buildHttpRequest('SOAP', 'http://b', '<Envelope>{id}</Envelope>', [...fields, { name: 'SOAPAction', value: 'urn:Post' }]);
    expect(soap.headers).toMatchObject({ soapaction: '"urn:Post"', 'content-type': 'text/xml; charset=utf-8' });
    expect(soap.body).toBe('<Envelope>42</Envelope>');
  });
});

describe('responses', () => {
  it('matches ResponseSearch as text or as a safe pattern', () => {
    expect(responseMatches('{"result":"success"}', 'success', false).matched).toBe(true);
    expect(responseMatches('ok', 'success', false).matched).toBe(false);
    expect(responseMatches('<Result>Accepted 123</Result>', 'accepted \\d+', true).matched).toBe(true);
    expect(responseMatches('x', '(', true)).toMatchObject({ matched: false, error: expect.stringMatching(/pattern/) });
  });
  it('reads price and redirect from JSON or XML answers', () => {
    expect(readBuyerAnswer('{"Price":"12.5","redirect_url":"https://b.example/t"}')).toEqual({ price: 12.5, redirectUrl: 'https://b.example/t' });
    expect(readBuyerAnswer('<r><payout>7</payout><redirect>javascript:x</redirect></r>')).toEqual({ price: 7 });
    expect(readBuyerAnswer('nope')).toEqual({});
  });
  it('retries only what the buyer certainly did not take', () => {
    expect(isRetryable({ errorCode: 'ECONNREFUSED' })).toBe(true);
    expect(isRetryable({ status: 503 })).toBe(true);
    expect(isRetryable({ errorCode: 'TimeoutError' })).toBe(false);
    expect(isRetryable({ errorCode: 'ECONNRESET' })).toBe(false);
    expect(isRetryable({ status: 400 })).toBe(false);
    expect([1, 2, 3, 9].map((n) => backoffMs(n, 100))).toEqual([0, 100, 200, 5_000]);
  });
});

describe('messages', () => {
  const fields = [{ name: 'Name', value: 'Ada "A", L' }, { name: 'Formula', value: '=SUM(A1)' }, { name: 'to', value: 'ada@example.com' }];
  it('writes CSV with quoting and without spreadsheet formulas', () => {
    expect(toCsv(fields)).toBe(`Name,Formula,to\r\n"Ada ""A"", L",'=SUM(A1),ada@example.com\r\n`);
  });
  it('builds an email from templates, dropping what is not an address and line breaks in the subject', () => {
    const mail = buildEmail({ to: '{to}; not an address, b@example.org', cc: '', bcc: 'x@example.net', subject: 'Lead\r\nBcc: evil@x.com {Name}', template: '<p>{Name}</p>' }, fields);
    expect(mail).toEqual({ to: ['ada@example.com', 'b@example.org'], cc: [], bcc: ['x@example.net'], subject: 'Lead Bcc: evil@x.com Ada "A", L', html: '<p>Ada &quot;A&quot;, L</p>' });
    expect(buildEmail({ to: 'a@b.co', cc: '', bcc: '', subject: '', template: '' }, fields)).toMatchObject({ subject: 'New lead', text: 'Name: Ada "A", L\nFormula: =SUM(A1)\nto: ada@example.com' });
  });
  it('builds SMS text and E.164 numbers', () => {
    expect(buildSmsText('New lead: {Name}', fields)).toBe('New lead: Ada "A", L');
    expect(['(512) 555-0101', '+44 20 7946 0958', '12345'].map(toE164)).toEqual(['+15125550101', '+442079460958', null]);
  });
});
