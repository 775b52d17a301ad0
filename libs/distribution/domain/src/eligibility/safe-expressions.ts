import { CompiledExpression, compileExpression, isExpressionError, isTruthy } from '@leadx/catalog-expressions';

/**
 * The criteria environment's `evaluateExpression` for Expression and Function criteria, through
 * the safe expression engine (no eval). Compiled once per expression text; a parse error throws,
 * which the criteria lib turns into a failed criterion (fail closed) with the error in the log.
 */
export function safeExpressionEvaluator(now: () => Date = () => new Date(), cacheSize = 5_000): (expression: string, lead: Readonly<Record<string, string>>) => boolean {
  const cache = new Map<string, CompiledExpression>();
  return (expression, lead) => {
    let compiled = cache.get(expression);
    if (!compiled) {
      const result = compileExpression(expression);
      if (isExpressionError(result)) throw new Error(result.message);
      if (cache.size >= cacheSize) cache.clear();
      cache.set(expression, result);
      compiled = result;
    }
    return isTruthy(compiled.evaluate(lead, { now }));
  };
}
