import type { ServerResponse } from 'node:http';
import { RefusalLog, type Refusal, type RefusalLogOptions, type SuppressedRefusals } from './refusal-log';

/** Where refusal lines go: Nest's `Logger` (routed through the service's pino) fits. */
export interface RefusalSink {
  warn(message: unknown, context?: string): void;
}

/** Responses whose refusal the problem filter logged (or deliberately did not): pino-http stays quiet on them. */
const handled = new WeakSet<object>();

/** Whether the problem filter took care of this response's log line (see `loggerOptions`). */
export function refusalLogged(response: object): boolean {
  return handled.has(response);
}

/**
 * Logs refused requests (4xx) through a `RefusalLog`: the first of each (code, key id) per window
 * at warn, the rest counted and summed up in one line when the window is over. The summary is
 * written by the first refusal after the window, or by a timer armed only while a summary is
 * owed (unref'd: it never keeps a process alive).
 */
export class RefusalLogger {
  private readonly log: RefusalLog;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly sink: RefusalSink,
    options: RefusalLogOptions = {},
    private readonly clock: () => number = Date.now,
  ) {
    this.log = new RefusalLog(options);
  }

  /** Counts a refusal and writes `line` when it gets one of its own; marks `response` as logged. */
  refused(refusal: Refusal, line: Record<string, unknown>, response?: ServerResponse): void {
    if (response !== undefined) handled.add(response);
    const { log, ended } = this.log.admit(refusal, this.clock());
    if (ended !== null) this.summarise(ended);
    if (log) this.sink.warn({ ...line, code: refusal.code, keyId: refusal.keyId, msg: 'request refused' });
    this.arm();
  }

  private summarise(ended: SuppressedRefusals): void {
    const { summary, ...counts } = ended;
    this.sink.warn({ ...counts, from: new Date(counts.from).toISOString(), to: new Date(counts.to).toISOString(), msg: summary });
  }

  private arm(): void {
    const due = this.log.summaryDueAt();
    if (this.timer !== null || due === null) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      const ended = this.log.close(this.clock());
      if (ended !== null) this.summarise(ended);
      this.arm();
    }, Math.max(0, due - this.clock()) + 1);
    this.timer.unref();
  }
}
