/** The samples of `name` in a Prometheus text exposition whose labels include `labels` (others may be there too). */
function* samples(text: string, name: string, labels: Readonly<Record<string, string>>): Generator<number> {
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)/.exec(line);
    if (match === null || match[1] !== name) continue;
    const found = Object.fromEntries([...(match[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([key, value]) => found[key] === value)) yield Number(match[3]);
  }
}

/**
 * The value of one series in a Prometheus text exposition: the first sample of `name` whose labels
 * include `labels` (other labels, `service` for one, may be there too); undefined when none does.
 */
export function sampleValue(text: string, name: string, labels: Readonly<Record<string, string>> = {}): number | undefined {
  for (const value of samples(text, name, labels)) return value;
  return undefined;
}

/** The sum of every sample of `name` whose labels include `labels` (0 when none does): a counter over all its series. */
export function sampleSum(text: string, name: string, labels: Readonly<Record<string, string>> = {}): number {
  let sum = 0;
  for (const value of samples(text, name, labels)) sum += value;
  return sum;
}

/** `GET {url}/metrics` as text; fails the test on anything but 200. */
export async function scrapeMetrics(url: string, token?: string): Promise<string> {
  const response = await fetch(`${url}/metrics`, token === undefined ? {} : { headers: { authorization: `Bearer ${token}` } });
  if (response.status !== 200) throw new Error(`GET ${url}/metrics answered ${response.status}`);
  return response.text();
}
