import type { Level } from '@stageplus/contracts';
import { resolveTargets, type SlaPolicy } from '@stageplus/sla-policy';
import { STORY_KINDS, ticketStory, type PlannedEvent, type StoryKind, type StoryTargets } from './ticket-stories';

export interface TrafficOptions {
  readonly policy: SlaPolicy;
  /** When the first ticket opens (ms since the epoch). */
  readonly startAt: number;
  /** New tickets per minute, evenly spaced. */
  readonly ticketsPerMinute: number;
  /** Same seed, same traffic. */
  readonly seed: number;
  /** Makes this run's ticket ids its own (`DEMO-<tag>-<n>`), so that a second run starts fresh tickets. */
  readonly runTag: string;
}

/** How often each story is told (weights). Alerts and clears dominate: it is a demo. */
const WEIGHTS: Readonly<Record<StoryKind, number>> = {
  'answered-quickly': 2,
  'answered-late': 3,
  breached: 2,
  paused: 2,
  reprioritized: 2,
  reopened: 1,
};

const AGENTS = ['agent-017', 'agent-042', 'agent-108', 'agent-256'];

/**
 * The demo's ticket traffic, ticket by ticket, deterministic from the seed: ticket `n` opens at
 * `startAt + n * 60 s / ticketsPerMinute` for one of the policy's establishments, with an impact,
 * urgency and story drawn from its own seeded generator. Ticket 0 is a PLUS P1 answered late at
 * the first establishment on PLUS (if any): its escalations fire within the first minute.
 */
export class TrafficPlan {
  private readonly tenants: readonly string[];
  private readonly firstTenant: string;

  constructor(private readonly options: TrafficOptions) {
    this.tenants = [...options.policy.tenants.keys()];
    if (this.tenants.length === 0) throw new Error(`the policy ${options.policy.source} lists no establishment (tenants:)`);
    this.firstTenant = this.tenants.find((t) => options.policy.tenants.get(t)?.plan === 'PLUS') ?? this.tenants[0];
  }

  /** When ticket `n` opens. */
  openingOf(n: number): number {
    return this.options.startAt + Math.round((n * 60_000) / this.options.ticketsPerMinute);
  }

  ticket(n: number): PlannedEvent[] {
    const random = seeded(this.options.seed * 100_003 + n);
    const tenantId = n === 0 ? this.firstTenant : pick(this.tenants, random);
    const kind: StoryKind = n === 0 ? 'answered-late' : weighted(random);
    const [impact, urgency] = n === 0 ? ([1, 1] as const) : kind === 'reprioritized' ? ([level(random, 3, 4), 4] as const) : ([level(random, 1, 4), level(random, 1, 4)] as const);
    const raised = { impact: level(random, 1, 2), urgency: level(random, 1, 2) };
    return ticketStory({
      kind,
      tenantId,
      ticketId: `DEMO-${this.options.runTag}-${n}`,
      impact,
      urgency,
      openedAt: this.openingOf(n),
      targets: this.targetsOf(tenantId, impact, urgency),
      agent: pick(AGENTS, random),
      raisedTo: kind === 'reprioritized' ? { ...raised, targets: this.targetsOf(tenantId, raised.impact, raised.urgency) } : undefined,
    });
  }

  /** Every event of the tickets opened in the first `minutes`, in time order (for `sla replay`). */
  firstMinutes(minutes: number): PlannedEvent[] {
    const events: PlannedEvent[] = [];
    for (let n = 0; this.openingOf(n) < this.options.startAt + minutes * 60_000; n++) events.push(...this.ticket(n));
    return events.sort((a, b) => a.at - b.at);
  }

  private targetsOf(tenantId: string, impact: Level, urgency: Level): StoryTargets {
    const targets = resolveTargets(this.options.policy, { tenantId, impact, urgency });
    return { responseMs: targets.response.target.durationMs, resolutionMs: targets.resolution.target.durationMs };
  }
}

/** mulberry32: a small, well-known seeded generator; the demo needs repeatability, not quality. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const pick = <T>(items: readonly T[], random: () => number): T => items[Math.floor(random() * items.length)];
const level = (random: () => number, from: number, to: number): Level => (from + Math.floor(random() * (to - from + 1))) as Level;

function weighted(random: () => number): StoryKind {
  const total = STORY_KINDS.reduce((sum, k) => sum + WEIGHTS[k], 0);
  let draw = random() * total;
  for (const kind of STORY_KINDS) {
    draw -= WEIGHTS[kind];
    if (draw < 0) return kind;
  }
  return STORY_KINDS[STORY_KINDS.length - 1];
}
