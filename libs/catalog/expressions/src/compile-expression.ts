import { CompiledExpression } from './compiled-expression';
import { ExpressionError } from './expression-error';
import { parseExpression } from './expression-parser';

/**
 * Compiles an operator-written expression (a computed field's ComputedExpr, a criteria rule) once.
 * Returns an ExpressionError instead of throwing, so callers can show the operator what is wrong.
 */
export function compileExpression(source: string): CompiledExpression | ExpressionError {
  const root = parseExpression(source);
  return root instanceof ExpressionError ? root : new CompiledExpression(source, root);
}
