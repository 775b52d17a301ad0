import { CompiledExpression, compileExpression, EXPRESSION_LIMITS, ExpressionError, ExpressionValue, isExpressionError } from './index';

const NOW = new Date('2024-06-15T12:34:56.789Z');

function compiled(source: string): CompiledExpression {
  const result = compileExpression(source);
  if (isExpressionError(result)) throw new Error(`expected ${source} to compile: ${result.message}`);
  return result;
}

function run(source: string, vars: Record<string, string> = {}): ExpressionValue {
  return compiled(source).evaluate(vars, { now: () => NOW });
}

function compileError(source: string): ExpressionError {
  const result = compileExpression(source);
  if (!isExpressionError(result)) throw new Error(`expected ${source} to be refused`);
  return result;
}

const LEAD = { FirstName: ' jane ', LastName: 'Doe', Age: '41', Opt: '0', Yes: '1', Dob: '1980-07-01', Zip: '02134', Empty: '' };

describe('compileExpression: the language', () => {
  it.each<[string, ExpressionValue]>([
    ['"a" + "b"', 'ab'],
    ["'single' + 'quotes'", 'singlequotes'],
    ['1 + 2 * 3', 7],
    ['(1 + 2) * 3', 9],
    ['7 % 4', 3],
    ['10 / 4', 2.5],
    ['1 / 0', null],
    ['-Age', -41],
    ['+Age', 41],
    ['Age + 1', 42],
    ['Age + "1"', '411'],
    ['Zip + "-0000"', '02134-0000'],
    ['Age * 2', 82],
    ['FirstName * 2', null],
    ['Age > 18', true],
    ['Age > "5"', true],
    ['"b" > "a"', true],
    ['Missing > 1', false],
    ['Age == 41', true],
    ['Age == "41"', true],
    ['Age != 41', false],
    ['Age === 41', true],
    ['Missing == ""', true],
    ['Opt == false', true],
    ['Yes == true', true],
    ['!Opt', true],
    ['!Yes', false],
    ['Opt || "fallback"', 'fallback'],
    ['Yes && "both"', 'both'],
    ['Empty ?? "dflt"', 'dflt'],
    ['Age >= 21 ? "adult" : "minor"', 'adult'],
    ['[LastName]', 'Doe'],
    ['Missing', null],
    ['null', null],
    ['true', true],
  ])('%s => %p', (source, expected) => {
    expect(run(source, LEAD)).toEqual(expected);
  });

  it.each<[string, ExpressionValue]>([
    ['upper(LastName)', 'DOE'],
    ['lower(LastName)', 'doe'],
    ['trim(FirstName)', 'jane'],
    ['concat(trim(FirstName), " ", LastName)', 'jane Doe'],
    ['concat(Missing, LastName)', 'Doe'],
    ['len(LastName)', 3],
    ['len(Missing)', 0],
    ['left(Zip, 3)', '021'],
    ['right(Zip, 2)', '34'],
    ['right(Zip, 0)', ''],
    ['left(Zip, -5)', ''],
    ['substr("abcdef", 2, 3)', 'cde'],
    ['substr("abcdef", 4)', 'ef'],
    ['substr("abc", 99, 2)', ''],
    ['replace("a.b.c", ".", "-")', 'a-b-c'],
    ['replace("a.b", "", "x")', 'a.b'],
    ['replace("a+b", "+", "$&")', 'a$&b'],
    ['contains(LastName, "oe")', true],
    ['startsWith(LastName, "D")', true],
    ['endsWith(LastName, "x")', false],
    ['isEmpty(Empty)', true],
    ['isEmpty(FirstName)', false],
    ['coalesce(Missing, Empty, LastName)', 'Doe'],
    ['coalesce(Missing)', null],
    ['iif(Age > 40, "40+", "under")', '40+'],
    ['iif(Opt, 1, 2)', 2],
    ['number("12.50")', 12.5],
    ['number("0x10")', null],
    ['number("Infinity")', null],
    ['round(2.345, 2)', 2.35],
    ['round("7.5")', 8],
    ['round("x")', null],
    ['floor(2.7)', 2],
    ['ceil(2.1)', 3],
    ['abs(-3)', 3],
    ['min(3, "1", "x", 2)', 1],
    ['max(3, "10")', 10],
    ['max("x")', null],
    ['text(2.5)', '2.5'],
    ['field("Last" + "Name")', 'Doe'],
    ['field("constructor")', null],
    ['field("__proto__")', null],
    ['now()', '2024-06-15T12:34:56Z'],
    ['today()', '2024-06-15'],
    ['date("3/5/2024 2:30 PM")', '2024-03-05T14:30:00'],
    ['date("2024-03-05T10:00:00-05:00")', '2024-03-05T15:00:00Z'],
    ['date("2024-02-30")', null],
    ['formatDate(Dob, "MM/dd/yyyy")', '07/01/1980'],
    ['formatDate("2024-03-05 09:07:03", "yy-M-d H:mm:ss")', '24-3-5 9:07:03'],
    ['formatDate("junk", "yyyy")', null],
    ['age(Dob)', 43],
    ['age("1980-06-15")', 44],
    ['age("2030-01-01")', null],
    ['age("not a date")', null],
  ])('%s => %p', (source, expected) => {
    expect(run(source, LEAD)).toEqual(expected);
  });

  it('lists the variables it reads, so callers can order computed fields', () => {
    expect(compiled('concat(FirstName, [LastName], iif(Opt, Age, Missing))').variables).toEqual(['FirstName', 'LastName', 'Opt', 'Age', 'Missing']);
  });

  it('is reusable across leads: one compile, many evaluations', () => {
    const expression = compiled('upper(LastName)');
    expect(expression.evaluate({ LastName: 'a' })).toBe('A');
    expect(expression.evaluate({ LastName: 'b' })).toBe('B');
    expect(expression.evaluate({})).toBe('');
  });

  it('uses the real clock when none is given', () => {
    const before = Date.now();
    const value = compiled('now()').evaluate({});
    expect(typeof value).toBe('string');
    expect(Math.abs(Date.parse(String(value)) - before)).toBeLessThan(5000);
  });
});

describe('compileExpression: refusals explain themselves', () => {
  it.each<[string, RegExp]>([
    ['', /empty/],
    ['   ', /empty/],
    ['1 +', /syntax error/],
    ['"unterminated', /syntax error/],
    ['a.b', /property access/],
    ['a["b"]', /property access/],
    ['this', /this/],
    ['a = 1', /syntax error/],
    ['a; b', /one expression/],
    ['[1, 2]', /lists are not supported/],
    ['a & b', /operator not allowed: &/],
    ['a << 2', /operator not allowed/],
    ['~a', /operator not allowed: ~/],
    ['a ** 2', /operator not allowed/],
    ['unknownFn(1)', /unknown function: unknownFn/],
    ['upper()', /upper takes 1 argument, got 0/],
    ['left("a")', /left takes 2 arguments, got 1/],
    ['substr("a", 1, 2, 3)', /substr takes 2-3 arguments, got 4/],
    ['x(1)(2)', /unknown function: x|only named functions/],
  ])('%p', (source, message) => {
    expect(compileError(source).message).toMatch(message);
  });

  it('refuses sources over the length limit before parsing', () => {
    const long = `"${'a'.repeat(EXPRESSION_LIMITS.maxSourceLength)}"`;
    expect(compileError(long).message).toMatch(/longer than 2000/);
  });

  it('refuses more than maxNodes parts', () => {
    const inner = `concat(${Array.from({ length: 20 }, () => '1').join(',')})`;
    const many = `concat(${Array.from({ length: 20 }, () => inner).join(',')})`;
    expect(many.length).toBeLessThanOrEqual(EXPRESSION_LIMITS.maxSourceLength);
    expect(compileError(many).message).toMatch(/more than 400 parts/);
  });

  it('refuses a left-leaning chain deeper than maxDepth', () => {
    expect(compileError(Array.from({ length: 100 }, () => 'a').join(' + ')).message).toMatch(/nested too deeply/);
  });

  it('a callee in parentheses is still only a whitelisted name', () => {
    expect(run('(upper)("a")')).toBe('A');
    expect(compileError('(constructor)("x")').message).toMatch(/not allowed|unknown function/);
  });

  it('reports the position of a syntax error', () => {
    expect(compileError('1 + (2 * ').position).toBeGreaterThan(0);
  });

  it('refuses non-string sources', () => {
    expect(isExpressionError(compileExpression(42 as unknown as string))).toBe(true);
  });
});
