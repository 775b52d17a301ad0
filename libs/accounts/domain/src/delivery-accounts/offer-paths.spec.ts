import { clientOffersFromInput } from './client-offers';
import { jsonPathProblem, offerPathProblem, xPathProblem } from './offer-paths';

describe('offer paths (syntax only)', () => {
  it('accepts the JSONPath subset', () => {
    for (const p of ['$', '$.offers[*]', '$..price', "$['buyer name'].phone", '$.a[0].b[-1]', '$.*', '$["x"]']) expect(jsonPathProblem(p)).toBeUndefined();
  });
  it('refuses other JSONPath, filters and scripts', () => {
    expect(jsonPathProblem('offers')).toMatch(/starts with \$/);
    expect(jsonPathProblem('$.a[?(@.x>1)]')).toMatch(/filter and script/);
    expect(jsonPathProblem('$.a[(process.exit())]')).toMatch(/filter and script/);
    expect(jsonPathProblem('$.')).toMatch(/expected a name/);
    expect(jsonPathProblem('$.a b')).toMatch(/unexpected/);
  });
  it('accepts the XPath subset and refuses functions, axes and bad predicates', () => {
    for (const p of ['/response/offers/offer', '//offer[1]/@id', 'buyer/name/text()', "ns:offer[@type='a']/price", '.', '../x']) expect(xPathProblem(p)).toBeUndefined();
    expect(xPathProblem('count(//offer)')).toMatch(/functions/);
    expect(xPathProblem('child::offer')).toMatch(/functions and axes/);
    expect(xPathProblem('/offer[position()<3]')).toMatch(/unsupported predicate/);
    expect(xPathProblem('')).toMatch(/empty/);
  });
  it('limits the length', () => {
    expect(offerPathProblem('JSON', `$${'.a'.repeat(300)}`)).toMatch(/longer than/);
  });
});

describe('clientOffersFromInput', () => {
  const ctx = { existingIds: new Set([3]), accountPingPost: false };
  it('fills defaults for a static offer', () => {
    const r = clientOffersFromInput([{ CompanyName: 'Acme', Name: 'Auto' }], ctx);
    expect(r.ok && r.value[0]).toMatchObject({ OfferUID: 0, Type: 'Static', Enabled: true, Duration: 'Monthly', Amount: 0, DynamicMapping: null });
  });
  it('refuses unsafe URLs, missing company, unknown ids and dynamic offers without ping-post', () => {
    const r = clientOffersFromInput(
      [
        { CompanyName: 'Acme', Name: 'A', URL: 'javascript:alert(1)' },
        { Name: 'B' },
        { OfferUID: 9, CompanyName: 'C', Name: 'C' },
        { Type: 'Dynamic', DynamicMapping: { OffersPath: '$.offers[*]', Fields: { CompanyName: '$.buyer' } } },
      ],
      ctx,
    );
    expect(r.ok ? [] : r.problems.map((p) => p.field)).toEqual(['Offers[0].URL', 'Offers[1].CompanyName', 'Offers[2].OfferUID', 'Offers[3].Type']);
  });
  it('checks a dynamic offer\'s paths in its response format', () => {
    const r = clientOffersFromInput([{ Type: 'Dynamic', DynamicMapping: { ResponseFormat: 'XML', OffersPath: '//offer', Fields: { CompanyName: '$.buyer', Name: 'title' } } }], {
      ...ctx,
      accountPingPost: true,
    });
    expect(r.ok ? [] : r.problems.map((p) => p.field)).toEqual(['Offers[0].DynamicMapping.Fields.CompanyName']);
  });
});
