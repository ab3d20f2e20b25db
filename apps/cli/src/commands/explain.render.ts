import type { SlaThresholdFired } from '@stageplus/contracts';
import type { ClockSla, ExplanationSegment, TicketExplanation } from '@stageplus/sla-engine';
import { humanDuration, localTime } from './format-time';

export interface RenderContext {
  readonly zone: string;
  readonly dayMs: number;
  readonly now: number;
}

const SEGMENT_LABEL: Record<ExplanationSegment['kind'], string> = {
  running: 'counted',
  paused: 'paused',
  outside_hours: 'outside business hours',
  holiday: 'holiday',
};

/** The explanation for a person: clocks, deadlines, thresholds, segments and firings. */
export function renderExplanation(x: TicketExplanation, fired: readonly SlaThresholdFired[], ctx: RenderContext): string {
  const { sla } = x;
  const lines = [
    `Ticket ${sla.tenantId}/${sla.ticketId}: ${sla.priority} (impact ${sla.impact}, urgency ${sla.urgency}), plan ${sla.plan}, policy ${sla.policyVersion}`,
    `As of ${localTime(ctx.now, ctx.zone)} (${new Date(ctx.now).toISOString()})`,
  ];
  for (const clock of [sla.clocks.response, sla.clocks.resolution]) {
    lines.push('', ...renderClock(clock, x.segments[clock.clock], ctx));
  }
  lines.push('', fired.length === 0 ? 'Fired: nothing yet.' : 'Fired:');
  for (const f of fired) {
    const what = f.type === 'sla.breached' ? 'breach' : `escalation level ${f.level}`;
    const late = f.late ? ` (late: due ${localTime(Date.parse(f.thresholdAt), ctx.zone)})` : '';
    lines.push(`  ${localTime(Date.parse(f.firedAt), ctx.zone)}  ${f.clock} ${f.percent}% ${what}${late}`);
  }
  return lines.join('\n');
}

function renderClock(clock: ClockSla, segments: readonly ExplanationSegment[], ctx: RenderContext): string[] {
  const d = (ms: number) => humanDuration(ms, ctx.dayMs);
  const t = (ms: number) => localTime(ms, ctx.zone);
  const stop = clock.stop ? `, stopped by ${clock.stop.by} at ${t(clock.stop.at)}` : '';
  const paused = clock.pausedSince !== null ? `, paused since ${t(clock.pausedSince)}` : '';
  const lines = [
    `${clock.clock} clock: ${clock.status.toUpperCase()}${stop}${paused}`,
    `  target ${d(clock.targetMs)} on calendar ${clock.calendarId}, started ${t(clock.startedAt)}`,
    `  due ${clock.dueAt === null ? 'when the pause ends (not counting now)' : `${t(clock.dueAt)} (${new Date(clock.dueAt).toISOString()})`}`,
    `  elapsed ${d(clock.elapsedMs)}, remaining ${d(clock.remainingMs)}`,
    '  thresholds:',
  ];
  for (const th of clock.thresholds) {
    const name = th.event === 'sla.breached' ? 'breach' : `level ${th.level}`;
    const at = th.at === null ? 'not reached while paused' : t(th.at);
    lines.push(`    ${String(th.percent).padStart(3)}% ${name.padEnd(8)} ${at}${th.reached ? '' : '  (not reached)'}`);
  }
  lines.push('  segments:');
  for (const s of segments) {
    const label = SEGMENT_LABEL[s.kind] + (s.reason ? ` (${s.reason})` : '') + (s.projected ? ' [projected]' : '');
    const counted = s.countedMs > 0 ? `  +${d(s.countedMs)} = ${d(s.elapsedMs)}` : '';
    lines.push(`    ${t(s.from)} -> ${t(s.to)}  ${label}${counted}`);
  }
  return lines;
}
