import { formatLeadDateIso, parseLeadDate } from '@leadx/catalog-expressions';
import { FieldDataType } from './lead-field-definition';
import { Normalised } from './special-bit-rules';

const ok = (value: string): Normalised => ({ ok: true, value });
const bad = (reason: string): Normalised => ({ ok: false, reason });

// SQL Server's ranges, the types LeadExec's DataType names come from.
const RANGES: Partial<Record<FieldDataType, readonly [bigint, bigint]>> = {
  Int: [-(2n ** 31n), 2n ** 31n - 1n],
  Bigint: [-(2n ** 63n), 2n ** 63n - 1n],
};
const MONEY_MAX_INTEGER_DIGITS = 15; // money's range is about +/-922,337,203,685,477.5807
const MONEY_MAX_INTEGER = 922_337_203_685_477n;
const DECIMAL_MAX_DIGITS = 38;
const SQL_MIN_YEAR = 1753; // datetime's lower bound

const BITS: Record<string, string> = { '1': '1', '0': '0', true: '1', false: '0', yes: '1', no: '0', y: '1', n: '0', on: '1', off: '0' };

/** Leading zeros and a positive or negative-zero sign removed from a digits string split at the point. */
function canonicalDecimal(negative: boolean, integer: string, fraction: string): string {
  const whole = integer.replace(/^0+(?=\d)/, '') || '0';
  const isZero = /^0*$/.test(whole) && /^0*$/.test(fraction);
  return `${negative && !isZero ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

function integer(type: 'Int' | 'Bigint', value: string): Normalised {
  // "42.0" is an integer a spreadsheet wrote; "42.5" is not.
  const m = /^([+-]?)(\d{1,40})(?:\.0*)?$/.exec(value);
  if (!m) return bad(`not a valid ${type} (a whole number)`);
  const n = BigInt(`${m[1] === '-' ? '-' : ''}${m[2]}`);
  const [min, max] = RANGES[type] ?? [0n, 0n];
  if (n < min || n > max) return bad(`${type} out of range (${min} to ${max})`);
  return ok(n.toString());
}

/** Money: an optional $ and thousands commas are accepted; stored as a plain decimal, at most 4 places. */
function money(value: string): Normalised {
  const m = /^([+-]?)\$?\s?([+-]?)(\d{1,3}(?:,\d{3})+|\d*)(?:\.(\d*))?$/.exec(value);
  if (!m || (m[1] && m[2]) || !/\d/.test(`${m[3]}${m[4] ?? ''}`)) return bad('not a valid Money amount');
  const integerPart = m[3].replace(/,/g, '').replace(/^0+(?=\d)/, '');
  const fraction = m[4] ?? '';
  if (fraction.length > 4) return bad('Money has at most 4 decimal places');
  if (integerPart.length > MONEY_MAX_INTEGER_DIGITS || BigInt(integerPart || '0') > MONEY_MAX_INTEGER) return bad('Money out of range');
  return ok(canonicalDecimal((m[1] || m[2]) === '-', integerPart, fraction));
}

function decimal(value: string): Normalised {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(value);
  if (!m || !/\d/.test(`${m[2]}${m[3] ?? ''}`)) return bad('not a valid Decimal');
  const integerPart = m[2].replace(/^0+(?=\d)/, '');
  const fraction = m[3] ?? '';
  if ((integerPart === '0' ? 0 : integerPart.length) + fraction.length > DECIMAL_MAX_DIGITS) {
    return bad(`Decimal has more than ${DECIMAL_MAX_DIGITS} digits`);
  }
  return ok(canonicalDecimal(m[1] === '-', integerPart, fraction));
}

function float(value: string): Normalised {
  if (value.length > 100 || !/^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d{1,4})?$/.test(value)) return bad('not a valid Float');
  const n = Number(value);
  if (!Number.isFinite(n)) return bad('Float out of range');
  return ok(String(n === 0 ? 0 : n));
}

/** ISO text out: zoned input becomes UTC (`Z`), wall-clock input stays zone-less (see lead-date). */
function dateTime(value: string): Normalised {
  const parsed = parseLeadDate(value);
  const iso = parsed && formatLeadDateIso(parsed);
  if (!iso) return bad('not a valid DateTime (use YYYY-MM-DD[THH:mm[:ss]][Z|+hh:mm] or MM/DD/YYYY [h:mm AM])');
  if (Number(iso.slice(0, 4)) < SQL_MIN_YEAR) return bad(`DateTime before ${SQL_MIN_YEAR}`);
  return ok(iso);
}

/** Checks and canonicalises a (trimmed, non-empty) value for its DataType. */
export function normaliseDataType(type: FieldDataType, value: string): Normalised {
  switch (type) {
    case 'Int':
    case 'Bigint':
      return integer(type, value);
    case 'Bit': {
      const bit = Object.prototype.hasOwnProperty.call(BITS, value.toLowerCase()) ? BITS[value.toLowerCase()] : undefined;
      return bit ? ok(bit) : bad('not a valid Bit (1/0, true/false, yes/no)');
    }
    case 'Money':
      return money(value);
    case 'Decimal':
      return decimal(value);
    case 'Float':
      return float(value);
    case 'DateTime':
      return dateTime(value);
    case 'Varchar':
    case 'No_DataType':
      return ok(value);
  }
}
