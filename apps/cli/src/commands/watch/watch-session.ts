import type { SlaTopicEvent } from '@stageplus/contracts';
import { z } from 'zod';
import { matches, type WatchFilter } from './watch-filter';
import { watchLine, type WatchLineOptions } from './watch-line';

const instant = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'must be an ISO instant');
const common = {
  eventId: z.string().min(1),
  tenantId: z.string().min(1),
  ticketId: z.string().min(1),
  clock: z.enum(['response', 'resolution']),
  priority: z.enum(['P1', 'P2', 'P3', 'P4']),
};
/** The fields a line reads; anything else in the payload is left alone (and printed whole by `--json`). */
const slaTopicEvent = z.discriminatedUnion('type', [
  z.looseObject({ type: z.enum(['sla.escalated', 'sla.breached']), ...common, percent: z.number(), level: z.number().nullable(), firedAt: instant, thresholdAt: instant, dueAt: instant.nullable(), late: z.boolean() }),
  z.looseObject({
    type: z.literal('sla.cleared'),
    ...common,
    reason: z.string().min(1), // any reason: a clear is a clear, and more reasons may come
    since: instant,
    clearedAt: instant,
    breached: z.boolean(),
    alerts: z.array(z.looseObject({ level: z.number().nullable() })),
  }),
]);

/**
 * The ids seen last, at most `size` of them: the same event arrives on both SLA topics (the
 * clear of a breached clock) or twice after a timer crash, and is shown once. Bounded, so a
 * watch left open for weeks does not grow.
 */
export class RecentIds {
  private readonly ids = new Set<string>();

  constructor(private readonly size: number) {}

  /** True the first time `id` is seen within the window. */
  firstTime(id: string): boolean {
    if (this.ids.has(id)) return false;
    this.ids.add(id);
    if (this.ids.size > this.size) this.ids.delete(this.ids.values().next().value as string);
    return true;
  }
}

export type WatchOutput = { readonly print: string } | { readonly skipped: 'filtered' | 'duplicate' } | { readonly invalid: string };

export interface WatchSessionOptions extends WatchLineOptions {
  readonly filter: WatchFilter;
  /** Print the payload untouched (one JSON object a line) instead of a readable line. */
  readonly json: boolean;
  /** How many event ids the duplicate check remembers. */
  readonly window?: number;
}

/** What `sla watch` prints for each message of the SLA topics, in the order they arrive. */
export class WatchSession {
  private readonly recent: RecentIds;

  constructor(private readonly options: WatchSessionOptions) {
    this.recent = new RecentIds(options.window ?? 10_000);
  }

  accept(text: string): WatchOutput {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return { invalid: 'not JSON' };
    }
    const parsed = slaTopicEvent.safeParse(value);
    if (!parsed.success) return { invalid: parsed.error.issues.map((i) => `${i.path.join('.') || 'type'}: ${i.message}`).join('; ') };
    const event = parsed.data as unknown as SlaTopicEvent;
    if (!matches(this.options.filter, event)) return { skipped: 'filtered' };
    if (!this.recent.firstTime(event.eventId)) return { skipped: 'duplicate' };
    // One object a line for pipes: a payload written on several lines is compacted, never altered.
    const json = text.includes('\n') ? JSON.stringify(value) : text;
    return { print: this.options.json ? json : watchLine(event, this.options) };
  }
}
