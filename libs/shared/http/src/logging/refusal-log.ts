/** One refused request, as the refusal log counts it. */
export interface Refusal {
  /** What was wrong, stable: the problem type's short name (`validation`, `unauthorized`) or `http-404`. */
  readonly code: string;
  /** The API key that sent it (its id, never the key), or `none` when there was no valid key. */
  readonly keyId: string;
}

/** The refusals of one window that were counted but not logged one by one. */
export interface SuppressedRefusals {
  /** Start and end of the window, ms since the epoch. */
  readonly from: number;
  readonly to: number;
  readonly suppressed: number;
  /** Suppressed refusals by code, most frequent first. */
  readonly byCode: readonly { readonly code: string; readonly count: number }[];
  /** For people: `suppressed 1,234 refusals in 60 s: validation x 1,100, unauthorized x 134`. */
  readonly summary: string;
}

export interface RefusalLogOptions {
  /** Refusals logged one by one per (code, key id) and window; the rest are only counted. Default 10. */
  readonly perKeyAndCode?: number;
  /** Length of a window in ms. Default 60,000. */
  readonly windowMs?: number;
}

/**
 * Decides which refused requests get a log line of their own: the first `perKeyAndCode` of each
 * (code, key id) in a window, so that one client's mistake shows, and a flood (a fuzzer, a client
 * in a retry loop) does not write megabytes; the rest are counted and summed up once the window
 * is over. The metrics count every request regardless. Windows are fixed, starting at the first
 * refusal after the previous one ended. Pure: `now` is passed in.
 */
export class RefusalLog {
  private readonly limit: number;
  private readonly windowMs: number;
  private windowStart: number | null = null;
  private readonly logged = new Map<string, number>();
  private readonly suppressed = new Map<string, number>();

  constructor(options: RefusalLogOptions = {}) {
    this.limit = options.perKeyAndCode ?? 10;
    this.windowMs = options.windowMs ?? 60_000;
  }

  /**
   * Counts a refusal at `now`. `log` says whether it gets its own line; `ended` is the summary of
   * the window that `now` closed, when it suppressed anything (write it before the refusal's line).
   */
  admit(refusal: Refusal, now: number): { readonly log: boolean; readonly ended: SuppressedRefusals | null } {
    const ended = this.close(now);
    if (this.windowStart === null) this.windowStart = now;
    const key = `${refusal.code}\u0000${refusal.keyId}`;
    const count = (this.logged.get(key) ?? 0) + 1;
    this.logged.set(key, count);
    if (count <= this.limit) return { log: true, ended };
    this.suppressed.set(refusal.code, (this.suppressed.get(refusal.code) ?? 0) + 1);
    return { log: false, ended };
  }

  /** When the current window ends and its summary is due, or null when nothing is suppressed. */
  summaryDueAt(): number | null {
    return this.windowStart === null || this.suppressed.size === 0 ? null : this.windowStart + this.windowMs;
  }

  /** The summary of the window, if `now` is past its end and it suppressed anything; the window is then closed. */
  close(now: number): SuppressedRefusals | null {
    if (this.windowStart === null || now < this.windowStart + this.windowMs) return null;
    const from = this.windowStart;
    const byCode = [...this.suppressed].map(([code, count]) => ({ code, count })).sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
    this.windowStart = null;
    this.logged.clear();
    this.suppressed.clear();
    if (byCode.length === 0) return null;
    const suppressed = byCode.reduce((sum, c) => sum + c.count, 0);
    const to = from + this.windowMs;
    const counts = byCode.map((c) => `${c.code} x ${thousands(c.count)}`).join(', ');
    return { from, to, suppressed, byCode, summary: `suppressed ${thousands(suppressed)} refusals in ${this.windowMs / 1000} s: ${counts}` };
  }
}

const thousands = (n: number): string => n.toLocaleString('en-US');
