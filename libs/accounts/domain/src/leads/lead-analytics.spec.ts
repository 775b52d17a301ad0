import { parseUserAgent, searchFromReferrer, toSeedLeadAnalytics } from './lead-analytics';

const CHROME_WIN = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36';
const SAFARI_IOS = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1';
const EDGE = `${CHROME_WIN} Edg/120.0`;
const FIREFOX_LINUX = 'Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0';

describe('lead analytics', () => {
  it.each([
    [CHROME_WIN, 'Chrome', 'Windows'],
    [SAFARI_IOS, 'Safari', 'iOS'],
    [EDGE, 'Edge', 'Windows'],
    [FIREFOX_LINUX, 'Firefox', 'Linux'],
    ['curl/8.0', '', ''],
  ])('parses %s', (ua, browser, os) => {
    expect(parseUserAgent(ua)).toEqual({ browser, os });
  });

  it('recognises search engines and their terms', () => {
    expect(searchFromReferrer('https://www.google.com/search?q=cheap+insurance')).toEqual({ engine: 'Google', term: 'cheap insurance' });
    expect(searchFromReferrer('https://search.yahoo.com/search?p=loans')).toEqual({ engine: 'Yahoo', term: 'loans' });
    expect(searchFromReferrer('https://example.com/?q=x')).toEqual({ engine: '', term: '' });
    expect(searchFromReferrer('not a url ::')).toEqual({ engine: '', term: '' });
  });

  it('builds the seed record from the lead fields and the request', () => {
    const at = new Date('2024-05-01T10:00:00Z');
    const stored = new Date('2024-05-01T10:00:01Z');
    const a = toSeedLeadAnalytics({
      leadId: 42,
      requestId: 'req-1',
      requestReceivedAt: at,
      leadStoredAt: stored,
      fields: { Client_IP: '203.0.113.9', User_Agent: CHROME_WIN, Landing_Page: 'https://quotes.example.com/auto?utm_source=g', Referrer: 'https://www.bing.com/search?q=auto+quote' },
      ipFieldNames: ['Client_IP'],
    });
    expect(a).toEqual({
      TrackingUID: 42, VisitUID: 'req-1', EnterDate: at.toISOString(), ExitDate: stored.toISOString(), UserAgent: CHROME_WIN, IP: '203.0.113.9',
      URL: 'https://quotes.example.com/auto?utm_source=g', Host: 'quotes.example.com', EnterPage: '/auto?utm_source=g', ExitPage: '',
      Referrer: 'https://www.bing.com/search?q=auto+quote', ReferrerHost: 'www.bing.com', SearchEngine: 'Bing', SearchTerm: 'auto quote',
      Browser: 'Chrome', OS: 'Windows', PageViews: 0, FirstVisit: true,
    });
  });

  it('leaves what was not posted empty', () => {
    const a = toSeedLeadAnalytics({ leadId: 1, requestId: 'r', requestReceivedAt: new Date(0), leadStoredAt: new Date(0), fields: { State: 'TX' }, ipFieldNames: [] });
    expect(a).toMatchObject({ IP: '', UserAgent: '', URL: '', Host: '', Referrer: '', SearchEngine: '', SearchTerm: '', Browser: '', OS: '' });
  });
});
