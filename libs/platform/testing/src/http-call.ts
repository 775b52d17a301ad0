export interface JsonResponse<T> {
  status: number;
  /** The parsed JSON answer; the raw text when it is not JSON; undefined when empty. */
  body: T;
  headers: Headers;
}

/**
 * One HTTP call to a service under test: a JSON body in (when given), the answer parsed as JSON
 * when it is JSON. Tests then assert on status and body.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are whatever the endpoint answers; tests assert them
export async function callJson<T = any>(
  baseUrl: string,
  method: string,
  path: string,
  body?: unknown,
  opts: { headers?: Record<string, string>; raw?: string } = {},
): Promise<JsonResponse<T>> {
  const hasBody = body !== undefined || opts.raw !== undefined;
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { ...(hasBody ? { 'content-type': 'application/json' } : {}), ...opts.headers },
    body: opts.raw ?? (body === undefined ? undefined : JSON.stringify(body)),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON: keep the text */
  }
  return { status: res.status, body: parsed as T, headers: res.headers };
}
