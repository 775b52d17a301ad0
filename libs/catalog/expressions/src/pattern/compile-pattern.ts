import { ExpressionError } from '../expression-error';
import { PATTERN_LIMITS } from './pattern-limits';
import { compileProgram } from './pattern-program';
import { parsePattern } from './pattern-syntax';
import { SafePattern } from './safe-pattern';

export interface PatternOptions {
  ignoreCase?: boolean;
  multiline?: boolean;
  dotAll?: boolean;
  /** Overrides PATTERN_LIMITS.defaultStepBudget for each test/replaceAll call. */
  stepBudget?: number;
}

/** .NET-style leading inline options, e.g. `(?i)`, which LeadExec operators may have written. */
const INLINE_OPTIONS = /^\(\?([ims]{1,3})\)/;

/**
 * Compiles an operator-written regular expression (JavaScript syntax, non-unicode mode) into a
 * linear-time SafePattern, or explains why not: backreferences, lookaround, unicode escapes and
 * oversized patterns are refused.
 */
export function compilePattern(source: string, options: PatternOptions = {}): SafePattern | ExpressionError {
  if (typeof source !== 'string') return new ExpressionError('pattern must be text');
  if (source.length > PATTERN_LIMITS.maxSourceLength) {
    return new ExpressionError(`pattern longer than ${PATTERN_LIMITS.maxSourceLength} characters`);
  }
  const flags = { ignoreCase: !!options.ignoreCase, multiline: !!options.multiline, dotAll: !!options.dotAll };
  let body = source;
  const inline = INLINE_OPTIONS.exec(body);
  if (inline) {
    flags.ignoreCase ||= inline[1].includes('i');
    flags.multiline ||= inline[1].includes('m');
    flags.dotAll ||= inline[1].includes('s');
    body = body.slice(inline[0].length);
  }
  try {
    const program = compileProgram(parsePattern(body, flags));
    return new SafePattern(source, program, flags.multiline, options.stepBudget ?? PATTERN_LIMITS.defaultStepBudget);
  } catch (e: unknown) {
    if (e instanceof ExpressionError) return e;
    throw e;
  }
}
