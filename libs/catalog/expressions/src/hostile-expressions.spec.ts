import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileExpression, EXPRESSION_LIMITS, ExpressionError, isExpressionError } from './index';

/**
 * Operator expressions are untrusted text, and lead values even more so. Every hostile input must
 * end as a compile error, a runtime ExpressionError or a harmless value: never code execution,
 * never a reachable prototype, global or constructor.
 */
const CANARY = '__leadxExpressionCanary';
const globals = globalThis as Record<string, unknown>;

function outcome(source: string, vars: Record<string, string> = {}): unknown {
  const compiled = compileExpression(source);
  if (isExpressionError(compiled)) return compiled;
  try {
    return compiled.evaluate(vars);
  } catch (e: unknown) {
    if (e instanceof ExpressionError) return e;
    throw e;
  }
}

const HOSTILE_SOURCES = [
  'constructor.constructor("return process")()',
  `constructor.constructor("globalThis.${CANARY} = 1")()`,
  `constructor["constructor"]("globalThis.${CANARY} = 1")()`,
  '"".constructor.constructor("return this")()',
  '(1).constructor',
  'constructor',
  '__proto__',
  '__proto__.polluted',
  'prototype',
  'toString',
  'valueOf()',
  'hasOwnProperty("x")',
  'process',
  'process.exit(1)',
  'require("child_process")',
  'globalThis',
  'eval("1")',
  'Function("return 1")()',
  'this.constructor',
  'upper.constructor("return 1")()',
  'upper["constructor"]',
  '[constructor][0]',
  'field("constructor")',
  'field("__proto__")',
  'field("toString")',
  `x = "${CANARY}"`,
  'Object.assign(__proto__, {a: 1})',
  '() => 1',
  'new Date()',
  '`template ${1}`',
  '/regex/.test("a")',
  'a?.b',
  'import("fs")',
  'concat(constructor, __proto__)',
  'iif(1, constructor, 2)',
];

describe('hostile expressions', () => {
  beforeEach(() => {
    delete globals[CANARY];
  });

  it.each(HOSTILE_SOURCES)('%s is refused or harmless', (source) => {
    const exitBefore = process.exit;
    const result = outcome(source, { x: 'safe', __proto__: 'own' } as Record<string, string>);
    expect(result === null || ['string', 'number', 'boolean'].includes(typeof result) || result instanceof ExpressionError).toBe(true);
    expect(typeof result).not.toBe('function');
    expect(globals[CANARY]).toBeUndefined();
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(({} as Record<string, unknown>)['a']).toBeUndefined();
    expect(process.exit).toBe(exitBefore);
  });

  it('the classic constructor escape is refused at compile time, not merely defused', () => {
    const result = compileExpression('constructor.constructor("return process")()');
    expect(isExpressionError(result)).toBe(true);
  });

  it('bare names that exist on Object.prototype resolve to nothing', () => {
    for (const name of ['toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf']) {
      expect(outcome(name)).toBeNull();
    }
  });

  it('lead values are data: a value that looks like code stays text', () => {
    const vars = { Name: 'constructor.constructor("return process")()', Other: `globalThis.${CANARY}=1` };
    expect(outcome('concat(Name, Other)', vars)).toBe(vars.Name + vars.Other);
    expect(outcome('upper(Name)', vars)).toBe(vars.Name.toUpperCase());
    expect(globals[CANARY]).toBeUndefined();
  });

  it('reads only own variables: an inherited name on the vars object is not visible', () => {
    const inherited = Object.create({ Secret: 'from prototype' }) as Record<string, string>;
    expect(outcome('Secret', inherited)).toBeNull();
    expect(outcome('field("Secret")', inherited)).toBeNull();
  });

  it('non-string variable values (a smuggled function or object) read as missing', () => {
    const vars = { Fn: (() => 'ran') as unknown as string, Obj: { toString: () => 'ran' } as unknown as string };
    expect(outcome('Fn', vars)).toBeNull();
    expect(outcome('concat(Fn, Obj)', vars)).toBe('');
  });

  it('deeply nested parentheses are refused before the recursive parser runs', () => {
    const deep = `${'('.repeat(900)}1${')'.repeat(900)}`;
    expect((outcome(deep) as ExpressionError).message).toMatch(/nested deeper/);
    const deepCalls = `${'upper('.repeat(300)}"a"${')'.repeat(300)}`;
    expect(outcome(deepCalls)).toBeInstanceOf(ExpressionError);
  });

  it('long operator chains are refused by the depth and size limits', () => {
    expect(outcome('!'.repeat(1999) + 'a')).toBeInstanceOf(ExpressionError);
    expect(outcome('-'.repeat(1999) + '1')).toBeInstanceOf(ExpressionError);
    expect(outcome(Array.from({ length: 600 }, () => 'a').join('+').slice(0, 1999))).toBeInstanceOf(ExpressionError);
  });

  it('huge inputs cannot blow up the output: text results are capped', () => {
    const big = 'x'.repeat(40_000);
    expect(outcome('concat(A, A)', { A: big })).toBeInstanceOf(ExpressionError);
    expect(outcome('A + A', { A: big })).toBeInstanceOf(ExpressionError);
    expect(outcome('replace(A, "x", "yyyy")', { A: big })).toBeInstanceOf(ExpressionError);
    expect(outcome('upper(A)', { A: 'y'.repeat(EXPRESSION_LIMITS.maxTextLength + 1) })).toBeInstanceOf(ExpressionError);
    expect(outcome('len(A)', { A: big })).toBe(40_000);
  });

  it('a worst-case expression still evaluates quickly (no loops exist)', () => {
    const source = Array.from({ length: 40 }, () => 'concat(A, A, A, A)').join(' + ').slice(0, EXPRESSION_LIMITS.maxSourceLength);
    const compiled = compileExpression(source.replace(/ \+ [^+]*$/, ''));
    expect(isExpressionError(compiled)).toBe(false);
    if (isExpressionError(compiled)) return;
    const started = Date.now();
    for (let i = 0; i < 200; i++) compiled.evaluate({ A: 'x'.repeat(100) });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('random garbage never throws anything but returns an error or a value', () => {
    let seed = 42;
    const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    const alphabet = [...'()[]{}"\'.,;:+-*/%!?<>=&|^~` \\$_aZ09', 'constructor', '__proto__', 'upper', 'this', 'new ', '=>', '1e999'];
    for (let i = 0; i < 3000; i++) {
      const length = Math.floor(rand() * 30);
      let source = '';
      for (let j = 0; j < length; j++) source += alphabet[Math.floor(rand() * alphabet.length)];
      expect(() => outcome(source, { a: '1', Z: 'z' })).not.toThrow();
    }
    expect(globals[CANARY]).toBeUndefined();
  });
});

describe('no code generation anywhere in the engine', () => {
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.spec.ts') ? [join(dir, e.name)] : []));

  it('neither this lib nor jsep uses eval, new Function or vm', () => {
    const sources = [...files(__dirname), require.resolve('jsep')].map((f) => readFileSync(f, 'utf8'));
    for (const text of sources) {
      expect(text).not.toMatch(/\beval\s*\(|new\s+Function\b|\bFunction\s*\(|from ['"](node:)?vm['"]|require\(['"](node:)?vm['"]\)/);
    }
  });
});
