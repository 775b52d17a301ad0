import { defineLeadField, FieldDataType, validateLeadFields } from '../index';

/** Validates one posted value of a field of the given type; returns the stored value or the error. */
function check(dataType: FieldDataType, value: string): string {
  const result = validateLeadFields({ F: value }, [defineLeadField({ name: 'F', dataType })]);
  return result.errors.length ? `ERR ${result.errors.map((e) => e.message).join('; ')}` : result.fields['F'] ?? '(absent)';
}

describe('DataType checks and canonical forms', () => {
  it.each<[FieldDataType, string, string]>([
    ['Int', '42', '42'],
    ['Int', ' -17 ', '-17'],
    ['Int', '+007', '7'],
    ['Int', '42.0', '42'],
    ['Int', '-0', '0'],
    ['Int', '2147483647', '2147483647'],
    ['Int', '-2147483648', '-2147483648'],
    ['Bigint', '9223372036854775807', '9223372036854775807'],
    ['Bigint', '-9223372036854775808', '-9223372036854775808'],
    ['Bit', '1', '1'],
    ['Bit', '0', '0'],
    ['Bit', 'TRUE', '1'],
    ['Bit', 'false', '0'],
    ['Bit', 'Yes', '1'],
    ['Bit', 'n', '0'],
    ['Money', '12.50', '12.50'],
    ['Money', '$1,234.5', '1234.5'],
    ['Money', '-$5', '-5'],
    ['Money', '$-5.0001', '-5.0001'],
    ['Money', '0.00', '0.00'],
    ['Money', '-0', '0'],
    ['Money', '.75', '0.75'],
    ['Money', '922337203685477', '922337203685477'],
    ['Decimal', '3.14159', '3.14159'],
    ['Decimal', '-000.5', '-0.5'],
    ['Decimal', '.5', '0.5'],
    ['Decimal', '5.', '5'],
    ['Decimal', '1' + '0'.repeat(37), '1' + '0'.repeat(37)],
    ['Float', '1.5e3', '1500'],
    ['Float', '-0.0', '0'],
    ['Float', '.25', '0.25'],
    ['DateTime', '2024-03-05', '2024-03-05T00:00:00'],
    ['DateTime', '2024-03-05T23:30:00-05:00', '2024-03-06T04:30:00Z'],
    ['DateTime', '03/05/2024 2:30 PM', '2024-03-05T14:30:00'],
    ['DateTime', '1753-01-01', '1753-01-01T00:00:00'],
    ['Varchar', '  anything <at> all  ', 'anything <at> all'],
    ['No_DataType', '¯\\_(ツ)_/¯', '¯\\_(ツ)_/¯'],
  ])('%s %p is stored as %p', (type, value, stored) => {
    expect(check(type, value)).toBe(stored);
  });

  it.each<[FieldDataType, string, RegExp]>([
    ['Int', '4.5', /^ERR F: not a valid Int/],
    ['Int', 'abc', /not a valid Int/],
    ['Int', '1e3', /not a valid Int/],
    ['Int', '0x10', /not a valid Int/],
    ['Int', '2147483648', /^ERR F: Int out of range/],
    ['Int', '-2147483649', /Int out of range/],
    ['Int', '1'.repeat(41), /not a valid Int/],
    ['Bigint', '9223372036854775808', /Bigint out of range/],
    ['Bit', '2', /^ERR F: not a valid Bit/],
    ['Bit', 'maybe', /not a valid Bit/],
    ['Bit', 'constructor', /not a valid Bit/],
    ['Money', '12.34567', /at most 4 decimal places/],
    ['Money', '1,23', /not a valid Money/],
    ['Money', '$', /not a valid Money/],
    ['Money', '-$-5', /not a valid Money/],
    ['Money', '12 dollars', /not a valid Money/],
    ['Money', '922337203685478', /Money out of range/],
    ['Decimal', '1.2.3', /not a valid Decimal/],
    ['Decimal', '.', /not a valid Decimal/],
    ['Decimal', '1,000', /not a valid Decimal/],
    ['Decimal', '1' + '0'.repeat(38), /more than 38 digits/],
    ['Float', '1e400', /Float out of range/],
    ['Float', 'NaN', /not a valid Float/],
    ['Float', 'Infinity', /not a valid Float/],
    ['DateTime', '2024-02-30', /^ERR F: not a valid DateTime/],
    ['DateTime', 'yesterday', /not a valid DateTime/],
    ['DateTime', '1752-12-31', /before 1753/],
  ])('%s %p is refused', (type, value, message) => {
    expect(check(type, value)).toMatch(message);
  });
});
