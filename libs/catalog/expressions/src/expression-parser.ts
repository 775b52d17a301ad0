import jsep from 'jsep';
import { BINARY_OPERATORS, BinaryOperator, ExpressionNode, UNARY_OPERATORS, UnaryOperator } from './expression-ast';
import { ExpressionError } from './expression-error';
import { EXPRESSION_FUNCTIONS } from './expression-functions';
import { EXPRESSION_LIMITS } from './expression-limits';

/** Names that could reach JavaScript internals if anything ever looked them up on an object. */
const FORBIDDEN_NAMES = new Set(['constructor', 'prototype', 'this', 'globalThis', 'process', 'require', 'eval', 'Function']);

/**
 * Source text to a checked tree. jsep only parses (it never evaluates); this walk then rejects
 * every node kind and operator outside the small language, so the evaluator only ever sees the
 * kinds in ExpressionNode.
 */
export function parseExpression(source: string): ExpressionNode | ExpressionError {
  if (typeof source !== 'string') return new ExpressionError('expression must be text');
  if (source.length > EXPRESSION_LIMITS.maxSourceLength) {
    return new ExpressionError(`expression longer than ${EXPRESSION_LIMITS.maxSourceLength} characters`);
  }
  if (!source.trim()) return new ExpressionError('expression is empty');
  const nesting = nestingProblem(source);
  if (nesting) return nesting;
  let tree: jsep.Expression;
  try {
    tree = jsep(source);
  } catch (e: unknown) {
    if (e instanceof RangeError) return new ExpressionError('expression is nested too deeply');
    const index = (e as { index?: unknown }).index;
    const description = (e as { description?: unknown }).description;
    return new ExpressionError(
      `syntax error: ${typeof description === 'string' ? description : 'cannot parse'}`,
      typeof index === 'number' ? index : undefined,
    );
  }
  const budget = { nodes: 0 };
  try {
    return convert(tree, 0, budget);
  } catch (e: unknown) {
    if (e instanceof ExpressionError) return e;
    if (e instanceof RangeError) return new ExpressionError('expression is nested too deeply');
    throw e;
  }
}

/** Maximum bracket depth outside string literals, checked before the recursive parser runs. */
function nestingProblem(source: string): ExpressionError | undefined {
  let depth = 0;
  let quote: string | null = null;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
    } else if (ch === '(' || ch === '[' || ch === '{') {
      if (++depth > EXPRESSION_LIMITS.maxNesting) {
        return new ExpressionError(`brackets nested deeper than ${EXPRESSION_LIMITS.maxNesting}`, i);
      }
    } else if (ch === ')' || ch === ']' || ch === '}') {
      depth--;
    }
  }
  return undefined;
}

function checkName(name: string): string {
  if (FORBIDDEN_NAMES.has(name) || name.startsWith('__')) throw new ExpressionError(`name not allowed: ${name}`);
  return name;
}

function isOneOf<T extends string>(list: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (list as readonly string[]).includes(value);
}

function convert(node: jsep.Expression, depth: number, budget: { nodes: number }): ExpressionNode {
  if (depth > EXPRESSION_LIMITS.maxDepth) throw new ExpressionError('expression is nested too deeply');
  if (++budget.nodes > EXPRESSION_LIMITS.maxNodes) throw new ExpressionError(`expression has more than ${EXPRESSION_LIMITS.maxNodes} parts`);
  const next = (child: unknown): ExpressionNode => convert(child as jsep.Expression, depth + 1, budget);
  switch (node.type) {
    case 'Literal': {
      const value = node['value'];
      if (value === null || typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))) {
        return { kind: 'literal', value };
      }
      throw new ExpressionError('unsupported literal');
    }
    case 'Identifier':
      return { kind: 'variable', name: checkName(String(node['name'])) };
    case 'ArrayExpression': {
      // `[FieldName]`, the bracketed field reference operators know from SQL-style expressions.
      const elements = node['elements'];
      if (Array.isArray(elements) && elements.length === 1) {
        const only = elements[0] as jsep.Expression | null;
        if (only && only.type === 'Identifier') return { kind: 'variable', name: checkName(String(only['name'])) };
      }
      throw new ExpressionError('lists are not supported; use [FieldName] for a field');
    }
    case 'UnaryExpression': {
      const op = node['operator'];
      if (!isOneOf<UnaryOperator>(UNARY_OPERATORS, op)) throw new ExpressionError(`operator not allowed: ${String(op)}`);
      return { kind: 'unary', op, argument: next(node['argument']) };
    }
    case 'BinaryExpression': {
      const op = node['operator'];
      if (!isOneOf<BinaryOperator>(BINARY_OPERATORS, op)) throw new ExpressionError(`operator not allowed: ${String(op)}`);
      return { kind: 'binary', op, left: next(node['left']), right: next(node['right']) };
    }
    case 'ConditionalExpression':
      return { kind: 'conditional', test: next(node['test']), consequent: next(node['consequent']), alternate: next(node['alternate']) };
    case 'CallExpression': {
      const callee = node['callee'] as jsep.Expression;
      if (!callee || callee.type !== 'Identifier') throw new ExpressionError('only named functions can be called, e.g. upper(FirstName)');
      const name = String(callee['name']);
      const fn = EXPRESSION_FUNCTIONS.get(name);
      if (!fn) throw new ExpressionError(`unknown function: ${checkName(name)}`);
      const args = node['arguments'];
      if (!Array.isArray(args)) throw new ExpressionError(`bad arguments for ${name}`);
      if (args.length < fn.minArgs || args.length > fn.maxArgs) {
        const want = fn.minArgs === fn.maxArgs ? `${fn.minArgs}` : `${fn.minArgs}-${fn.maxArgs}`;
        throw new ExpressionError(`${name} takes ${want} argument${want === '1' ? '' : 's'}, got ${args.length}`);
      }
      return { kind: 'call', name, fn, args: args.map(next) };
    }
    case 'MemberExpression':
      throw new ExpressionError('property access (a.b, a[b]) is not allowed');
    case 'ThisExpression':
      throw new ExpressionError('name not allowed: this');
    case 'Compound':
      throw new ExpressionError('one expression only (no ; or juxtaposed terms)');
    default:
      throw new ExpressionError(`unsupported syntax: ${String(node.type)}`);
  }
}
