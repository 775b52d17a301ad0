/** JSON null means "not given" for the optional properties of a write (never "store NULL"). */
export function withoutNulls<T extends object>(input: T): T {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== null)) as T;
}
