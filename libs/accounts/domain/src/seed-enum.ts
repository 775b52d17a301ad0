/**
 * A seed 003 enumeration. The Account API accepts a value by name (case-insensitive, as the seed's
 * examples spell them) or by its number where the seed shows numbers, and always answers by name.
 */
export interface SeedEnum<N extends string> {
  readonly name: string;
  readonly names: readonly N[];
  /** The value's name, or undefined when `value` is neither a known name nor a known number. */
  parse(value: unknown): N | undefined;
  /** The number of a name (its position unless the seed gives explicit numbers). */
  numberOf(name: N): number;
}

/**
 * `numbers` maps names to the seed's explicit numbers; without it a name's number is its position
 * in `names` (the seed lists enumerations in numeric order, starting at 0).
 */
export function seedEnum<const N extends string>(name: string, names: readonly N[], numbers?: Readonly<Record<N, number>>): SeedEnum<N> {
  const byLower = new Map(names.map((n) => [n.toLowerCase(), n]));
  const numberOf = (n: N) => (numbers ? numbers[n] : names.indexOf(n));
  const byNumber = new Map(names.map((n) => [numberOf(n), n]));
  return {
    name,
    names,
    numberOf,
    parse(value: unknown): N | undefined {
      if (typeof value === 'number') return Number.isInteger(value) ? byNumber.get(value) : undefined;
      if (typeof value !== 'string') return undefined;
      const trimmed = value.trim();
      if (/^-?\d+$/.test(trimmed)) return byNumber.get(Number(trimmed));
      return byLower.get(trimmed.toLowerCase());
    },
  };
}
