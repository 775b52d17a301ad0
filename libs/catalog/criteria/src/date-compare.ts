import { addMonths, parseDateOnly } from './calendar';
import { splitList } from './value-parsing';

/**
 * DateCompare's value grammar (the seed names the operator but not its value):
 *
 *   value    := clause (('|' | ',') clause)*          every clause must hold
 *   clause   := op? operand                           op defaults to '='
 *   op       := '>=' | '<=' | '!=' | '>' | '<' | '='
 *   operand  := date | offset
 *   date     := YYYY-MM-DD | M/D/YYYY
 *   offset   := [+-]? digits unit?                    from today (env.now(), UTC); unit defaults to d
 *   unit     := 'd' | 'w' | 'mo' | 'y'                days, weeks, calendar months, calendar years
 *
 * Comparison is by UTC calendar day. `>=-30` = on or after 30 days ago; `<=-18y` = born at
 * least 18 years ago; `>=2024-01-01|<2025-01-01` = during 2024.
 */
export type DateOp = '>=' | '<=' | '!=' | '>' | '<' | '=';
export type DateUnit = 'd' | 'w' | 'mo' | 'y';

export type DateOperand = { kind: 'date'; day: number } | { kind: 'offset'; amount: number; unit: DateUnit };

export interface DateClause {
  op: DateOp;
  operand: DateOperand;
}

const CLAUSE = /^(>=|<=|!=|>|<|=)?\s*(.+)$/;
const OFFSET = /^([+-]?\d{1,6})\s*(d|w|mo|y)?$/i;

/** The clauses of a DateCompare value, or a reason it is not one. */
export function parseDateCompare(value: string): DateClause[] | string {
  const parts = splitList(value);
  if (parts.length === 0) return 'DateCompare needs a value like >=-30 or <=2024-12-31';
  const clauses: DateClause[] = [];
  for (const part of parts) {
    const m = CLAUSE.exec(part);
    const op = (m?.[1] ?? '=') as DateOp;
    const text = (m?.[2] ?? '').trim();
    const day = parseDateOnly(text);
    if (day !== undefined) {
      clauses.push({ op, operand: { kind: 'date', day } });
      continue;
    }
    const o = OFFSET.exec(text);
    if (!o) return `DateCompare clause "${part}" is not an op with a date (YYYY-MM-DD) or day offset (-30, -18y)`;
    clauses.push({ op, operand: { kind: 'offset', amount: Number(o[1]), unit: (o[2] ?? 'd').toLowerCase() as DateUnit } });
  }
  return clauses;
}

/** The UTC day a clause's operand stands for, given today's UTC day; undefined if out of range. */
export function operandDay(operand: DateOperand, today: number): number | undefined {
  if (operand.kind === 'date') return operand.day;
  switch (operand.unit) {
    case 'd':
      return today + operand.amount;
    case 'w':
      return today + operand.amount * 7;
    case 'mo':
      return addMonths(today, operand.amount);
    case 'y':
      return addMonths(today, operand.amount * 12);
  }
}

export function compareDays(op: DateOp, lead: number, limit: number): boolean {
  switch (op) {
    case '>=':
      return lead >= limit;
    case '<=':
      return lead <= limit;
    case '!=':
      return lead !== limit;
    case '>':
      return lead > limit;
    case '<':
      return lead < limit;
    case '=':
      return lead === limit;
  }
}
