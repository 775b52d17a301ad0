import { parseAcceptOfferRequest, parseStatusRequest, WireError, WireResult } from './index';

function ok<T>(r: WireResult<T>): T {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`);
  return r.value;
}

function err<T>(r: WireResult<T>): WireError {
  if (r.ok) throw new Error(`expected an error, got ${JSON.stringify(r.value)}`);
  return r.error;
}

describe('parseAcceptOfferRequest (PUT /v2/leads/{leadUID}/offers/{offerId}/accept)', () => {
  it('takes both ids from the URL (the seed example has no body)', () => {
    expect(ok(parseAcceptOfferRequest({ leadUID: '123456789', offerId: 'a001' }))).toEqual({ leadUID: 123456789, offerId: 'a001' });
    expect(ok(parseAcceptOfferRequest({ leadUID: '5', offerId: 'a001' }, '   '))).toEqual({ leadUID: 5, offerId: 'a001' });
  });

  it('accepts a JSON body repeating or supplying the ids', () => {
    expect(ok(parseAcceptOfferRequest({ leadUID: '5', offerId: 'a001' }, '{"leadUID": 5, "offerId": "a001"}'))).toEqual({ leadUID: 5, offerId: 'a001' });
    expect(ok(parseAcceptOfferRequest({}, '{"LeadUID": "5", "offerId": "a001"}'))).toEqual({ leadUID: 5, offerId: 'a001' });
  });

  it('refuses disagreeing, missing or malformed ids', () => {
    expect(err(parseAcceptOfferRequest({ leadUID: '5', offerId: 'a001' }, '{"leadUID": 6}'))).toEqual({
      code: 'invalid_field',
      field: 'leadUID',
      message: 'leadUID in the URL and leadUID in the body differ',
    });
    expect(err(parseAcceptOfferRequest({ leadUID: 'abc', offerId: 'a001' }))).toEqual({ code: 'invalid_field', field: 'leadUID', message: 'leadUID in the URL must be a number' });
    expect(err(parseAcceptOfferRequest({ leadUID: '5' }))).toEqual({ code: 'invalid_field', field: 'offerId', message: 'offerId is required' });
    expect(err(parseAcceptOfferRequest({ offerId: 'x' }))).toEqual({ code: 'invalid_field', field: 'leadUID', message: 'leadUID is required' });
    expect(err(parseAcceptOfferRequest({ leadUID: '5', offerId: 'x'.repeat(200) }))).toMatchObject({ code: 'too_large', field: 'offerId' });
    expect(err(parseAcceptOfferRequest({ leadUID: '5', offerId: 'a\u0000b' }))).toMatchObject({ code: 'invalid_field', field: 'offerId' });
  });

  it('refuses malformed or non-object bodies and XML bodies', () => {
    expect(err(parseAcceptOfferRequest({ leadUID: '5', offerId: 'a' }, '{'))).toMatchObject({ code: 'malformed' });
    expect(err(parseAcceptOfferRequest({ leadUID: '5', offerId: 'a' }, '[1]'))).toMatchObject({ code: 'malformed' });
    expect(err(parseAcceptOfferRequest({ leadUID: '5', offerId: 'a' }, '<Accept/>', 'xml'))).toMatchObject({ code: 'unsupported' });
    expect(ok(parseAcceptOfferRequest({ leadUID: '5', offerId: 'a' }, '', 'xml'))).toEqual({ leadUID: 5, offerId: 'a' });
  });
});

describe('parseStatusRequest (GET /v2/status/{id})', () => {
  it('accepts a request id', () => {
    expect(ok(parseStatusRequest('929f4d31-5576-49b5-ae9b-606d94a475e2'))).toEqual({ requestId: '929f4d31-5576-49b5-ae9b-606d94a475e2' });
  });

  it.each([[''], ['   '], [undefined], [42], ['../etc/passwd'], ['a b'], ['x'.repeat(65)], ['<script>']])('refuses %j', (id) => {
    expect(err(parseStatusRequest(id))).toMatchObject({ code: 'invalid_field', field: 'id' });
  });
});
