import { createCalendar } from '@stageplus/sla-calendar';
import type { SlaPolicy } from '../policy';
import type { PolicyHistory } from './policy-history';

/**
 * A policy history as data only, for another thread (`postMessage` clones plain objects, maps and
 * numbers, not a calendar's functions): each version without its built calendars, which are
 * functions of `calendarSpecs` and are built again on the other side.
 */
export interface PortableHistory {
  readonly versions: readonly {
    readonly policy: Omit<SlaPolicy, 'calendars'>;
    readonly publishedAt: number;
    readonly digest?: string;
  }[];
}

export function portableHistory(history: PolicyHistory): PortableHistory {
  return {
    versions: history.versions.map(({ policy: { calendars: _built, ...policy }, publishedAt, digest }) => ({
      policy,
      publishedAt,
      ...(digest !== undefined ? { digest } : {}),
    })),
  };
}

/** The history again, each version's calendars built from its specs, as `parsePolicy` built them. */
export function historyFromPortable(portable: PortableHistory): PolicyHistory {
  return {
    versions: portable.versions.map(({ policy, publishedAt, digest }) => ({
      policy: { ...policy, calendars: new Map(Object.entries(policy.calendarSpecs).map(([id, spec]) => [id, createCalendar(spec)])) },
      publishedAt,
      ...(digest !== undefined ? { digest } : {}),
    })),
  };
}
