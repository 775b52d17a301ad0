import { compileFieldDefinitions, defineLeadField, FIELD_DATA_TYPES, LeadFieldDefinition, SPECIAL_BITS } from '../index';

/**
 * Fixed-seed fuzz: random definition sets and a few thousand random field maps. validate must never
 * throw, must return strings only, and every error must name a defined field.
 */
let seed = 3003;
const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)];

const NAMES = ['FirstName', 'Email', 'Phone', 'Ext', 'State', 'Zip', 'Age', 'Price', 'When', 'Opt', 'Color', 'Code', 'Calc', 'toString', '__proto__'];
const PATTERNS = ['', '^\\d+$', '[^0-9]', '(a+)+$', '\\s+', '[', '(?i)^ok', '(a)\\1', '.*.*.*x'];
const EXPRESSIONS = ['concat(FirstName, Zip)', 'number(Age) * 2', 'iif(Opt, "y", "n")', 'upper(field("Email"))', 'age(When)', 'a.b', 'constructor', '1 +'];
const VALUE_PARTS = ['', ' ', 'a', 'Z', '0', '9', '42', '-', '.', ',', '$', '@', '+1', '(202)', '555-0123', 'tx', 'Texas', '75001', '-1234', 'true', 'no', '2024-02-29', '12/31/1999', 'T10:00Z', '1e5', '\u0000', '\uD800', 'é', '😀', '<b>', '"', "'", '\\', '__proto__', 'constructor', '%n', '\n'];

function randomDefinition(name: string): LeadFieldDefinition {
  const computed = rand() < 0.15;
  return defineLeadField({
    name,
    dataType: pick(FIELD_DATA_TYPES),
    required: rand() < 0.3,
    enabled: rand() < 0.9,
    computed,
    computedExpr: computed ? pick(EXPRESSIONS) : undefined,
    enumerated: rand() < 0.15,
    enums: ['Red', 'green', 'BLUE', '42'],
    validation: rand() < 0.2 ? pick(PATTERNS) : undefined,
    invalidChars: rand() < 0.2 ? pick(PATTERNS) : undefined,
    formatError: rand() < 0.5 ? 'bad format' : undefined,
    specialBit: pick(SPECIAL_BITS),
    isState: rand() < 0.1,
  });
}

function randomValue(): unknown {
  const roll = rand();
  if (roll < 0.03) return 'x'.repeat(Math.floor(rand() * 5000));
  if (roll < 0.05) return Math.floor(rand() * 1e6);
  if (roll < 0.06) return rand() < 0.5;
  if (roll < 0.07) return { nested: 'object' };
  if (roll < 0.08) return null;
  return Array.from({ length: Math.floor(rand() * 6) }, () => pick(VALUE_PARTS)).join('');
}

describe('field validation fuzz', () => {
  it('never throws on 4000 random field maps over 80 random lead types', () => {
    let validated = 0;
    const problems: string[] = [];
    for (let t = 0; t < 80; t++) {
      const defs = NAMES.filter(() => rand() < 0.7).map(randomDefinition);
      const rules = compileFieldDefinitions(defs, { now: () => new Date('2024-06-15T00:00:00Z') });
      const defined = new Set(defs.map((d) => d.name));
      for (let i = 0; i < 50; i++) {
        const posted: Record<string, unknown> = {};
        const count = Math.floor(rand() * 12);
        for (let k = 0; k < count; k++) {
          const key = rand() < 0.7 ? pick(NAMES) : rand() < 0.5 ? pick(NAMES).toUpperCase() : pick(VALUE_PARTS) + pick(VALUE_PARTS);
          posted[key] = randomValue();
        }
        const result = rules.validate(posted as Record<string, string>);
        validated++;
        for (const [key, value] of Object.entries(result.fields)) {
          if (typeof value !== 'string' || ['__proto__', 'constructor', 'prototype'].includes(key)) problems.push(`field ${key}`);
        }
        for (const error of result.errors) {
          if (!defined.has(error.field) || !error.message.toLowerCase().includes(error.field.toLowerCase())) problems.push(error.message);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(validated).toBe(4000);
    expect(({} as Record<string, unknown>)['nested']).toBeUndefined();
  });
});
