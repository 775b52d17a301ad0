/** The most records one Account API page returns (seed 003: "Take ... maximum: 100"). */
export const MAX_TAKE = 100;

export interface Paging {
  skip: number;
  take: number;
}

/**
 * Skip/Take as applied: a negative Skip counts as 0 and a Take above 100 is clamped to 100 (the
 * response's Take field says what was applied, so a caller can see the clamp). Take 0 or absent
 * means the maximum page.
 */
export function applyPaging(skip: number | undefined, take: number | undefined): Paging {
  const s = Number.isFinite(skip) && (skip as number) > 0 ? Math.floor(skip as number) : 0;
  const t = Number.isFinite(take) && (take as number) > 0 ? Math.min(Math.floor(take as number), MAX_TAKE) : MAX_TAKE;
  return { skip: s, take: t };
}
