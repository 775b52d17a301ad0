import { ClientOfferResponseFormat } from './delivery-enums';

/** Longest path accepted: paths are short selectors, not programs. */
export const MAX_OFFER_PATH_LENGTH = 500;

const NAME = /^[A-Za-z_$][\w$-]*/;
const JSON_QUOTED = /^\[\s*(?:'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")\s*\]/;
const JSON_INDEX = /^\[\s*(?:-?\d{1,9}|\*)\s*\]/;

function nameOrStarLength(text: string): number {
  if (text.startsWith('*')) return 1;
  return NAME.exec(text)?.[0].length ?? 0;
}

/**
 * Why `path` is not a JSONPath of the supported subset, or undefined: `$` then any of `.name`,
 * `..name`, `.*`, `['name']`, `["name"]`, `[3]`, `[-1]`, `[*]`. Filters and script expressions
 * (`[?(...)]`, `[(...)]`) are refused: paths are stored to be read later, never evaluated here.
 */
export function jsonPathProblem(path: string): string | undefined {
  if (!path.startsWith('$')) return 'a JSONPath starts with $';
  let rest = path.slice(1);
  while (rest) {
    const dots = rest.startsWith('..') ? 2 : rest.startsWith('.') ? 1 : 0;
    const bracket = JSON_QUOTED.exec(rest) ?? JSON_INDEX.exec(rest);
    if (dots) {
      const length = nameOrStarLength(rest.slice(dots));
      if (!length) return `expected a name after ${'.'.repeat(dots)} at "${rest.slice(0, 20)}"`;
      rest = rest.slice(dots + length);
    } else if (bracket) {
      rest = rest.slice(bracket[0].length);
    } else if (rest.startsWith('[?') || rest.startsWith('[(')) {
      return 'filter and script expressions are not supported';
    } else {
      return `unexpected "${rest.slice(0, 20)}"`;
    }
  }
  return undefined;
}

const QNAME = /^(?:[A-Za-z_][\w.-]*:)?[A-Za-z_][\w.-]*/;
const PREDICATE = /^\[\s*(?:\d{1,9}|@?(?:[A-Za-z_][\w.-]*:)?[A-Za-z_][\w.-]*\s*=\s*(?:'[^']*'|"[^"]*"))\s*\]/;

/**
 * Why `path` is not an XPath of the supported subset, or undefined: location paths of element
 * names (optionally prefixed), `*`, `.`, `..`, `@attr`, `text()`, with `/` or `//` between steps and
 * predicates `[n]`, `[name='v']` or `[@attr='v']`. Functions, axes and unions are refused.
 */
export function xPathProblem(path: string): string | undefined {
  let rest = path;
  let first = true;
  while (rest) {
    if (rest.startsWith('//')) rest = rest.slice(2);
    else if (rest.startsWith('/')) rest = rest.slice(1);
    else if (!first) return `expected / at "${rest.slice(0, 20)}"`;
    first = false;
    let step: RegExpExecArray | null;
    if (rest.startsWith('text()')) rest = rest.slice(6);
    else if (rest.startsWith('..') || rest.startsWith('*')) rest = rest.slice(rest.startsWith('..') ? 2 : 1);
    else if (rest.startsWith('.')) rest = rest.slice(1);
    else if (rest.startsWith('@')) {
      step = QNAME.exec(rest.slice(1));
      if (!step) return `expected an attribute name after @ at "${rest.slice(0, 20)}"`;
      rest = rest.slice(1 + step[0].length);
    } else if ((step = QNAME.exec(rest))) {
      if (rest.slice(step[0].length).startsWith('(') || rest.slice(step[0].length).startsWith('::')) return 'functions and axes are not supported';
      rest = rest.slice(step[0].length);
    } else return `expected a step at "${rest.slice(0, 20)}"`;
    let predicate: RegExpExecArray | null;
    while ((predicate = PREDICATE.exec(rest))) rest = rest.slice(predicate[0].length);
    if (rest.startsWith('[')) return `unsupported predicate at "${rest.slice(0, 20)}"`;
  }
  return first ? 'the path is empty' : undefined;
}

/** The syntax check for the format a dynamic offer reads. */
export function offerPathProblem(format: ClientOfferResponseFormat, path: string): string | undefined {
  if (path.length > MAX_OFFER_PATH_LENGTH) return `longer than ${MAX_OFFER_PATH_LENGTH} characters`;
  return format === 'JSON' ? jsonPathProblem(path) : xPathProblem(path);
}
