import type { Priority, SlaTopicEvent } from '@stageplus/contracts';
import { CliError } from '../../io/cli-error';

/** What `--level` selects: an escalation level, breaches, or clears. */
export type WatchLevel = '1' | '2' | '3' | 'breach' | 'cleared';

const LEVELS: readonly WatchLevel[] = ['1', '2', '3', 'breach', 'cleared'];
const PRIORITIES: readonly Priority[] = ['P1', 'P2', 'P3', 'P4'];

/** Each field: the values to show; an empty set shows everything. */
export interface WatchFilter {
  readonly tenants: ReadonlySet<string>;
  readonly priorities: ReadonlySet<Priority>;
  readonly levels: ReadonlySet<WatchLevel>;
}

/** `--tenant a --tenant b` and `--tenant a,b` alike. */
const listOf = (values: readonly string[] | undefined): string[] =>
  (values ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');

function oneOf<T extends string>(option: string, values: string[], allowed: readonly T[]): Set<T> {
  const bad = values.filter((v) => !(allowed as readonly string[]).includes(v));
  if (bad.length > 0) throw new CliError('CLI.USAGE', `--${option} must be among ${allowed.join(', ')}, not "${bad.join(', ')}"`);
  return new Set(values as T[]);
}

export function watchFilter(raw: { tenant?: string[]; priority?: string[]; level?: string[] }): WatchFilter {
  return {
    tenants: new Set(listOf(raw.tenant)),
    priorities: oneOf('priority', listOf(raw.priority).map((p) => p.toUpperCase()), PRIORITIES),
    levels: oneOf('level', listOf(raw.level).map((l) => l.toLowerCase()), LEVELS),
  };
}

/**
 * The levels an event answers to. A clear answers to `cleared` and to the level of the alert it
 * clears (`breach` for a breached clock, else its highest escalation): whoever watches breaches
 * also wants to hear that they were resolved.
 */
function levelsOf(event: SlaTopicEvent): WatchLevel[] {
  if (event.type !== 'sla.cleared') return [event.type === 'sla.breached' ? 'breach' : (String(event.level) as WatchLevel)];
  const highest = Math.max(0, ...event.alerts.map((a) => a.level ?? 0));
  return ['cleared', event.breached ? 'breach' : (String(highest) as WatchLevel)];
}

export function matches(filter: WatchFilter, event: SlaTopicEvent): boolean {
  if (filter.tenants.size > 0 && !filter.tenants.has(event.tenantId)) return false;
  if (filter.priorities.size > 0 && !filter.priorities.has(event.priority)) return false;
  return filter.levels.size === 0 || levelsOf(event).some((l) => filter.levels.has(l));
}
