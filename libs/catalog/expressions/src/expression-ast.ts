import { ExpressionFunction } from './expression-functions';
import { ExpressionValue } from './expression-value';

/**
 * The checked tree an expression compiles to. Only these node kinds exist: there is no member
 * access, no `this`, no assignment and no way to call anything outside the function whitelist.
 */
export type ExpressionNode =
  | { readonly kind: 'literal'; readonly value: ExpressionValue }
  | { readonly kind: 'variable'; readonly name: string }
  | { readonly kind: 'unary'; readonly op: UnaryOperator; readonly argument: ExpressionNode }
  | { readonly kind: 'binary'; readonly op: BinaryOperator; readonly left: ExpressionNode; readonly right: ExpressionNode }
  | { readonly kind: 'conditional'; readonly test: ExpressionNode; readonly consequent: ExpressionNode; readonly alternate: ExpressionNode }
  | { readonly kind: 'call'; readonly name: string; readonly fn: ExpressionFunction; readonly args: readonly ExpressionNode[] };

export const UNARY_OPERATORS = ['-', '+', '!'] as const;
export type UnaryOperator = (typeof UNARY_OPERATORS)[number];

export const BINARY_OPERATORS = ['+', '-', '*', '/', '%', '==', '!=', '===', '!==', '<', '>', '<=', '>=', '&&', '||', '??'] as const;
export type BinaryOperator = (typeof BINARY_OPERATORS)[number];
