import { ExpressionError } from '../expression-error';
import { Instruction } from './pattern-program';
import { AssertKind, isLineTerminator, isWordCode } from './pattern-syntax';

interface ThreadList {
  pcs: Int32Array;
  starts: Int32Array;
  count: number;
}

interface Match {
  start: number;
  end: number;
}

/**
 * An operator's regular expression, run by a Pike VM: all alternatives advance together one
 * character at a time, so a test costs at most (input length x program size) steps whatever the
 * pattern. There is no backtracking to explode, which is what makes `(a+)+$` harmless here. A step
 * budget caps even that product; running out throws ExpressionError.
 */
export class SafePattern {
  private readonly seen: Int32Array;
  private readonly stack: Int32Array;
  private readonly lists: [ThreadList, ThreadList];
  private generation = 0;
  private steps = 0;

  constructor(
    readonly source: string,
    private readonly program: readonly Instruction[],
    private readonly multiline: boolean,
    private readonly stepBudget: number,
  ) {
    this.seen = new Int32Array(program.length);
    this.stack = new Int32Array(program.length * 2 + 2);
    const list = (): ThreadList => ({ pcs: new Int32Array(program.length), starts: new Int32Array(program.length), count: 0 });
    this.lists = [list(), list()];
  }

  /** Whether the pattern matches anywhere in the input (RegExp.prototype.test semantics). */
  test(input: string): boolean {
    this.steps = 0;
    return this.search(input, 0, true) !== null;
  }

  /** Every match replaced, like `input.replace(/pattern/g, replacement)` with a literal replacement. */
  replaceAll(input: string, replacement: string): string {
    this.steps = 0;
    let out = '';
    let last = 0;
    for (let from = 0; from <= input.length; ) {
      const m = this.search(input, from, false);
      if (!m) break;
      out += input.slice(last, m.start) + replacement;
      last = m.end;
      from = m.end === m.start ? m.end + 1 : m.end;
    }
    return out + input.slice(last);
  }

  /** Leftmost-first match starting at or after `from`; with `any`, the first match found at all. */
  private search(input: string, from: number, any: boolean): Match | null {
    let [current, next] = this.lists;
    current.count = 0;
    let generation = this.nextGeneration();
    let matched: Match | null = null;
    for (let pos = from; ; pos++) {
      // A new thread starts at each position until something matched: it has the lowest priority,
      // so earlier starts win (leftmost).
      if (!matched) this.addThread(current, 0, pos, pos, input, generation);
      generation = this.nextGeneration();
      next.count = 0;
      const code = pos < input.length ? input.charCodeAt(pos) : -1;
      for (let i = 0; i < current.count; i++) {
        const inst = this.program[current.pcs[i]];
        if (inst.op === 'match') {
          matched = { start: current.starts[i], end: pos };
          if (any) return matched;
          break; // lower-priority threads lose to this match
        }
        this.spend(1);
        if (inst.op === 'char' && code !== -1 && inst.test(code)) {
          this.addThread(next, current.pcs[i] + 1, current.starts[i], pos + 1, input, generation);
        }
      }
      [current, next] = [next, current];
      if (pos >= input.length || (matched && current.count === 0)) break;
    }
    return matched;
  }

  /** Follows jumps, splits and assertions from `pc` (depth-first, preferred branch first). */
  private addThread(list: ThreadList, pc: number, start: number, pos: number, input: string, generation: number): void {
    let top = 0;
    this.stack[top++] = pc;
    while (top > 0) {
      const at = this.stack[--top];
      if (this.seen[at] === generation) continue;
      this.seen[at] = generation;
      this.spend(1);
      const inst = this.program[at];
      switch (inst.op) {
        case 'jmp':
          this.stack[top++] = inst.x;
          break;
        case 'split':
          this.stack[top++] = inst.y;
          this.stack[top++] = inst.x;
          break;
        case 'assert':
          if (this.holds(inst.kind, input, pos)) this.stack[top++] = at + 1;
          break;
        default:
          list.pcs[list.count] = at;
          list.starts[list.count] = start;
          list.count++;
      }
    }
  }

  private holds(kind: AssertKind, input: string, pos: number): boolean {
    switch (kind) {
      case 'start':
        return pos === 0 || (this.multiline && isLineTerminator(input.charCodeAt(pos - 1)));
      case 'end':
        return pos === input.length || (this.multiline && isLineTerminator(input.charCodeAt(pos)));
      case 'wordBoundary':
      case 'notWordBoundary': {
        const before = pos > 0 && isWordCode(input.charCodeAt(pos - 1));
        const after = pos < input.length && isWordCode(input.charCodeAt(pos));
        return (before !== after) === (kind === 'wordBoundary');
      }
    }
  }

  /**
   * Marks which list a `seen` entry belongs to. Int32Array entries wrap at 2^31, which a
   * long-running receiver reaches; restarting from a cleared array keeps the marks exact (a stale
   * mark would make addThread loop on an empty-matching cycle).
   */
  private nextGeneration(): number {
    if (this.generation >= 0x3fffffff) {
      this.seen.fill(0);
      this.generation = 0;
    }
    return ++this.generation;
  }

  private spend(units: number): void {
    this.steps += units;
    if (this.steps > this.stepBudget) {
      throw new ExpressionError(`pattern ${this.source.slice(0, 40)} ran out of its step budget (${this.stepBudget})`);
    }
  }
}
