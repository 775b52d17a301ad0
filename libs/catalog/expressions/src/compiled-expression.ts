import { ExpressionNode } from './expression-ast';
import { evaluateNode } from './expression-evaluator';
import { ExpressionValue } from './expression-value';

export interface EvaluateOptions {
  /** Clock for now(), today() and age(); the real clock when omitted. */
  now?: () => Date;
}

/**
 * A parsed and checked expression, ready to evaluate against many leads. Evaluation reads the
 * variables by own key only and cannot reach prototypes, globals or code. It throws
 * ExpressionError only when a text result would exceed EXPRESSION_LIMITS.maxTextLength.
 */
export class CompiledExpression {
  /** Field names the expression reads directly (not those read through field("...")). */
  readonly variables: readonly string[];

  constructor(
    readonly source: string,
    private readonly root: ExpressionNode,
  ) {
    this.variables = [...collectVariables(root, new Set<string>())];
  }

  evaluate(vars: Readonly<Record<string, string>>, options: EvaluateOptions = {}): ExpressionValue {
    return evaluateNode(this.root, { vars, now: options.now ?? (() => new Date()) });
  }
}

function collectVariables(node: ExpressionNode, into: Set<string>): Set<string> {
  switch (node.kind) {
    case 'variable':
      into.add(node.name);
      break;
    case 'unary':
      collectVariables(node.argument, into);
      break;
    case 'binary':
      collectVariables(node.left, into);
      collectVariables(node.right, into);
      break;
    case 'conditional':
      collectVariables(node.test, into);
      collectVariables(node.consequent, into);
      collectVariables(node.alternate, into);
      break;
    case 'call':
      node.args.forEach((arg) => collectVariables(arg, into));
      break;
    case 'literal':
      break;
  }
  return into;
}
