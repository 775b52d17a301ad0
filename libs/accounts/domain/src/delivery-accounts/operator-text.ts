import { compileExpression, compilePattern, isExpressionError } from '@leadx/catalog-expressions';

/** `/body/flags` with flags from i, m, s: how an operator writes a regular expression where an expression is also allowed. */
const REGEX_LITERAL = /^\/([\s\S]+)\/([ims]*)$/;

/**
 * Why an operator-written expression (or `/regex/flags`) does not parse, or undefined when it does.
 * Only parsed here: nothing is evaluated at write time.
 */
export function expressionProblem(text: string): string | undefined {
  const literal = REGEX_LITERAL.exec(text);
  if (literal) return patternProblem(literal[1], { ignoreCase: literal[2].includes('i'), multiline: literal[2].includes('m'), dotAll: literal[2].includes('s') });
  const compiled = compileExpression(text);
  if (!isExpressionError(compiled)) return undefined;
  return compiled.position === undefined ? `expression error: ${compiled.message}` : `expression error at position ${compiled.position}: ${compiled.message}`;
}

/** Why a regular expression does not compile with the safe (linear-time) engine, or undefined. */
export function patternProblem(source: string, options: { ignoreCase?: boolean; multiline?: boolean; dotAll?: boolean } = {}): string | undefined {
  const compiled = compilePattern(source, options);
  return isExpressionError(compiled) ? `regular expression error: ${compiled.message}` : undefined;
}

/** Control characters shown as spaces and long text cut, for echoing operator input in messages. */
export function quoted(text: string, max = 60): string {
  // eslint-disable-next-line no-control-regex -- replacing control characters is the point
  const clean = text.replace(/[\u0000-\u001f\u007f]/g, ' ');
  return JSON.stringify(clean.length > max ? `${clean.slice(0, max)}…` : clean);
}

/** An absolute http(s) URL: what may be shown to a consumer or opened in a browser (never `javascript:`). */
export function isWebUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && !!url.hostname;
  } catch {
    return false;
  }
}
