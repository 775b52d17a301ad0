export * from './criterion-operator';
export * from './criterion';
export { compileCriterion } from './compile-criterion';
export type { CompiledCriterion, IndexConstraint } from './compile-criterion';
export { evaluateCriterion } from './evaluate-criterion';
export * from './compiled-criteria';
export { indexKey, parseNumber, splitList } from './value-parsing';
export type { DateClause, DateOp, DateOperand, DateUnit } from './date-compare';
export { parseDateCompare } from './date-compare';
