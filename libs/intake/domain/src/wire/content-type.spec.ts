import { formatFromAccept, formatFromContentType, parseRequest, serialise, WIRE_CONTENT_TYPES } from './index';

describe('formatFromContentType', () => {
  it.each([
    ['application/json', 'json'],
    ['application/json; charset=utf-8', 'json'],
    ['Application/JSON;charset="UTF-8"', 'json'],
    ['text/json', 'json'],
    ['application/vnd.leadx+json', 'json'],
    ['application/xml', 'xml'],
    ['text/xml; charset=utf-8', 'xml'],
    ['application/soap+xml', 'xml'],
  ] as const)('%s → %s', (header, format) => {
    expect(formatFromContentType(header)).toEqual({ ok: true, value: format });
  });

  it('refuses URL-encoded posts (seed 000) and other types', () => {
    expect(formatFromContentType('application/x-www-form-urlencoded')).toEqual({
      ok: false,
      error: { code: 'unsupported', message: 'URL-encoded posts are not accepted by the v2 receiver; send application/json or application/xml' },
    });
    for (const header of [undefined, '', 'text/plain', 'multipart/form-data; boundary=x', 'application/jsonx']) {
      expect(formatFromContentType(header)).toMatchObject({ ok: false, error: { code: 'unsupported' } });
    }
  });

  it('refuses charsets other than UTF-8', () => {
    expect(formatFromContentType('application/xml; charset=ISO-8859-1')).toMatchObject({ ok: false, error: { code: 'unsupported' } });
  });
});

describe('formatFromAccept', () => {
  it.each([
    [undefined, 'json', 'json'],
    ['*/*', 'xml', 'xml'],
    ['application/xml', 'json', 'xml'],
    ['application/json', 'xml', 'json'],
    ['application/xml, application/json', 'json', 'xml'],
    ['application/json;q=0.5, text/xml', 'json', 'xml'],
    ['application/xml;q=0, application/json', 'xml', 'json'],
    ['text/html', 'xml', 'xml'],
  ] as const)('%s (request was %s) → %s', (accept, fallback, format) => {
    expect(formatFromAccept(accept, fallback)).toBe(format);
  });
});

describe('parseRequest / serialise', () => {
  it('dispatch by format', () => {
    expect(parseRequest('ping', 'xml', '<Leads vid="1" lid="2"><Lead><Zip>1</Zip></Lead></Leads>')).toMatchObject({ ok: true, value: { leads: [{ fields: { Zip: '1' } }] } });
    expect(parseRequest('ping', 'json', '<Leads vid="1" lid="2"><Lead/></Leads>')).toMatchObject({ ok: false, error: { code: 'malformed' } });
    const result = { kind: 'AcceptOfferResult', success: true, message: 'Offer accepted' } as const;
    expect(serialise(result, 'json')).toBe('{"success":true,"message":"Offer accepted"}');
    expect(serialise(result, 'xml')).toMatch(/^<AcceptOfferResult xmlns:i=/);
    expect(WIRE_CONTENT_TYPES).toEqual({ json: 'application/json; charset=utf-8', xml: 'application/xml; charset=utf-8' });
  });
});
