import { prng, xmlShape } from './fixtures/test-support';
import {
  BATCH_KINDS,
  BatchKind,
  buildErrorResult,
  parseJsonRequest,
  parseXmlRequest,
  ParsedRequest,
  toJson,
  toXml,
  WIRE_ERROR_CODES,
  WIRE_LIMITS,
  WireBody,
  WireResult,
} from './index';

/**
 * Generated bodies from a fixed-seed PRNG: random text over the formats' significant characters,
 * mutations of valid requests, random JSON trees and random bytes. The parsers must always return a
 * result object; errors must be well-formed and serialisable into both wire formats.
 */
const ITERATIONS = 2500;

const VALID_JSON = JSON.stringify({
  source: { vid: 12, lid: 3, aid: 45, sendDelay: 0.5, returnURL: 'https://cb.example.com/x' },
  leads: [
    {
      properties: { reference: 'r', noSell: false, orderId: 'O1', offerIds: ['a001', 'b002'], leadUID: 9, ivrNumber: 8005551234, callDuration: 60, callResult: 'ok' },
      fields: { FirstName: 'Jane', Zip: '75001', Age: 42, Opt: true, lp_consent_bids: 'a001|b002' },
    },
  ],
});
const VALID_XML =
  '<?xml version="1.0" encoding="utf-8"?>\n<Leads vid="12" lid="3" aid="45"><Lead reference="r" offerids="a001|b002" orderID="O1" leadUID="9">' +
  '<IVRNumber>8005551234</IVRNumber><CallDuration>60</CallDuration><CallResult>ok</CallResult><FirstName>Jane</FirstName>' +
  '<Notes><![CDATA[<b>x</b>]]></Notes><Zip>75001</Zip><!-- c --></Lead></Leads>';

const ALPHABET = [
  ...'{}[]<>/"\'=:,&;!?-_ .|#%\\\n\t',
  ...'abcxyzLeadsourcvidl0129',
  '\u0000',
  '\uFFFD',
  '\uD800',
  '\u00e9',
  '\u{1F600}',
  '<!DOCTYPE',
  '<!ENTITY',
  '<![CDATA[',
  ']]>',
  '&amp;',
  '&x;',
  '__proto__',
  'constructor',
  '"source"',
  '"leads"',
  '<Lead>',
  '</Lead>',
  '1e400',
  '-0',
];

function assertWellFormed(result: WireResult<ParsedRequest>, kind: BatchKind): 'ok' | 'error' {
  expect(typeof result).toBe('object');
  expect(typeof result.ok).toBe('boolean');
  if (result.ok) {
    expect(result.value.kind).toBe(kind);
    expect(result.value.leads.length).toBeGreaterThan(0);
    expect(result.value.leads.length).toBeLessThanOrEqual(WIRE_LIMITS.maxLeadsPerRequest);
    for (const lead of result.value.leads) for (const v of Object.values(lead.fields)) expect(typeof v).toBe('string');
    return 'ok';
  }
  expect(WIRE_ERROR_CODES).toContain(result.error.code);
  expect(typeof result.error.message).toBe('string');
  expect(result.error.message.length).toBeGreaterThan(0);
  expect(['undefined', 'string']).toContain(typeof result.error.field);
  // The catch-all answer of guard() means an unexpected exception inside the parser: a bug.
  expect(result.error.message).not.toBe('the request body could not be read');
  return 'error';
}

describe('fuzz: the parsers never throw', () => {
  const rand = prng(0x5eed_2024);
  const int = (n: number) => Math.floor(rand() * n);
  const pick = <T,>(items: readonly T[]): T => items[int(items.length)];

  const randomText = (max: number) => Array.from({ length: int(max) }, () => pick(ALPHABET)).join('');

  function mutate(text: string): string {
    let s = text;
    const edits = 1 + int(4);
    for (let e = 0; e < edits; e++) {
      const at = int(s.length + 1);
      switch (int(5)) {
        case 0:
          s = s.slice(0, at) + s.slice(at + 1 + int(8));
          break;
        case 1:
          s = s.slice(0, at) + pick(ALPHABET) + s.slice(at);
          break;
        case 2:
          s = s.slice(0, at) + s.slice(at, at + int(40)) + s.slice(at);
          break;
        case 3:
          s = s.slice(0, at) + randomText(6) + s.slice(at + 1);
          break;
        default:
          s = s.slice(0, at) + s.slice(at).replace(/\d/, String(int(10) - 1));
      }
    }
    return s;
  }

  function randomJsonValue(depth: number): unknown {
    switch (int(depth > 3 ? 6 : 9)) {
      case 0:
        return null;
      case 1:
        return rand() < 0.5;
      case 2:
        return pick([0, -1, 1.5, 12, 1e21, 2 ** 53 + 2, -0, 9999999999]);
      case 3:
        return randomText(10);
      case 4:
        return String(int(1000));
      case 5:
        return pick(['', ' ', 'true', 'a|b', '12.5', '__proto__']);
      case 6:
        return Array.from({ length: int(4) }, () => randomJsonValue(depth + 1));
      default:
        return Object.fromEntries(
          Array.from({ length: int(5) }, () => [pick(['vid', 'lid', 'aid', 'sendDelay', 'returnURL', 'source', 'leads', 'properties', 'fields', 'offerIds', 'noSell', 'leadUID', 'Email', '__proto__', 'constructor', randomText(5)]), randomJsonValue(depth + 1)]),
        );
    }
  }

  function randomJsonRequest(): string {
    const leads = Array.from({ length: int(3) }, () => ({ properties: randomJsonValue(2), fields: randomJsonValue(2) }));
    const body: Record<string, unknown> = { source: rand() < 0.7 ? { vid: randomJsonValue(3), lid: randomJsonValue(3), aid: randomJsonValue(3) } : randomJsonValue(1), leads };
    return JSON.stringify(body);
  }

  function randomBytes(): Uint8Array {
    return Uint8Array.from({ length: int(200) }, () => int(256));
  }

  function bodies(format: 'json' | 'xml'): WireBody[] {
    const valid = format === 'json' ? VALID_JSON : VALID_XML;
    const out: WireBody[] = [];
    for (let i = 0; i < ITERATIONS; i++) {
      const r = i % 5;
      if (r === 0) out.push(randomText(120));
      else if (r === 1 || r === 2) out.push(mutate(valid));
      else if (r === 3) out.push(format === 'json' ? randomJsonRequest() : mutate(randomText(30) + valid));
      else out.push(rand() < 0.5 ? randomBytes() : Buffer.from(mutate(valid), 'utf8'));
    }
    return out;
  }

  it.each(['json', 'xml'] as const)(`%s: ${ITERATIONS} generated bodies`, (format) => {
    const tally = { ok: 0, error: 0 };
    const codes = new Set<string>();
    for (const body of bodies(format)) {
      const kind = pick(BATCH_KINDS);
      let result: WireResult<ParsedRequest> | undefined;
      expect(() => {
        result = format === 'json' ? parseJsonRequest(kind, body) : parseXmlRequest(kind, body);
      }).not.toThrow();
      if (!result) throw new Error('no result');
      tally[assertWellFormed(result, kind)]++;
      if (!result.ok) {
        codes.add(result.error.code);
        // Every error can be answered in either format, and the XML answer is well-formed.
        const answer = buildErrorResult(kind, result.error, 'fuzz');
        expect(() => JSON.parse(toJson(answer))).not.toThrow();
        if (tally.error % 10 === 0) expect(() => xmlShape(toXml(answer))).not.toThrow();
      }
    }
    // The corpus must exercise both outcomes and several error kinds, or it proves nothing.
    expect(tally.ok).toBeGreaterThan(20);
    expect(tally.error).toBeGreaterThan(ITERATIONS / 2);
    expect(codes.size).toBeGreaterThanOrEqual(2);
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(Object.keys(Object.prototype)).toEqual([]);
  });

  it('the valid bodies used as mutation bases do parse, for every kind that takes them', () => {
    for (const kind of ['general', 'transfer', 'calldata', 'ping', 'duplicate', 'update'] as const) {
      expect(parseJsonRequest(kind, VALID_JSON).ok).toBe(true);
      expect(parseXmlRequest(kind, VALID_XML).ok).toBe(true);
    }
  });
});
