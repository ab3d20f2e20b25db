import type { SlaTopicEvent } from '@stageplus/contracts';

/** An SLA event as the console shows it: the event, and the zone its establishment reads time in. */
export interface FeedItem {
  readonly event: SlaTopicEvent;
  readonly timeZone: string;
}

type Listener = (item: FeedItem) => void;

/** When an event happened, for ordering: when it fired, or when its alert cleared. */
export const eventTime = (event: SlaTopicEvent): string => (event.type === 'sla.cleared' ? event.clearedAt : event.firedAt);

/**
 * The recent SLA events in memory and the pages listening for new ones. A breach and a clear
 * can arrive on two topics with the same `eventId`: it is kept and sent once. The dedupe memory
 * is larger than the buffer so that a late copy of an event that already left it is still known.
 */
export class SlaFeed {
  private readonly items: FeedItem[] = [];
  private readonly seen = new Set<string>();
  private readonly listeners = new Set<Listener>();

  constructor(
    private readonly size: number,
    private readonly zoneOf: (tenantId: string) => string,
  ) {}

  /** Adds an event; false when its `eventId` was already there. */
  add(event: SlaTopicEvent): boolean {
    if (this.seen.has(event.eventId)) return false;
    this.remember(event.eventId);
    const item = { event, timeZone: this.zoneOf(event.tenantId) };
    this.items.push(item);
    if (this.items.length > this.size) this.items.shift();
    for (const listener of this.listeners) listener(item);
    return true;
  }

  /** The buffered events that pass `visible`, oldest first. */
  recent(visible: (event: SlaTopicEvent) => boolean): FeedItem[] {
    return this.items.filter((i) => visible(i.event)).sort((a, b) => eventTime(a.event).localeCompare(eventTime(b.event)));
  }

  /** Calls `listener` with every new event until the returned function is called. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get listening(): number {
    return this.listeners.size;
  }

  private remember(eventId: string): void {
    this.seen.add(eventId);
    if (this.seen.size > this.size * 4) {
      const oldest = this.seen.values().next().value;
      if (oldest !== undefined) this.seen.delete(oldest);
    }
  }
}
