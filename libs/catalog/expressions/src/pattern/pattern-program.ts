import { ExpressionError } from '../expression-error';
import { PATTERN_LIMITS } from './pattern-limits';
import { AssertKind, CharTest, PatternNode } from './pattern-syntax';

/** Pike VM instructions. `split` prefers x over y, which gives JavaScript's leftmost-first priority. */
export type Instruction =
  | { readonly op: 'char'; readonly test: CharTest }
  | { op: 'split'; x: number; y: number }
  | { op: 'jmp'; x: number }
  | { readonly op: 'assert'; readonly kind: AssertKind }
  | { readonly op: 'match' };

/** Compiles the tree to a program; counted repetitions are expanded, within maxProgramSize. */
export function compileProgram(root: PatternNode): Instruction[] {
  const program: Instruction[] = [];
  const emit = <T extends Instruction>(inst: T): T => {
    if (program.length >= PATTERN_LIMITS.maxProgramSize) {
      throw new ExpressionError(`pattern: too large once repetitions are expanded (over ${PATTERN_LIMITS.maxProgramSize} steps)`);
    }
    program.push(inst);
    return inst;
  };

  const compile = (node: PatternNode): void => {
    switch (node.t) {
      case 'empty':
        return;
      case 'char':
        emit({ op: 'char', test: node.test });
        return;
      case 'assert':
        emit({ op: 'assert', kind: node.kind });
        return;
      case 'cat':
        node.items.forEach(compile);
        return;
      case 'alt': {
        const exits: Array<{ op: 'jmp'; x: number }> = [];
        node.branches.forEach((branch, i) => {
          if (i === node.branches.length - 1) {
            compile(branch);
            return;
          }
          const split = emit({ op: 'split', x: program.length + 1, y: -1 });
          compile(branch);
          exits.push(emit({ op: 'jmp', x: -1 }));
          split.y = program.length;
        });
        exits.forEach((jmp) => (jmp.x = program.length));
        return;
      }
      case 'rep': {
        for (let i = 0; i < node.min; i++) compile(node.node);
        if (node.max === Infinity) {
          const loop = program.length;
          const split = emit({ op: 'split', x: -1, y: -1 });
          const body = program.length;
          compile(node.node);
          emit({ op: 'jmp', x: loop });
          prefer(split, node.greedy, body, program.length);
          return;
        }
        const optional: Array<{ split: { op: 'split'; x: number; y: number }; body: number }> = [];
        for (let i = node.min; i < node.max; i++) {
          const split = emit({ op: 'split', x: -1, y: -1 });
          optional.push({ split, body: program.length });
          compile(node.node);
        }
        optional.forEach(({ split, body }) => prefer(split, node.greedy, body, program.length));
        return;
      }
    }
  };

  compile(root);
  emit({ op: 'match' });
  return program;
}

function prefer(split: { x: number; y: number }, greedy: boolean, body: number, skip: number): void {
  split.x = greedy ? body : skip;
  split.y = greedy ? skip : body;
}
