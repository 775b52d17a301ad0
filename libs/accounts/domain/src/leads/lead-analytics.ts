/** Seed 003 "Lead Analytics Detail" (and "by VisitID"). */
export interface SeedLeadAnalytics {
  TrackingUID: number;
  VisitUID: string;
  EnterDate: string;
  ExitDate: string;
  UserAgent: string;
  IP: string;
  URL: string;
  Host: string;
  EnterPage: string;
  ExitPage: string;
  Referrer: string;
  ReferrerHost: string;
  SearchEngine: string;
  SearchTerm: string;
  Browser: string;
  OS: string;
  PageViews: number;
  FirstVisit: boolean;
}

/** What the platform knows about the visit that produced a lead: the post itself. */
export interface LeadVisitFacts {
  leadId: number;
  /** The receiver request that carried the lead. */
  requestId: string;
  /** When the receiver got the request (the request log), else when the lead was stored. */
  requestReceivedAt: Date;
  leadStoredAt: Date;
  fields: Readonly<Record<string, unknown>>;
  /** Names of the lead type's fields with SpecialBit IPAddress. */
  ipFieldNames: readonly string[];
}

// Field names sources commonly post tracking data under, compared lowercased without separators.
const IP_NAMES = ['ipaddress', 'ip', 'clientip', 'userip', 'remoteip', 'origip'];
const USER_AGENT_NAMES = ['useragent', 'httpuseragent', 'browseragent'];
const URL_NAMES = ['url', 'landingpage', 'landingpageurl', 'landingurl', 'pageurl', 'sourceurl', 'formurl', 'entrypage'];
const REFERRER_NAMES = ['referrer', 'referer', 'referrerurl', 'referringurl', 'httpreferer', 'httpreferrer'];
const SEARCH_TERM_NAMES = ['searchterm', 'keyword', 'keywords', 'utmterm', 'searchkeyword'];

const compact = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '');

/** The first non-empty string field whose name is one of `names`, in the order of `names`. */
function fieldValue(fields: Readonly<Record<string, unknown>>, names: readonly string[], exact: readonly string[] = []): string {
  for (const name of exact) {
    const v = fields[name];
    if (typeof v === 'string' && v.trim()) return v.trim();
  }
  const byCompact = new Map<string, string>();
  for (const [k, v] of Object.entries(fields)) {
    if (typeof v === 'string' && v.trim() && !byCompact.has(compact(k))) byCompact.set(compact(k), v.trim());
  }
  for (const n of names) {
    const v = byCompact.get(n);
    if (v) return v;
  }
  return '';
}

function parseUrl(text: string): URL | undefined {
  if (!text) return undefined;
  try {
    return new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`);
  } catch {
    return undefined;
  }
}

const SEARCH_ENGINES: ReadonlyArray<{ name: string; host: RegExp; param: string }> = [
  { name: 'Google', host: /(^|\.)google\.[a-z.]+$/, param: 'q' },
  { name: 'Bing', host: /(^|\.)bing\.com$/, param: 'q' },
  { name: 'Yahoo', host: /(^|\.)yahoo\.[a-z.]+$/, param: 'p' },
  { name: 'DuckDuckGo', host: /(^|\.)duckduckgo\.com$/, param: 'q' },
  { name: 'Baidu', host: /(^|\.)baidu\.com$/, param: 'wd' },
  { name: 'Yandex', host: /(^|\.)yandex\.[a-z.]+$/, param: 'text' },
  { name: 'Ask', host: /(^|\.)ask\.com$/, param: 'q' },
];

/** The search engine a referrer URL belongs to and the term it carries, if any. */
export function searchFromReferrer(referrer: string): { engine: string; term: string } {
  const url = parseUrl(referrer);
  const engine = url && SEARCH_ENGINES.find((e) => e.host.test(url.hostname.toLowerCase()));
  if (!url || !engine) return { engine: '', term: '' };
  return { engine: engine.name, term: url.searchParams.get(engine.param) ?? '' };
}

/** Browser and OS names from a User-Agent header (the common families; '' when unrecognised). */
export function parseUserAgent(ua: string): { browser: string; os: string } {
  const browser =
    /\bEdg(?:e|A|iOS)?\//.test(ua) ? 'Edge'
    : /\bOPR\/|\bOpera\b/.test(ua) ? 'Opera'
    : /\bSamsungBrowser\//.test(ua) ? 'Samsung Internet'
    : /\bFirefox\/|\bFxiOS\//.test(ua) ? 'Firefox'
    : /\bChrome\/|\bCriOS\//.test(ua) ? 'Chrome'
    : /\bMSIE |\bTrident\//.test(ua) ? 'Internet Explorer'
    : /\bSafari\//.test(ua) && /\bVersion\//.test(ua) ? 'Safari'
    : '';
  const os =
    /\bWindows\b/.test(ua) ? 'Windows'
    : /\b(?:iPhone|iPad|iPod)\b/.test(ua) ? 'iOS'
    : /\bAndroid\b/.test(ua) ? 'Android'
    : /\bCrOS\b/.test(ua) ? 'Chrome OS'
    : /\bMac OS X\b|\bMacintosh\b/.test(ua) ? 'macOS'
    : /\bLinux\b/.test(ua) ? 'Linux'
    : '';
  return { browser, os };
}

/**
 * The seed's analytics record from what the platform knows: there is no visit tracker, so the
 * "visit" is the post that created the lead. TrackingUID is the lead id (the visits endpoint looks
 * it up by that), VisitUID the receiver request id, both dates the time the post arrived. IP, user
 * agent, landing URL, referrer and search term come from lead fields when the source posted them
 * (the IPAddress special bit first, then common names); what was not posted stays empty. PageViews
 * is 0 (nothing counts page views) and FirstVisit true (no earlier visit is known).
 */
export function toSeedLeadAnalytics(f: LeadVisitFacts): SeedLeadAnalytics {
  const userAgent = fieldValue(f.fields, USER_AGENT_NAMES);
  const landing = fieldValue(f.fields, URL_NAMES);
  const referrer = fieldValue(f.fields, REFERRER_NAMES);
  const landingUrl = parseUrl(landing);
  const referrerUrl = parseUrl(referrer);
  const search = searchFromReferrer(referrer);
  const { browser, os } = parseUserAgent(userAgent);
  return {
    TrackingUID: f.leadId,
    VisitUID: f.requestId,
    EnterDate: f.requestReceivedAt.toISOString(),
    ExitDate: f.leadStoredAt.toISOString(),
    UserAgent: userAgent,
    IP: fieldValue(f.fields, IP_NAMES, f.ipFieldNames),
    URL: landing,
    Host: landingUrl?.hostname ?? '',
    EnterPage: landingUrl ? `${landingUrl.pathname}${landingUrl.search}` : '',
    ExitPage: '',
    Referrer: referrer,
    ReferrerHost: referrerUrl?.hostname ?? '',
    SearchEngine: search.engine,
    SearchTerm: search.term || fieldValue(f.fields, SEARCH_TERM_NAMES),
    Browser: browser,
    OS: os,
    PageViews: 0,
    FirstVisit: true,
  };
}
