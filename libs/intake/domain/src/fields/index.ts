export { compileFieldDefinitions, validateLeadFields } from './compile-field-definitions';
export { CompiledFieldRules } from './compiled-field-rules';
export { FIELD_LIMITS } from './field-limits';
export { describeFieldErrors, ExpressionEvaluator, FieldError, FieldValidationOptions, FieldValidationResult } from './field-result';
export {
  defineLeadField,
  FIELD_DATA_TYPES,
  FieldDataType,
  LeadFieldDefinition,
  SPECIAL_BITS,
  SpecialBit,
  toFieldDataType,
  toSpecialBit,
} from './lead-field-definition';
export { toUsStateCode } from './us-states';
