import {
  LEAD_FIELD_DATA_TYPE,
  LEAD_FIELD_SPECIAL_BIT,
  leadFieldDataTypeFromStorage,
  leadFieldSpecialBitFromStorage,
  leadFieldSpecialBitToStorage,
} from './lead-field-enums';
import { leadFieldView, mergeLeadFieldInput, StoredLeadField } from './lead-field-mapping';
import { checkLeadFieldDefinition, checkLeadFieldInput, planLeadFieldEnums } from './lead-field-rules';
import { leadTypeView, planDuplicateSets } from './lead-type-model';

const stored = (over: Partial<StoredLeadField> = {}): StoredLeadField => ({
  id: 31, leadTypeId: 12, name: 'Email', dataType: 'Varchar', required: true, specialBit: 'Email', settings: {}, ...over,
});

describe('lead field enumerations (API names ↔ receiver storage)', () => {
  it('parses the seed data types by name or number', () => {
    expect(LEAD_FIELD_DATA_TYPE.parse('datetime')).toBe('DateTime');
    expect(LEAD_FIELD_DATA_TYPE.parse(8)).toBe('Varchar');
    expect(LEAD_FIELD_DATA_TYPE.parse('Text')).toBeUndefined();
  });

  it('reads stored data types the receiver way: aliases and unknown spellings', () => {
    expect(leadFieldDataTypeFromStorage('Text')).toBe('Varchar'); // the column's default
    expect(leadFieldDataTypeFromStorage('integer')).toBe('Int');
    expect(leadFieldDataTypeFromStorage('MONEY')).toBe('Money');
    expect(leadFieldDataTypeFromStorage('Geometry')).toBe('No_DataType');
    expect(leadFieldDataTypeFromStorage(null)).toBe('No_DataType');
  });

  it('parses SpecialBit in the seed spelling, the client-field spelling and by number', () => {
    expect(LEAD_FIELD_SPECIAL_BIT.parse('No_SpecialBit')).toBe('No_SpecialBit');
    expect(LEAD_FIELD_SPECIAL_BIT.parse('NoSpecialBit')).toBe('No_SpecialBit');
    expect(LEAD_FIELD_SPECIAL_BIT.parse('primaryphone')).toBe('PrimaryPhone');
    expect(LEAD_FIELD_SPECIAL_BIT.parse(10)).toBe('IPAddress');
    expect(LEAD_FIELD_SPECIAL_BIT.parse('FaxNumber')).toBe('FaxNumber');
    expect(LEAD_FIELD_SPECIAL_BIT.parse('Nope')).toBeUndefined();
  });

  it('stores No_SpecialBit as NULL and every other bit by name, and reads them back', () => {
    expect(leadFieldSpecialBitToStorage('No_SpecialBit')).toBeNull();
    for (const bit of LEAD_FIELD_SPECIAL_BIT.names) expect(leadFieldSpecialBitFromStorage(leadFieldSpecialBitToStorage(bit))).toBe(bit);
    expect(leadFieldSpecialBitFromStorage('NoSpecialBit')).toBe('No_SpecialBit');
    expect(leadFieldSpecialBitFromStorage('email')).toBe('Email');
    expect(leadFieldSpecialBitFromStorage('Whatever')).toBe('No_SpecialBit');
  });
});

describe('mergeLeadFieldInput', () => {
  it('creates with the seed defaults and writes every key the receiver reads', () => {
    const v = mergeLeadFieldInput(undefined, { Descriptor: 'Zip' });
    expect(v).toEqual({
      name: 'Zip',
      dataType: 'Varchar',
      required: false,
      specialBit: null,
      settings: {
        enabled: true, computed: false, computedExpr: '', enumerated: false, enums: [], validation: '', invalidChars: '',
        formatError: '', formatString: '', isState: false, description: '', colSpan: 0, width: 0, height: 0,
      },
    });
  });

  it('maps the seed properties to the receiver keys (FmtError or FormatError → formatError)', () => {
    const v = mergeLeadFieldInput(undefined, {
      Descriptor: 'Age', FieldDataType: 'Int', Required: true, Status: false, Computed: true, ComputedExpr: 'age(DOB)',
      Enumerated: true, Validation: '^[0-9]+$', InvalidChars: '[^0-9]', FormatError: 'digits only', FormatString: '#',
      isState: true, FieldDescription: 'd', ColSpan: 2, Width: 3, Height: 4, SpecialBit: 'PrimaryPhone',
    });
    expect(v.dataType).toBe('Int');
    expect(v.specialBit).toBe('PrimaryPhone');
    expect(v.settings).toMatchObject({
      enabled: false, computed: true, computedExpr: 'age(DOB)', enumerated: true, validation: '^[0-9]+$', invalidChars: '[^0-9]',
      formatError: 'digits only', formatString: '#', isState: true, description: 'd', colSpan: 2, width: 3, height: 4,
    });
  });

  it('keeps omitted properties, the stored enums and settings keys other writers added', () => {
    const current = stored({ specialBit: 'email', settings: { validation: '@', enums: ['a', 'b'], custom: 1, enabled: false } });
    const v = mergeLeadFieldInput(current, { Required: false });
    expect(v).toMatchObject({ name: 'Email', required: false, specialBit: 'email', settings: { validation: '@', enums: ['a', 'b'], custom: 1, enabled: false } });
  });

  it('answers the seed shape, with legacy settings.enums as UID 0', () => {
    const view = leadFieldView(stored({ dataType: 'Text', specialBit: null, settings: { enums: ['x', 'y'], enumerated: true } }), []);
    expect(view).toMatchObject({ LeadFieldUID: 31, LeadTypeUID: 12, FieldDataType: 'Varchar', SpecialBit: 'No_SpecialBit', Status: true, Enumerated: true });
    expect(view.FieldEnums).toEqual([
      { LeadFieldEnumUID: 0, LeadFieldUID: 31, Descriptor: 'x', Priority: 0, Delete: false },
      { LeadFieldEnumUID: 0, LeadFieldUID: 31, Descriptor: 'y', Priority: 1, Delete: false },
    ]);
    const rows = [{ id: 9, fieldId: 31, descriptor: 'b', priority: 2 }, { id: 8, fieldId: 31, descriptor: 'a', priority: 2 }, { id: 10, fieldId: 31, descriptor: 'c', priority: 1 }];
    expect(leadFieldView(stored(), rows).FieldEnums.map((e) => e.Descriptor)).toEqual(['c', 'a', 'b']);
  });
});

describe('checkLeadFieldDefinition (write-time compilation)', () => {
  const check = (input: Parameters<typeof mergeLeadFieldInput>[1]) => checkLeadFieldDefinition(mergeLeadFieldInput(undefined, { Descriptor: 'F', ...input }), 'Fields[2]');

  it('accepts expressions and patterns the receiver compiles', () => {
    expect(check({ Computed: true, ComputedExpr: "upper(FirstName) + ' ' + [LastName] + field('Home Phone')", Validation: '(?i)^[a-z]+$', InvalidChars: '[^\\w ]' })).toEqual([]);
  });

  it('names the field of an expression that does not parse or is refused', () => {
    for (const expr of ['FirstName +', 'constructor', "process.mainModule.require('fs')", '${7*7}']) {
      expect(check({ ComputedExpr: expr })).toEqual([{ Field: 'Fields[2].ComputedExpr', Message: expect.stringContaining('Fields[2].ComputedExpr is not a valid expression') }]);
    }
  });

  it('requires an expression for a computed field', () => {
    expect(check({ Computed: true, ComputedExpr: '  ' })).toEqual([{ Field: 'Fields[2].ComputedExpr', Message: 'Fields[2].ComputedExpr is required when Computed is true' }]);
  });

  it('names Validation / InvalidChars patterns the Pike VM refuses', () => {
    expect(check({ Validation: '(a' }).map((p) => p.Field)).toEqual(['Fields[2].Validation']);
    expect(check({ InvalidChars: '(\\w)\\1' }).map((p) => p.Field)).toEqual(['Fields[2].InvalidChars']); // backreference
    expect(check({ Validation: '(?=x)' }).map((p) => p.Field)).toEqual(['Fields[2].Validation']); // lookahead
    expect(check({ Validation: '(a+)+$' })).toEqual([]); // catastrophic for RegExp, linear here
  });

  it('refuses empty, too long and unsafe names', () => {
    expect(checkLeadFieldDefinition(mergeLeadFieldInput(undefined, {}), 'Fields[0]').map((p) => p.Field)).toEqual(['Fields[0].Descriptor']);
    for (const name of [' ', 'x'.repeat(101), '__proto__']) expect(check({ Descriptor: name }).map((p) => p.Field)).toEqual(['Fields[2].Descriptor']);
  });

  it('refuses FmtError and FormatError that disagree', () => {
    expect(checkLeadFieldInput({ FmtError: 'a', FormatError: 'b' }, 'Fields[1]')).toEqual([{ Field: 'Fields[1].FormatError', Message: expect.any(String) }]);
    expect(checkLeadFieldInput({ FmtError: 'a', FormatError: 'a' }, 'Fields[1]')).toEqual([]);
  });
});

describe('planLeadFieldEnums', () => {
  const existing = [{ id: 1, fieldId: 5, descriptor: 'Own', priority: 0 }, { id: 2, fieldId: 5, descriptor: 'Rent', priority: 1 }];

  it('adds, changes and deletes the seed way, keeping the unlisted ones', () => {
    const plan = planLeadFieldEnums(existing, [{ LeadFieldEnumUID: 2, Delete: true }, { Descriptor: 'Other' }, { LeadFieldEnumUID: 1, Priority: 9 }, { Descriptor: 'x', Delete: true }], 'Fields[0]');
    expect(plan).toEqual({ deletes: [2], updates: [{ id: 1, descriptor: 'Own', priority: 9 }], inserts: [{ descriptor: 'Other', priority: 2 }], problems: [] });
  });

  it('refuses unknown UIDs, missing and duplicate descriptors (ignoring case)', () => {
    const plan = planLeadFieldEnums(existing, [{ LeadFieldEnumUID: 99, Descriptor: 'a' }, {}, { Descriptor: ' rent ' }, { Descriptor: '' }], 'Fields[3]');
    expect(plan.problems.map((p) => p.Field)).toEqual([
      'Fields[3].FieldEnums[0].LeadFieldEnumUID',
      'Fields[3].FieldEnums[1].Descriptor',
      'Fields[3].FieldEnums[2].Descriptor',
      'Fields[3].FieldEnums[3].Descriptor',
    ]);
  });
});

describe('lead types and duplicate sets', () => {
  it('answers the seed lead type shape with DefaultDupSets as set ids', () => {
    expect(leadTypeView({ id: 4, name: 'Auto', inQc: false, status: true, typeUid: 2 }, [7, 9])).toEqual({
      LeadTypeUID: 4, AccountUID: 1, InQC: false, Descriptor: 'Auto', Status: true, DefaultDupSets: '7,9', TypeUID: 2,
    });
  });

  it('stores set fields in the lead type\'s spelling and refuses unknown fields, names and ids', () => {
    const ok = planDuplicateSets([{ Name: 'Phone', Fields: ['primaryphone'] }, { DuplicateSetUID: 3, Name: 'Name+zip', Fields: ['LastName', ' ZIP '] }], new Set([3]), ['PrimaryPhone', 'LastName', 'Zip']);
    expect(ok).toEqual({ sets: [{ id: 0, name: 'Phone', fields: ['PrimaryPhone'] }, { id: 3, name: 'Name+zip', fields: ['LastName', 'Zip'] }], problems: [] });
    const bad = planDuplicateSets(
      [{ DuplicateSetUID: 8, Name: 'a', Fields: ['Emial'] }, { Name: 'A', Fields: [] }, { Name: ' ', Fields: ['Zip', 'zip'] }],
      new Set([3]),
      ['Zip'],
    );
    expect(bad.problems.map((p) => p.Field)).toEqual([
      'DuplicateSets[0].DuplicateSetUID', 'DuplicateSets[0].Fields[0]', 'DuplicateSets[1].Name', 'DuplicateSets[1].Fields', 'DuplicateSets[2].Name', 'DuplicateSets[2].Fields[1]',
    ]);
  });
});
