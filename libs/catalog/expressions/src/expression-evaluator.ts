import { BinaryOperator, ExpressionNode } from './expression-ast';
import { EvaluationContext, ownVar } from './expression-functions';
import { boundedText, ExpressionValue, finiteOrNull, isTruthy, toNumber, toText } from './expression-value';

/**
 * Walks a checked tree once. Every node is visited at most once per evaluation (no loops, no
 * recursion the expression controls), so the cost is bounded by the tree size.
 */
export function evaluateNode(node: ExpressionNode, ctx: EvaluationContext): ExpressionValue {
  switch (node.kind) {
    case 'literal':
      return node.value;
    case 'variable':
      return ownVar(ctx, node.name);
    case 'unary': {
      const value = evaluateNode(node.argument, ctx);
      if (node.op === '!') return !isTruthy(value);
      const n = toNumber(value);
      return n === null ? null : node.op === '-' ? -n : n;
    }
    case 'conditional':
      return isTruthy(evaluateNode(node.test, ctx)) ? evaluateNode(node.consequent, ctx) : evaluateNode(node.alternate, ctx);
    case 'binary':
      return binary(node.op, node.left, node.right, ctx);
    case 'call': {
      const result = node.fn.call(node.args.map((arg) => evaluateNode(arg, ctx)), ctx);
      return typeof result === 'string' ? boundedText(result) : result;
    }
  }
}

function binary(op: BinaryOperator, leftNode: ExpressionNode, rightNode: ExpressionNode, ctx: EvaluationContext): ExpressionValue {
  const left = evaluateNode(leftNode, ctx);
  // The logical operators short-circuit, as operators expect from any language.
  if (op === '&&') return isTruthy(left) ? evaluateNode(rightNode, ctx) : left;
  if (op === '||') return isTruthy(left) ? left : evaluateNode(rightNode, ctx);
  if (op === '??') return left === null || left === '' ? evaluateNode(rightNode, ctx) : left;
  const right = evaluateNode(rightNode, ctx);
  switch (op) {
    case '+':
      return plus(left, right);
    case '-':
    case '*':
    case '/':
    case '%':
      return arithmetic(op, left, right);
    case '==':
    case '===':
      return equal(left, right);
    case '!=':
    case '!==':
      return !equal(left, right);
    case '<':
    case '>':
    case '<=':
    case '>=':
      return compare(op, left, right);
  }
}

/** Adds when a number is involved and both sides are numeric, otherwise joins text ('1' + '2' is '12'). */
function plus(left: ExpressionValue, right: ExpressionValue): ExpressionValue {
  if (typeof left === 'number' || typeof right === 'number') {
    const a = toNumber(left);
    const b = toNumber(right);
    if (a !== null && b !== null) return finiteOrNull(a + b);
  }
  return boundedText(toText(left) + toText(right));
}

function arithmetic(op: '-' | '*' | '/' | '%', left: ExpressionValue, right: ExpressionValue): number | null {
  const a = toNumber(left);
  const b = toNumber(right);
  if (a === null || b === null) return null;
  if (op === '-') return finiteOrNull(a - b);
  if (op === '*') return finiteOrNull(a * b);
  if (op === '/') return finiteOrNull(a / b);
  return finiteOrNull(a % b);
}

/** A missing value equals empty text; booleans compare by truthiness; numbers numerically. */
function equal(left: ExpressionValue, right: ExpressionValue): boolean {
  if (typeof left === 'boolean' || typeof right === 'boolean') return isTruthy(left) === isTruthy(right);
  if (typeof left === 'number' || typeof right === 'number') {
    const a = toNumber(left);
    const b = toNumber(right);
    return a !== null && b !== null && a === b;
  }
  return toText(left) === toText(right);
}

/** Numeric when both sides are numbers or numeric text, otherwise text order; false with a missing side. */
function compare(op: '<' | '>' | '<=' | '>=', left: ExpressionValue, right: ExpressionValue): boolean {
  if (left === null || right === null) return false;
  const a = toNumber(left);
  const b = toNumber(right);
  const [x, y]: [number | string, number | string] = a !== null && b !== null ? [a, b] : [toText(left), toText(right)];
  if (op === '<') return x < y;
  if (op === '>') return x > y;
  if (op === '<=') return x <= y;
  return x >= y;
}
