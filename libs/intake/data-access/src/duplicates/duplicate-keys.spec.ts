import { DEFAULT_DUPLICATE_SETS, duplicateKeys, duplicateLockId, DuplicateSetDefinition, normaliseDuplicateValue } from './duplicate-keys';

const hex = (sets: readonly DuplicateSetDefinition[], fields: Record<string, unknown>) => duplicateKeys(sets, fields).map((k) => k.hash.toString('hex'));

describe('normaliseDuplicateValue', () => {
  it.each([
    ['Email', '  Ada@Example.COM ', 'ada@example.com'],
    ['FirstName', 'Ada\u00a0  Lovelace', 'ada lovelace'],
    ['FirstName', 'Ａｄａ', 'ada'], // full-width letters (NFKC)
    ['PrimaryPhone', '+1 (512) 555-0100', '5125550100'],
    ['PrimaryPhone', '512.555.0100', '5125550100'],
    ['MobilePhone', '44 20 7946 0958', '442079460958'], // 12 digits: not a NANP number, kept whole
    ['CellNumber', '15125550100', '5125550100'],
    ['PrimaryPhone', 'n/a', ''],
    ['Zip', '73301-1234', '73301'],
    ['ZipCode', ' 733011234 ', '73301'],
    ['PostalCode', 'K1A 0B1', 'k1a0b1'],
    ['Zip', '73301', '73301'],
    ['Email', '   ', ''],
    ['Email', null, ''],
    ['Email', undefined, ''],
    ['Age', 42, '42'],
  ])('%s %j -> %j', (field, value, expected) => expect(normaliseDuplicateValue(field, value)).toBe(expected));
});

describe('duplicateKeys', () => {
  const nameZip: DuplicateSetDefinition = { id: 7, name: 'Name and zip', fields: ['FirstName', 'LastName', 'Zip'] };

  it('gives one key per default set whose field is present: email, phone', () => {
    const keys = duplicateKeys(DEFAULT_DUPLICATE_SETS, { Email: 'ada@example.com', PrimaryPhone: '5125550100' });
    expect(keys.map((k) => [k.setId, k.setName, k.hash.length])).toEqual([
      [null, 'Email', 32],
      [null, 'PrimaryPhone', 32],
    ]);
    expect(duplicateKeys(DEFAULT_DUPLICATE_SETS, { Email: 'ada@example.com' }).map((k) => k.setName)).toEqual(['Email']);
    expect(duplicateKeys(DEFAULT_DUPLICATE_SETS, { FirstName: 'Ada' })).toEqual([]);
  });

  it('matches values equal after normalisation, and field names whatever their case', () => {
    expect(hex(DEFAULT_DUPLICATE_SETS, { email: ' ADA@example.com' })).toEqual(hex(DEFAULT_DUPLICATE_SETS, { Email: 'ada@example.com' }));
    expect(hex(DEFAULT_DUPLICATE_SETS, { PrimaryPhone: '(512) 555-0100' })).toEqual(hex(DEFAULT_DUPLICATE_SETS, { PrimaryPhone: '+15125550100' }));
    expect(hex(DEFAULT_DUPLICATE_SETS, { Email: 'ada@example.com' })).not.toEqual(hex(DEFAULT_DUPLICATE_SETS, { Email: 'ada@example.org' }));
  });

  it('needs every field of a set; an empty or blank field counts as absent', () => {
    const full = { FirstName: 'Ada', LastName: 'Lovelace', Zip: '73301' };
    expect(duplicateKeys([nameZip], full)).toHaveLength(1);
    expect(duplicateKeys([nameZip], { ...full, Zip: ' ' })).toEqual([]);
    expect(duplicateKeys([nameZip], { FirstName: 'Ada', LastName: 'Lovelace' })).toEqual([]);
  });

  it('tells values apart by the field they are in, not only their concatenation', () => {
    const set: DuplicateSetDefinition = { id: 1, name: 'names', fields: ['FirstName', 'LastName'] };
    expect(hex([set], { FirstName: 'ab', LastName: 'c' })).not.toEqual(hex([set], { FirstName: 'a', LastName: 'bc' }));
    expect(hex([set], { FirstName: 'Ada', LastName: 'Lovelace' })).not.toEqual(hex([set], { FirstName: 'Lovelace', LastName: 'Ada' }));
  });

  it('keys a set by its fields, so field order, set id and set name do not change the key', () => {
    const reordered: DuplicateSetDefinition = { id: 99, name: 'other', fields: ['zip', 'LASTNAME', 'FirstName'] };
    const fields = { FirstName: 'Ada', LastName: 'Lovelace', Zip: '73301-0001' };
    expect(hex([reordered], fields)).toEqual(hex([nameZip], fields));
    // Two sets over the same fields give one key, not two identical ones.
    expect(duplicateKeys([nameZip, reordered], fields)).toHaveLength(1);
  });

  it('takes the first non-empty value when a field is posted under two spellings', () => {
    expect(hex(DEFAULT_DUPLICATE_SETS, { email: '', Email: 'ada@example.com' })).toEqual(hex(DEFAULT_DUPLICATE_SETS, { Email: 'ada@example.com' }));
  });

  it('ignores a set without usable field names', () => {
    expect(duplicateKeys([{ id: 3, name: 'blank', fields: [' ', ''] }], { '': 'x', ' ': 'y' })).toEqual([]);
  });
});

describe('duplicateLockId', () => {
  it('is the first 8 bytes of the key as a signed 64-bit integer', () => {
    const [key] = duplicateKeys(DEFAULT_DUPLICATE_SETS, { Email: 'ada@example.com' });
    const id = duplicateLockId(key);
    expect(id).toBe(key.hash.readBigInt64BE(0));
    expect(id >= -(2n ** 63n) && id < 2n ** 63n).toBe(true);
  });
});
