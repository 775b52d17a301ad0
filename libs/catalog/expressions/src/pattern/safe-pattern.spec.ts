import { compilePattern, ExpressionError, isExpressionError, PATTERN_LIMITS, PatternOptions, SafePattern } from '../index';

function pattern(source: string, options: PatternOptions = {}): SafePattern {
  const result = compilePattern(source, options);
  if (isExpressionError(result)) throw new Error(`expected ${source} to compile: ${result.message}`);
  return result;
}

function refusal(source: string): string {
  const result = compilePattern(source);
  if (!isExpressionError(result)) throw new Error(`expected ${source} to be refused`);
  return result.message;
}

function timed<T>(fn: () => T): { value: T; ms: number } {
  const started = process.hrtime.bigint();
  const value = fn();
  return { value, ms: Number(process.hrtime.bigint() - started) / 1e6 };
}

describe('compilePattern: agrees with JavaScript RegExp on the patterns operators write', () => {
  const CASES: Array<[string, string[]]> = [
    ['^\\d{5}(-\\d{4})?$', ['75001', '75001-1234', '7500', '75001-12', 'x75001']],
    ['^[A-Z]{2}$', ['TX', 'tx', 'TXX', '']],
    ['^[^@\\s]+@[^@\\s]+\\.[a-z]{2,}$', ['a@b.co', 'a@b', 'a b@c.de', '@b.co']],
    ['^\\(?\\d{3}\\)?[-. ]?\\d{3}[-. ]?\\d{4}$', ['(555) 123-4567', '555.123.4567', '5551234567', '555-1234']],
    ['yes|no', ['yes', 'nope', 'maybe', 'YES']],
    ['^(?:Mr|Mrs|Ms)\\.?$', ['Mr', 'Mrs.', 'Dr']],
    ['\\bcat\\b', ['a cat here', 'concatenate', 'cat']],
    ['\\Bcat', ['concat', 'cat']],
    ['^a.c$', ['abc', 'a\nc', 'ac']],
    ['[\\w-]+', ['--', '', '!!']],
    ['[a\\-z]', ['-', 'b', 'z']],
    ['[\\d-x]', ['-', '5', 'x', 'a']],
    ['\\x41\\u0042', ['AB', 'ab']],
    ['\\t\\n', ['\t\n', 'tn']],
    ['a{2,}', ['a', 'aa', 'aaaa']],
    ['a{,2}', ['a{,2}', 'aa']],
    ['x{', ['x{', 'x']],
    ['a]}', ['a]}', 'a']],
    ['[]', ['', 'a']],
    ['[^]', ['', 'a']],
    ['(?<zip>\\d{5})', ['12345', '1234']],
    ['^$', ['', 'a']],
    ['(a|ab)(c|bcd)(d*)', ['abcd', 'acd', 'abd']],
    ['a*?b', ['aaab', 'b', 'aaa']],
    ['[\\s\\S]', ['\u00a0', '\ufeff', '']],
    ['\\0', ['\0', '0']],
    ['\\cJ', ['\n', 'cJ']],
  ];
  it.each(CASES)('%s', (source, inputs) => {
    const safe = pattern(source);
    const native = new RegExp(source);
    for (const input of inputs) expect([input, safe.test(input)]).toEqual([input, native.test(input)]);
  });

  it.each([
    ['[^0-9]', '(555) 123-4567 ext.89'],
    ['[^a-zA-Z \\-\']', "O'Brien-Smith #1 !"],
    ['\\s+', '  many   spaces\there '],
    ['a*', 'baaac'],
    ['', 'abc'],
    ['x?', 'axxb'],
    ['(ab|a)', 'abab a'],
    ['\\b', 'two words'],
    ['$', 'end'],
    ['^', 'start'],
  ])('replaceAll(%p) matches String.replace with /g', (source, input) => {
    expect(pattern(source).replaceAll(input, '_')).toBe(input.replace(new RegExp(source, 'g'), '_'));
    expect(pattern(source).replaceAll(input, '')).toBe(input.replace(new RegExp(source, 'g'), ''));
  });

  it('flags: ignoreCase, multiline, dotAll', () => {
    expect(pattern('^tx$', { ignoreCase: true }).test('TX')).toBe(true);
    expect(pattern('[a-c]', { ignoreCase: true }).test('B')).toBe(true);
    expect(pattern('[^a-c]', { ignoreCase: true }).test('B')).toBe(false);
    expect(pattern('^b$', { multiline: true }).test('a\nb\nc')).toBe(true);
    expect(pattern('^b$').test('a\nb\nc')).toBe(false);
    expect(pattern('a.c', { dotAll: true }).test('a\nc')).toBe(true);
  });

  it('reads .NET-style leading inline options such as (?i)', () => {
    expect(pattern('(?i)^yes$').test('YES')).toBe(true);
    expect(pattern('(?im)^yes$').test('no\nYES')).toBe(true);
    expect(pattern('^yes$').test('YES')).toBe(false);
  });

  it('keeps the source for messages', () => {
    expect(pattern('^a$').source).toBe('^a$');
  });
});

describe('compilePattern: refusals', () => {
  it.each<[string, RegExp]>([
    ['(a)\\1', /backreferences/],
    ['(?<n>a)\\k<n>', /backreferences/],
    ['a(?=b)', /lookahead and lookbehind/],
    ['a(?!b)', /lookahead and lookbehind/],
    ['(?<=a)b', /lookahead and lookbehind/],
    ['(?<!a)b', /lookahead and lookbehind/],
    ['\\p{L}', /unicode property/],
    ['\\u{41}', /unicode mode/],
    ['\\01', /octal/],
    ['(?x)a', /invalid group/],
    ['*a', /nothing to repeat/],
    ['a**', /nothing to repeat/],
    ['a{2}{3}', /nothing to repeat/],
    ['^*', /nothing to repeat/],
    ['\\b+', /nothing to repeat/],
    ['a{3,2}', /out of order/],
    ['[z-a]', /out of order/],
    ['(a', /unterminated group/],
    ['a)', /unmatched \)/],
    ['[ab', /unterminated character class/],
    ['ab\\', /at end of pattern/],
    ['\\c1', /invalid \\c/],
    ['a{1001}', /above 1000/],
    ['(a{1000}){1000}', /too large/],
    ['((((((((((((((((((((((((((((((((((a))))))))))))))))))))))))))))))))))', /nested deeper/],
  ])('%s', (source, message) => {
    expect(refusal(source)).toMatch(message);
    expect(refusal(source).startsWith('pattern')).toBe(true);
  });

  it('refuses patterns over the length limit', () => {
    expect(refusal('a'.repeat(PATTERN_LIMITS.maxSourceLength + 1))).toMatch(/longer than 500/);
  });
});

describe('compilePattern: catastrophic patterns run in linear time', () => {
  const HOSTILE: Array<[string, string]> = [
    ['(a+)+$', 'a'.repeat(4000) + '!'],
    ['^(a|a)*b$', 'a'.repeat(4000)],
    ['^(a|aa)+$', 'a'.repeat(3999) + 'b'],
    ['\\d+\\d+\\d+\\d+x', '1'.repeat(4000)],
    ['(.*a){12}', 'a'.repeat(10) + 'b'.repeat(2000)],
    ['^(([a-z])+.)+[A-Z]([a-z])+$', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!'.repeat(50)],
    ['(x+x+)+y', 'x'.repeat(4000)],
    ['.*.*.*=.*', 'x'.repeat(4000)],
  ];
  it.each(HOSTILE)('%s on a long input finishes quickly and correctly', (source, input) => {
    const { value, ms } = timed(() => {
      try {
        return pattern(source).test(input);
      } catch (e: unknown) {
        return e instanceof ExpressionError ? 'budget' : 'other';
      }
    });
    expect(ms).toBeLessThan(1500);
    // A backtracking engine hangs on these; the VM answers (or stops at its step budget).
    expect([false, 'budget']).toContain(value);
  });

  it('the step budget stops work that would exceed it, with an ExpressionError', () => {
    const tiny = pattern('(a|b)*c', { stepBudget: 100 });
    expect(() => tiny.test('ab'.repeat(200))).toThrow(ExpressionError);
    expect(() => tiny.replaceAll('ab'.repeat(200), '')).toThrow(/step budget/);
    expect(tiny.test('abc')).toBe(true);
  });

  it('keeps working after its internal list counter wraps (long-running processes)', () => {
    const loop = pattern('(a*)*b');
    (loop as unknown as { generation: number }).generation = 2 ** 31 - 5; // past Int32Array's range
    expect(loop.test('aaaaaaaaaa')).toBe(false);
    expect(loop.test('aaaab')).toBe(true);
    expect((loop as unknown as { generation: number }).generation).toBeLessThan(100);
  });

  it('a pattern with a large expanded program stays within the default budget on typical inputs', () => {
    const maxLength = pattern('^.{0,255}$');
    expect(maxLength.test('x'.repeat(255))).toBe(true);
    expect(maxLength.test('x'.repeat(256))).toBe(false);
  });
});

describe('compilePattern: differential fuzz against RegExp', () => {
  let seed = 20240615;
  const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)];
  const ATOMS = ['a', 'b', '1', '.', '\\d', '\\w', '\\s', '\\W', '[ab]', '[^a]', '[a-c1]', ' '];
  const QUANTIFIERS = ['', '', '*', '+', '?', '{0,2}', '{1,3}', '{2}', '*?', '+?', '??'];
  const NULLABLE = new Set(['*', '?', '{0,2}', '*?', '??']);
  const ASSERTS = ['^', '$', '\\b', '\\B'];

  /**
   * Random pattern; `strict` keeps quantifiers off groups that can match the empty string. Only
   * there do ECMAScript's "an iteration may not match empty" rule and the VM (like RE2) differ, and
   * only in which of several matches replaceAll picks, never in whether test() matches.
   */
  const gen = (depth: number, strict: boolean): { src: string; nullable: boolean } => {
    const parts: Array<{ src: string; nullable: boolean }> = [];
    const count = 1 + Math.floor(rand() * 3);
    for (let i = 0; i < count; i++) {
      const roll = rand();
      if (roll < 0.1) {
        parts.push({ src: pick(ASSERTS), nullable: true });
      } else if (roll < 0.3 && depth < 3) {
        const first = gen(depth + 1, strict);
        const second = rand() < 0.4 ? gen(depth + 1, strict) : undefined;
        const bodyNullable = first.nullable || !!second?.nullable;
        const q = strict && bodyNullable ? '' : pick(QUANTIFIERS);
        const body = `${rand() < 0.5 ? '?:' : ''}${first.src}${second ? `|${second.src}` : ''}`;
        parts.push({ src: `(${body})${q}`, nullable: bodyNullable || NULLABLE.has(q) });
      } else {
        const q = pick(QUANTIFIERS);
        parts.push({ src: pick(ATOMS) + q, nullable: NULLABLE.has(q) });
      }
    }
    return { src: parts.map((p) => p.src).join(''), nullable: parts.every((p) => p.nullable) };
  };
  const input = () => Array.from({ length: Math.floor(rand() * 10) }, () => pick([...'ab1 _-\n'])).join('');

  const differential = (strict: boolean, compareReplace: boolean): string[] => {
    const mismatches: string[] = [];
    for (let i = 0; i < 1000; i++) {
      const source = gen(0, strict).src;
      const flags = pick(['', 'i', 'm']);
      const safe = pattern(source, { ignoreCase: flags === 'i', multiline: flags === 'm' });
      for (let j = 0; j < 3; j++) {
        const text = input();
        if (safe.test(text) !== new RegExp(source, flags).test(text)) mismatches.push(`test /${source}/${flags} on ${JSON.stringify(text)}`);
        if (compareReplace && safe.replaceAll(text, '<>') !== text.replace(new RegExp(source, flags + 'g'), '<>')) {
          mismatches.push(`replace /${source}/${flags} on ${JSON.stringify(text)}`);
        }
      }
    }
    return mismatches;
  };

  it('test() agrees with the native engine on 3000 random pattern/input pairs', () => {
    expect(differential(false, false)).toEqual([]);
  });

  it('test() and replaceAll() agree on 3000 pairs whose repeated groups cannot match empty', () => {
    expect(differential(true, true)).toEqual([]);
  });
});
