import { Parser, ParserOptions } from 'xml2js';
import { readBody, WireBody } from './body';
import { normaliseBatch } from './normalise';
import { RawBag, RawBatch, RawLead, RawMember } from './raw-request';
import { BatchKind, isBatchKind, ParsedRequestMap } from './request-models';
import { fail, guard, quote, WIRE_LIMITS, WireResult } from './wire-error';

/**
 * Parses an XML body of a receiver batch endpoint (seed 002):
 * `<Leads vid="" lid="" aid=""><Lead reference="" offerids="a|b" orderID="">…fields as child elements…</Lead></Leads>`.
 * DOCTYPE/ENTITY declarations and processing instructions are refused before parsing. Never throws.
 */
export function parseXmlRequest<K extends BatchKind>(kind: K, body: WireBody): WireResult<ParsedRequestMap[K]> {
  return guard(() => {
    if (!isBatchKind(kind)) fail('unsupported', `unknown request kind ${quote(String(kind))}`);
    const text = readBody(body);
    const root = parseXmlDocument(text, body instanceof Uint8Array);
    return normaliseBatch(kind, xmlToRaw(kind, root));
  });
}

/** An element as xml2js returns it with `explicitChildren` + `preserveChildrenOrder`. */
export interface XmlElement {
  name: string;
  attributes: Array<{ name: string; value: string }>;
  /** Character data directly inside the element (CDATA included), '' when none. */
  text: string;
  children: XmlElement[];
}

const XML2JS_OPTIONS: ParserOptions = {
  async: false,
  strict: true,
  xmlns: false,
  explicitRoot: true,
  explicitArray: true,
  explicitChildren: true,
  preserveChildrenOrder: true,
  charsAsChildren: false,
  includeWhiteChars: false,
  explicitCharkey: true,
  trim: false,
  normalize: false,
  normalizeTags: false,
  attrkey: '$',
  charkey: '_',
  childkey: '$$',
  emptyTag: '',
};

/** Pre-scans then parses an XML document with xml2js; returns the root element. Throws WireFailure. */
export function parseXmlDocument(text: string, fromBytes: boolean): XmlElement {
  prescanXml(text, fromBytes);
  let called = false;
  let error: unknown;
  let result: unknown;
  new Parser(XML2JS_OPTIONS).parseString(text, (err: Error | null, res: unknown) => {
    if (called) return;
    called = true;
    error = err;
    result = res;
  });
  if (!called) fail('malformed', 'the request body could not be parsed as XML');
  if (error) fail('malformed', `the request body is not well-formed XML: ${saxMessage(error)}`);
  if (typeof result !== 'object' || result === null) fail('malformed', 'the request body has no root element');
  const [rootName] = Object.keys(result);
  const root = toElement(rootName, (result as Record<string, unknown>)[rootName]);
  if (!root) fail('malformed', 'the request body has no root element');
  return root;
}

function saxMessage(error: unknown): string {
  if (!(error instanceof Error)) return 'unreadable document';
  const [first, line, column] = error.message.split('\n');
  const l = /Line: (\d+)/.exec(line ?? '');
  const c = /Column: (\d+)/.exec(column ?? '');
  const where = l && c ? ` (line ${Number(l[1]) + 1}, column ${c[1]})` : '';
  return `${first.slice(0, 80).toLowerCase()}${where}`;
}

function toElement(name: string | undefined, node: unknown): XmlElement | undefined {
  if (name === undefined || typeof node !== 'object' || node === null) return undefined;
  const raw = node as { $?: unknown; _?: unknown; $$?: unknown };
  const attributes: XmlElement['attributes'] = [];
  if (typeof raw.$ === 'object' && raw.$ !== null) {
    for (const [attrName, value] of Object.entries(raw.$ as Record<string, unknown>)) {
      if (typeof value === 'string') attributes.push({ name: attrName, value });
    }
  }
  const children: XmlElement[] = [];
  if (Array.isArray(raw.$$)) {
    for (const child of raw.$$ as unknown[]) {
      const childName = (child as { '#name'?: unknown } | null)?.['#name'];
      const el = typeof childName === 'string' ? toElement(childName, child) : undefined;
      if (el) children.push(el);
    }
  }
  return { name, attributes, text: typeof raw._ === 'string' ? raw._ : '', children };
}

/**
 * Cheap scan before the real parser: one root element, nesting and element-count limits, no markup
 * declarations (DOCTYPE, ENTITY: billion laughs, XXE), no processing instructions other than the
 * leading XML declaration, no repeated attribute, nothing but whitespace/comments outside the root.
 */
export function prescanXml(text: string, fromBytes: boolean): void {
  const n = text.length;
  let i = 0;
  let depth = 0;
  let elements = 0;
  let rootClosed = false;
  while (i < n) {
    const lt = text.indexOf('<', i);
    const end = lt < 0 ? n : lt;
    if (depth === 0 && text.slice(i, end).trim() !== '') {
      fail('malformed', rootClosed ? 'the XML has content after the root element' : 'the XML has text before the root element');
    }
    if (lt < 0) break;
    if (text.startsWith('<!--', lt)) {
      i = closeOf(text, '-->', lt + 4, 'a comment is not closed');
    } else if (text.startsWith('<![CDATA[', lt)) {
      if (depth === 0) fail('malformed', 'the XML has a CDATA section outside the root element');
      i = closeOf(text, ']]>', lt + 9, 'a CDATA section is not closed');
    } else if (text.startsWith('<!', lt)) {
      const decl = /^<!([A-Za-z]*)/.exec(text.slice(lt, lt + 12))?.[1]?.toUpperCase();
      fail('unsupported', `XML markup declarations${decl ? ` (<!${decl})` : ''} are not accepted: send the document without a DOCTYPE or ENTITY`);
    } else if (text.startsWith('<?', lt)) {
      const close = closeOf(text, '?>', lt + 2, 'a processing instruction is not closed');
      const target = /^<\?([^\s?]*)/.exec(text.slice(lt, lt + 40))?.[1] ?? '';
      if (target !== 'xml' || text.slice(0, lt).trim() !== '' || elements > 0) {
        fail('unsupported', 'XML processing instructions are not accepted (only a leading <?xml ...?> declaration)');
      }
      if (fromBytes) checkDeclaredEncoding(text.slice(lt, close));
      i = close;
    } else if (text.startsWith('</', lt)) {
      i = closeOf(text, '>', lt + 2, 'a closing tag is not closed');
      depth--;
      if (depth < 0) fail('malformed', 'the XML has a closing tag without a matching opening tag');
      if (depth === 0) rootClosed = true;
    } else {
      if (rootClosed) fail('malformed', 'the XML has more than one root element');
      const close = tagEnd(text, lt + 1);
      const tag = text.slice(lt + 1, close - 1);
      checkAttributes(tag);
      if (++elements > WIRE_LIMITS.maxXmlElements) fail('too_large', `the XML has more than ${WIRE_LIMITS.maxXmlElements} elements`);
      if (tag.endsWith('/')) {
        if (depth === 0) rootClosed = true;
      } else if (++depth > WIRE_LIMITS.maxXmlDepth) {
        fail('too_large', `the XML is nested more than ${WIRE_LIMITS.maxXmlDepth} elements deep`);
      }
      i = close;
    }
  }
  if (elements === 0) fail('malformed', 'the request body has no XML root element');
  if (depth > 0) fail('malformed', 'the XML ends before all elements are closed');
}

function closeOf(text: string, token: string, from: number, message: string): number {
  const at = text.indexOf(token, from);
  if (at < 0) fail('malformed', `the request body is not well-formed XML: ${message}`);
  return at + token.length;
}

/** Index just past the `>` ending a start tag, skipping quoted attribute values. */
function tagEnd(text: string, from: number): number {
  let quoteChar = '';
  for (let k = from; k < text.length; k++) {
    const c = text[k];
    if (quoteChar) {
      if (c === quoteChar) quoteChar = '';
    } else if (c === '"' || c === "'") {
      quoteChar = c;
    } else if (c === '>') {
      return k + 1;
    }
  }
  return fail('malformed', 'the request body is not well-formed XML: a tag is not closed');
}

function checkAttributes(tag: string): void {
  const seen = new Set<string>();
  for (const m of tag.matchAll(/([^\s=/<>"']+)\s*=\s*(?:"[^"]*"|'[^']*')/g)) {
    if (seen.has(m[1])) fail('malformed', `the request body is not well-formed XML: attribute ${quote(m[1])} appears twice in one element`);
    seen.add(m[1]);
    if (seen.size > WIRE_LIMITS.maxXmlAttributesPerElement) {
      fail('too_large', `an XML element has more than ${WIRE_LIMITS.maxXmlAttributesPerElement} attributes`);
    }
  }
}

function checkDeclaredEncoding(declaration: string): void {
  const encoding = /encoding\s*=\s*["']([^"']*)["']/.exec(declaration)?.[1]?.toLowerCase();
  if (encoding && !['utf-8', 'utf8', 'us-ascii', 'ascii'].includes(encoding)) {
    fail('unsupported', `the XML declares encoding ${quote(encoding)}; only UTF-8 is accepted`);
  }
}

// ---- mapping to the raw batch -------------------------------------------------------------------

const SOURCE_NAMES = ['vid', 'lid', 'aid', 'sendDelay', 'returnURL'];
const PROPERTY_NAMES = ['reference', 'noSell', 'orderId', 'offerIds', 'lp_consent_bids', 'leadUID', 'processDelivery'];
/** Call properties are child elements of `<Lead>` in the seed; their seed spelling, by canonical name. */
const CALL_ELEMENTS: Readonly<Record<string, string>> = {
  ivrNumber: 'IVRNumber',
  callDuration: 'CallDuration',
  callResult: 'CallResult',
  callDate: 'CallDate',
  recordingUrl: 'RecordingUrl',
};

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

function canonical(name: string, known: readonly string[]): string {
  return known.find((k) => k.toLowerCase() === name.toLowerCase()) ?? name;
}

/** Attributes that carry data: namespace declarations and prefixed attributes (`i:nil`) are not. */
function dataAttributes(el: XmlElement): XmlElement['attributes'] {
  return el.attributes.filter((a) => a.name !== 'xmlns' && !a.name.includes(':'));
}

function isNil(el: XmlElement): boolean {
  return el.attributes.some((a) => a.name.includes(':') && localName(a.name) === 'nil' && a.value.trim() === 'true');
}

function xmlToRaw(kind: BatchKind, root: XmlElement): RawBatch {
  if (localName(root.name).toLowerCase() !== 'leads') fail('malformed', `the root element must be <Leads>, not <${root.name.slice(0, 40)}>`);
  const sourceMembers: RawMember[] = dataAttributes(root).map((a) => ({
    key: a.name,
    value: a.value,
    path: `source.${canonical(a.name, SOURCE_NAMES)}`,
    label: `attribute ${a.name} of <Leads>`,
  }));
  const source = new RawBag(sourceMembers, { pathFor: (n) => `source.${n}`, labelFor: (n) => `attribute ${n} of <Leads>` }, false);
  if (root.text.trim() !== '') fail('invalid_field', '<Leads> must contain only <Lead> elements, not text', 'leads');
  const stray = root.children.find((c) => localName(c.name).toLowerCase() !== 'lead');
  if (stray) fail('invalid_field', `<Leads> must contain only <Lead> elements, not <${stray.name.slice(0, 40)}>`, 'leads');
  if (root.children.length > WIRE_LIMITS.maxLeadsPerRequest) {
    fail('too_large', `${root.children.length} leads were sent; at most ${WIRE_LIMITS.maxLeadsPerRequest} are accepted per request`, 'leads');
  }
  return { source, leads: root.children.map((el, index) => xmlLead(kind, el, index)) };
}

function xmlLead(kind: BatchKind, el: XmlElement, index: number): RawLead {
  const path = `leads[${index}]`;
  const label = `<Lead> #${index + 1}`;
  if (el.text.trim() !== '') fail('invalid_field', `${label} contains text outside of field elements`, path);
  const propertyNames = kind === 'calldata' ? [...PROPERTY_NAMES, ...Object.keys(CALL_ELEMENTS)] : PROPERTY_NAMES;
  const properties: RawMember[] = dataAttributes(el).map((a) => {
    const name = canonical(a.name, propertyNames);
    // offerids="a001|b002": the seed's XML spelling of the offerIds list.
    const value = name === 'offerIds' ? a.value.split(/[|,]/) : a.value;
    return { key: a.name, value, path: `${path}.properties.${name}`, label: `attribute ${a.name} of ${label}` };
  });
  const fields: RawMember[] = [];
  for (const child of el.children) {
    const name = localName(child.name);
    const callProperty = kind === 'calldata' ? Object.keys(CALL_ELEMENTS).find((k) => k.toLowerCase() === name.toLowerCase()) : undefined;
    const memberPath = callProperty ? `${path}.properties.${callProperty}` : `${path}.fields.${name}`;
    const memberLabel = `<${name.slice(0, 60)}> of ${label}`;
    if (child.children.length > 0) fail('invalid_field', `${memberLabel} must contain text, not elements`, memberPath);
    const member = { key: name, value: isNil(child) ? null : child.text, path: memberPath, label: memberLabel };
    (callProperty ? properties : fields).push(member);
  }
  const naming = {
    pathFor: (n: string) => `${path}.properties.${n}`,
    labelFor: (n: string) => (kind === 'calldata' && Object.hasOwn(CALL_ELEMENTS, n) ? `<${CALL_ELEMENTS[n]}> of ${label}` : `attribute ${n} of ${label}`),
  };
  return { index, path, label, properties: new RawBag(properties, naming, false), fields };
}
