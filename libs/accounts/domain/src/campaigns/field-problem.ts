/** A problem with one request field, named by its path (`Rules[2].Operator`); the API answers 400 with it. */
export interface CampaignFieldProblem {
  field: string;
  message: string;
}

/** User text quoted in an error message: control characters flattened, at most 60 characters. */
export function quoted(text: unknown): string {
  // eslint-disable-next-line no-control-regex
  const flat = String(text).replace(/[\u0000-\u001f\u007f]+/g, ' ');
  return `"${flat.length > 60 ? `${flat.slice(0, 59)}…` : flat}"`;
}
