import { ValueTransformer } from 'typeorm';

/** pg returns numeric columns as strings (to keep precision); money here fits a double. */
export const numericTransformer: ValueTransformer = {
  to: (v: number | null | undefined) => v,
  from: (v: string | null) => (v === null ? null : Number(v)),
};
