/**
 * Bounds that make every expression cheap to compile and to evaluate. There are no loops or
 * user-defined functions, so evaluation visits each node once; these limits bound the node count
 * and the size of any text an expression can build.
 */
export const EXPRESSION_LIMITS = {
  maxSourceLength: 2000,
  /** Bracket nesting, checked before parsing so the parser's recursion stays shallow. */
  maxNesting: 32,
  /** Depth of the checked tree (operator chains such as `!!!!x` count too). */
  maxDepth: 64,
  maxNodes: 400,
  /** Longest text any operator or function may produce; longer results stop the evaluation. */
  maxTextLength: 65_536,
} as const;
