import type { SlaThresholdFired } from '@stageplus/contracts';
import type { ClockSla, ExplanationSegment, Language, TicketExplanation } from '@stageplus/sla-engine';
import { EXPLAIN_TEXT, type ExplainText } from './explain.text';
import { humanDuration, localTime } from './format-time';

export interface RenderContext {
  /** The establishment's zone (`tenantTimeZone`): every instant is written in it. */
  readonly zone: string;
  readonly dayMs: number;
  readonly now: number;
  readonly lang: Language;
}

/** The explanation for a person, in French or English: clocks, deadlines, thresholds, segments and firings. */
export function renderExplanation(x: TicketExplanation, fired: readonly SlaThresholdFired[], ctx: RenderContext): string {
  const { sla } = x;
  const text = EXPLAIN_TEXT[ctx.lang];
  const t = (ms: number) => localTime(ms, ctx.zone, ctx.lang);
  const lines = [
    text.ticket(`${sla.tenantId}/${sla.ticketId}`, sla.priority, sla.impact, sla.urgency, sla.plan, sla.policyVersion),
    `${text.asOf} ${t(ctx.now)} (${new Date(ctx.now).toISOString()})`,
  ];
  for (const clock of [sla.clocks.response, sla.clocks.resolution]) {
    lines.push('', ...renderClock(clock, x.segments[clock.clock], ctx, text));
  }
  lines.push('', fired.length === 0 ? text.firedNothing : text.fired);
  for (const f of fired) {
    const what = f.type === 'sla.breached' ? text.breach : text.escalation(f.level);
    const late = f.late ? text.lateDue(t(Date.parse(f.thresholdAt))) : '';
    lines.push(`  ${t(Date.parse(f.firedAt))}  ${text.clock[f.clock].toLowerCase()} ${text.percent(f.percent).trim()} ${what}${late}`);
  }
  return lines.join('\n');
}

function renderClock(clock: ClockSla, segments: readonly ExplanationSegment[], ctx: RenderContext, text: ExplainText): string[] {
  const d = (ms: number) => humanDuration(ms, ctx.dayMs);
  const t = (ms: number) => localTime(ms, ctx.zone, ctx.lang);
  const stop = clock.stop ? text.stoppedBy(text.stop[clock.stop.by], t(clock.stop.at)) : '';
  const paused = clock.pausedSince !== null ? text.pausedSince(t(clock.pausedSince)) : '';
  const due = clock.dueAt === null ? text.dueWhenPauseEnds : `${t(clock.dueAt)} (${new Date(clock.dueAt).toISOString()})`;
  const lines = [
    `${text.clock[clock.clock]}${text.colon}${text.status[clock.status]}${stop}${paused}`,
    text.target(d(clock.targetMs), clock.calendarId, t(clock.startedAt)),
    `  ${text.due} ${due}`,
    text.elapsed(d(clock.elapsedMs), d(clock.remainingMs)),
    text.thresholds,
  ];
  for (const th of clock.thresholds) {
    const name = th.event === 'sla.breached' ? text.breach : text.level(th.level);
    const at = th.at === null ? text.notReachedWhilePaused : t(th.at);
    lines.push(`    ${text.percent(th.percent)} ${name.padEnd(12)} ${at}${th.reached ? '' : text.notReached}`);
  }
  lines.push(text.segments);
  for (const s of segments) {
    const reason = s.labels?.[ctx.lang] ?? s.reason;
    const label = text.segment[s.kind] + (reason ? ` (${reason})` : '') + (s.projected ? text.projected : '');
    const counted = s.countedMs > 0 ? `  +${d(s.countedMs)} = ${d(s.elapsedMs)}` : '';
    lines.push(`    ${t(s.from)} -> ${t(s.to)}  ${label}${counted}`);
  }
  return lines;
}
