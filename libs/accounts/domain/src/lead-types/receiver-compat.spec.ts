import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LEAD_FIELD_DATA_TYPE_NAMES, LEAD_FIELD_SPECIAL_BIT_NAMES, leadFieldDataTypeFromStorage, leadFieldSpecialBitToStorage } from './lead-field-enums';
import { mergeLeadFieldInput } from './lead-field-mapping';

/**
 * The receiver (scope intake) reads what this area writes, but the module-boundary lint rule
 * forbids importing its code from scope accounts, even in tests. So this test reads the
 * receiver's SOURCE and checks that the storage contract still matches: a renamed settings key,
 * data type or special bit in the receiver fails here instead of silently in production.
 */
const ROOT = join(__dirname, '../../../../..');
const source = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const RULES = source('libs/intake/data-access/src/lead-field-rules.ts');
const DEFINITION = source('libs/intake/domain/src/fields/lead-field-definition.ts');

function block(text: string, start: RegExp): string {
  const m = start.exec(text);
  if (!m) throw new Error(`not found in the receiver's source: ${start}`);
  const open = m.index + m[0].length;
  return text.slice(open, text.indexOf(text[open - 1] === '[' ? ']' : '}', open));
}
const quoted = (text: string) => [...text.matchAll(/'([^']+)'/g)].map((m) => m[1]);

describe('storage contract with the receiver (read from its source)', () => {
  it('writes every lead_type_fields.settings key the receiver reads, with the type it expects', () => {
    const receiverKeys = Object.fromEntries(
      [...block(RULES, /interface FieldSettings \{/).matchAll(/^\s*(\w+)\?: ([\w[\]]+);/gm)].map((m) => [m[1], m[2]]),
    );
    expect(Object.keys(receiverKeys).sort()).toEqual(
      ['computed', 'computedExpr', 'enabled', 'enumerated', 'enums', 'formatError', 'formatString', 'invalidChars', 'isState', 'validation'].sort(),
    );
    const written = mergeLeadFieldInput(undefined, { Descriptor: 'X', FieldEnums: [] }).settings;
    for (const [key, type] of Object.entries(receiverKeys)) {
      const value = written[key];
      expect({ key, type: Array.isArray(value) ? 'string[]' : typeof value }).toEqual({ key, type });
    }
  });

  it('uses the receiver\'s data type names, and its aliases when reading', () => {
    expect(quoted(block(DEFINITION, /FIELD_DATA_TYPES = \[/))).toEqual([...LEAD_FIELD_DATA_TYPE_NAMES]);
    const aliases = [...block(DEFINITION, /DATA_TYPE_ALIASES: Record<string, FieldDataType> = \{/).matchAll(/(\w+): '(\w+)'/g)];
    expect(aliases.length).toBeGreaterThan(0);
    for (const [, alias, target] of aliases) expect(leadFieldDataTypeFromStorage(alias)).toBe(target);
  });

  it('accepts every special bit the receiver normalises and stores it in a spelling the receiver matches', () => {
    const receiverBits = quoted(block(DEFINITION, /SPECIAL_BITS = \[/));
    expect(receiverBits).toContain('NoSpecialBit');
    // The receiver matches case-insensitively ignoring underscores; NULL is NoSpecialBit.
    const receiverKey = (s: string | null) => (s ?? 'NoSpecialBit').replace(/_/g, '').toLowerCase();
    for (const bit of receiverBits) {
      const api = LEAD_FIELD_SPECIAL_BIT_NAMES.find((n) => receiverKey(n) === bit.toLowerCase());
      expect({ bit, api }).toEqual({ bit, api: expect.any(String) });
      expect(receiverKey(leadFieldSpecialBitToStorage(api as (typeof LEAD_FIELD_SPECIAL_BIT_NAMES)[number]))).toBe(bit.toLowerCase());
    }
    expect(DEFINITION).toMatch(/replace\(\/_\/g, ''\)\.toLowerCase\(\)/);
  });

  it('writes the duplicate-set columns the receiver\'s DuplicateDetector reads', () => {
    expect(source('libs/intake/data-access/src/duplicates/duplicate-detector.ts')).toContain('SELECT id, name, fields FROM lead_type_duplicate_sets WHERE lead_type_id = $1');
  });
});
