import { ExpressionError } from '../expression-error';
import { PATTERN_LIMITS } from './pattern-limits';

export type CharTest = (code: number) => boolean;
export type AssertKind = 'start' | 'end' | 'wordBoundary' | 'notWordBoundary';

/** The regular-language subset the engine runs: no backreferences, no lookaround. */
export type PatternNode =
  | { readonly t: 'empty' }
  | { readonly t: 'char'; readonly test: CharTest }
  | { readonly t: 'assert'; readonly kind: AssertKind }
  | { readonly t: 'cat'; readonly items: readonly PatternNode[] }
  | { readonly t: 'alt'; readonly branches: readonly PatternNode[] }
  | { readonly t: 'rep'; readonly node: PatternNode; readonly min: number; readonly max: number; readonly greedy: boolean };

export interface PatternFlags {
  ignoreCase: boolean;
  multiline: boolean;
  dotAll: boolean;
}

type Range = readonly [number, number];
interface RangeSet {
  readonly ranges: readonly Range[];
  readonly negated: boolean;
}
type ClassAtom = { readonly single: number } | { readonly set: RangeSet };

const DIGIT: Range[] = [[48, 57]];
const WORD: Range[] = [[48, 57], [65, 90], [95, 95], [97, 122]];
// JavaScript's \s: WhiteSpace and LineTerminator code points.
const SPACE: Range[] = [
  [9, 13], [32, 32], [0xa0, 0xa0], [0x1680, 0x1680], [0x2000, 0x200a], [0x2028, 0x2029],
  [0x202f, 0x202f], [0x205f, 0x205f], [0x3000, 0x3000], [0xfeff, 0xfeff],
];
const CLASS_ESCAPES: Record<string, RangeSet> = {
  d: { ranges: DIGIT, negated: false },
  D: { ranges: DIGIT, negated: true },
  w: { ranges: WORD, negated: false },
  W: { ranges: WORD, negated: true },
  s: { ranges: SPACE, negated: false },
  S: { ranges: SPACE, negated: true },
};
const CONTROL_ESCAPES: Record<string, number> = { t: 9, n: 10, v: 11, f: 12, r: 13 };

export function isWordCode(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || code === 95 || (code >= 97 && code <= 122);
}

export function isLineTerminator(code: number): boolean {
  return code === 10 || code === 13 || code === 0x2028 || code === 0x2029;
}

function inRanges(ranges: readonly Range[], code: number): boolean {
  for (const [lo, hi] of ranges) if (code >= lo && code <= hi) return true;
  return false;
}

/** Single-unit case mappings, as JavaScript's non-unicode case folding uses them. */
function fold(code: number, upper: boolean): number {
  if (code < 128) {
    if (upper) return code >= 97 && code <= 122 ? code - 32 : code;
    return code >= 65 && code <= 90 ? code + 32 : code;
  }
  const ch = String.fromCharCode(code);
  const mapped = upper ? ch.toUpperCase() : ch.toLowerCase();
  return mapped.length === 1 ? mapped.charCodeAt(0) : code;
}

function buildTest(sets: readonly RangeSet[], negated: boolean, ignoreCase: boolean): CharTest {
  const member = (code: number) => sets.some((s) => inRanges(s.ranges, code) !== s.negated);
  const folded = ignoreCase ? (code: number) => member(code) || member(fold(code, false)) || member(fold(code, true)) : member;
  return negated ? (code) => !folded(code) : folded;
}

/** Recursive-descent parser for JavaScript regex syntax (non-unicode mode), minus the non-regular parts. */
class PatternParser {
  private pos = 0;

  constructor(
    private readonly src: string,
    private readonly flags: PatternFlags,
  ) {}

  parse(): PatternNode {
    const node = this.alternation(0);
    if (this.pos < this.src.length) this.fail('unmatched )');
    return node;
  }

  private fail(message: string): never {
    throw new ExpressionError(`pattern: ${message}`, this.pos);
  }

  private alternation(depth: number): PatternNode {
    const branches = [this.sequence(depth)];
    while (this.src[this.pos] === '|') {
      this.pos++;
      branches.push(this.sequence(depth));
    }
    return branches.length === 1 ? branches[0] : { t: 'alt', branches };
  }

  private sequence(depth: number): PatternNode {
    const items: PatternNode[] = [];
    while (this.pos < this.src.length && this.src[this.pos] !== '|' && this.src[this.pos] !== ')') {
      const isGroup = this.src[this.pos] === '(';
      items.push(this.quantified(this.atom(depth), isGroup));
    }
    if (items.length === 0) return { t: 'empty' };
    return items.length === 1 ? items[0] : { t: 'cat', items };
  }

  private atom(depth: number): PatternNode {
    const ch = this.src[this.pos];
    switch (ch) {
      case '(':
        return this.group(depth);
      case '[':
        return this.characterClass();
      case '.':
        this.pos++;
        return { t: 'char', test: this.flags.dotAll ? () => true : (code) => !isLineTerminator(code) };
      case '^':
        this.pos++;
        return { t: 'assert', kind: 'start' };
      case '$':
        this.pos++;
        return { t: 'assert', kind: 'end' };
      case '\\':
        return this.escape();
      case '*':
      case '+':
      case '?':
        return this.fail('nothing to repeat');
      case '{':
        if (this.quantifierAt(this.pos)) this.fail('nothing to repeat');
        break;
    }
    this.pos++;
    return this.literal(ch.charCodeAt(0));
  }

  private literal(code: number): PatternNode {
    return { t: 'char', test: buildTest([{ ranges: [[code, code]], negated: false }], false, this.flags.ignoreCase) };
  }

  /** `{n}`, `{n,}` or `{n,m}` at `at`; anything else is a literal brace (Annex B). */
  private quantifierAt(at: number): { min: number; max: number; length: number } | undefined {
    const m = /^\{(\d{1,9})(?:(,)(\d{0,9}))?\}/.exec(this.src.slice(at, at + 22));
    if (!m) return undefined;
    const min = Number(m[1]);
    const max = m[2] ? (m[3] ? Number(m[3]) : Infinity) : min;
    return { min, max, length: m[0].length };
  }

  /** A bare assertion cannot be repeated (JavaScript agrees); a group holding one can. */
  private quantified(node: PatternNode, isGroup: boolean): PatternNode {
    let min: number;
    let max: number;
    const ch = this.src[this.pos];
    if (ch === '*' || ch === '+' || ch === '?') {
      [min, max] = ch === '*' ? [0, Infinity] : ch === '+' ? [1, Infinity] : [0, 1];
      this.pos++;
    } else if (ch === '{' && this.quantifierAt(this.pos)) {
      const q = this.quantifierAt(this.pos);
      if (!q) return node;
      ({ min, max } = q);
      this.pos += q.length;
      if (min > max) this.fail('numbers out of order in {} quantifier');
      if (min > PATTERN_LIMITS.maxRepeat || (max !== Infinity && max > PATTERN_LIMITS.maxRepeat)) {
        this.fail(`repeat counts above ${PATTERN_LIMITS.maxRepeat} are not allowed`);
      }
    } else {
      return node;
    }
    if (node.t === 'assert' && !isGroup) this.fail('nothing to repeat');
    const lazy = this.src[this.pos] === '?';
    if (lazy) this.pos++;
    return { t: 'rep', node, min, max, greedy: !lazy };
  }

  private group(depth: number): PatternNode {
    this.pos++;
    if (this.src[this.pos] === '?') {
      const next = this.src[this.pos + 1];
      if (next === ':') {
        this.pos += 2;
      } else if (next === '<' && this.src[this.pos + 2] !== '=' && this.src[this.pos + 2] !== '!') {
        const name = /^<([A-Za-z_$][\w$]{0,63})>/.exec(this.src.slice(this.pos + 1, this.pos + 70));
        if (!name) this.fail('invalid group name');
        this.pos += 1 + name[0].length;
      } else if (next === '=' || next === '!' || next === '<') {
        this.fail('lookahead and lookbehind are not supported');
      } else {
        this.fail('invalid group');
      }
    }
    if (depth + 1 > PATTERN_LIMITS.maxGroupDepth) this.fail(`groups nested deeper than ${PATTERN_LIMITS.maxGroupDepth}`);
    const inner = this.alternation(depth + 1);
    if (this.src[this.pos] !== ')') this.fail('unterminated group');
    this.pos++;
    return inner;
  }

  private escape(): PatternNode {
    this.pos++;
    if (this.pos >= this.src.length) this.fail('\\ at end of pattern');
    const ch = this.src[this.pos];
    if (ch === 'b' || ch === 'B') {
      this.pos++;
      return { t: 'assert', kind: ch === 'b' ? 'wordBoundary' : 'notWordBoundary' };
    }
    const atom = this.escapeAtom(false);
    return 'single' in atom
      ? this.literal(atom.single)
      : { t: 'char', test: buildTest([atom.set], false, this.flags.ignoreCase) };
  }

  /** The escape after a backslash (pos at the escaped character), in or out of a class. */
  private escapeAtom(inClass: boolean): ClassAtom {
    const ch = this.src[this.pos++];
    if (ch in CLASS_ESCAPES) return { set: CLASS_ESCAPES[ch] };
    if (ch in CONTROL_ESCAPES) return { single: CONTROL_ESCAPES[ch] };
    if (inClass && ch === 'b') return { single: 8 };
    if (ch >= '1' && ch <= '9') this.fail('backreferences are not supported');
    if (ch === '0') {
      if (/[0-9]/.test(this.src[this.pos] ?? '')) this.fail('octal escapes are not supported');
      return { single: 0 };
    }
    if (ch === 'k' && !inClass) this.fail('backreferences are not supported');
    if (ch === 'p' || ch === 'P') this.fail('unicode property escapes are not supported');
    if (ch === 'c') {
      const letter = this.src[this.pos];
      if (!letter || !/[A-Za-z]/.test(letter)) this.fail('invalid \\c escape');
      this.pos++;
      return { single: letter.charCodeAt(0) % 32 };
    }
    if (ch === 'x' || ch === 'u') {
      const width = ch === 'x' ? 2 : 4;
      const hex = this.src.slice(this.pos, this.pos + width);
      if (hex.length === width && /^[0-9A-Fa-f]+$/.test(hex)) {
        this.pos += width;
        return { single: parseInt(hex, 16) };
      }
      if (ch === 'u' && this.src[this.pos] === '{') this.fail('\\u{...} needs unicode mode, which is not supported');
    }
    return { single: ch.charCodeAt(0) };
  }

  private classAtom(): ClassAtom {
    if (this.src[this.pos] === '\\') {
      this.pos++;
      if (this.pos >= this.src.length) this.fail('\\ at end of pattern');
      return this.escapeAtom(true);
    }
    return { single: this.src.charCodeAt(this.pos++) };
  }

  private characterClass(): PatternNode {
    this.pos++;
    const negated = this.src[this.pos] === '^';
    if (negated) this.pos++;
    const sets: RangeSet[] = [];
    const singles: Range[] = [];
    for (;;) {
      if (this.pos >= this.src.length) this.fail('unterminated character class');
      if (this.src[this.pos] === ']') {
        this.pos++;
        break;
      }
      const first = this.classAtom();
      const isRange = this.src[this.pos] === '-' && this.pos + 1 < this.src.length && this.src[this.pos + 1] !== ']';
      if (!isRange) {
        if ('single' in first) singles.push([first.single, first.single]);
        else sets.push(first.set);
        continue;
      }
      if (!('single' in first)) {
        // [\d-x]: Annex B reads the dash literally.
        sets.push(first.set);
        continue;
      }
      this.pos++;
      const second = this.classAtom();
      if ('single' in second) {
        if (first.single > second.single) this.fail('range out of order in character class');
        singles.push([first.single, second.single]);
      } else {
        singles.push([first.single, first.single], [45, 45]);
        sets.push(second.set);
      }
    }
    if (singles.length) sets.push({ ranges: singles, negated: false });
    return { t: 'char', test: buildTest(sets, negated, this.flags.ignoreCase) };
  }
}

export function parsePattern(source: string, flags: PatternFlags): PatternNode {
  return new PatternParser(source, flags).parse();
}
