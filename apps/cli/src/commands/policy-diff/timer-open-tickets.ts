import { z } from 'zod';
import { levelSchema, TICKET_EVENT_TYPES, type ClockName } from '@stageplus/contracts';
import { toKnownEvent } from '@stageplus/sla-engine';
import { CliError } from '../../io/cli-error';
import type { OpenTicket } from './deadline-moves';

/** Where the running timer answers, and with which key. */
export interface TimerSource {
  /** Base URL of the timer's HTTP API (`http://127.0.0.1:3002`). */
  readonly url: string;
  /** An API key with read scope for the tenant (all tenants without `tenant`). */
  readonly key: string;
  /** Only this tenant's tickets; every tenant's when undefined (an all-tenants key). */
  readonly tenant?: string;
}

/** The largest page the board serves (`AT_RISK_MAX_LIMIT`). */
const PAGE = 200;

const boardPage = z.object({
  items: z.array(z.object({ tenantId: z.string(), ticketId: z.string() })),
  nextCursor: z.string().nullable(),
});

const slaView = z.object({
  tenantId: z.string(),
  ticketId: z.string(),
  policyVersion: z.string(),
  clocks: z.record(z.string(), z.object({ thresholds: z.array(z.object({ percent: z.number(), state: z.string(), firedAt: z.string().optional() })) })),
  events: z.array(
    z.object({
      eventId: z.string(),
      type: z.enum(TICKET_EVENT_TYPES),
      occurredAt: z.string(),
      receivedAt: z.string(),
      impact: levelSchema.optional(),
      urgency: levelSchema.optional(),
      status: z.string().optional(),
    }),
  ),
});

/**
 * The open tickets of the running timer: every page of its at-risk board, running and paused,
 * then each ticket's SLA view for its events (in event-time order) and what it fired.
 *
 * @throws CliError `CLI.TIMER` when the timer cannot be reached or answers otherwise than 200
 *   (401, 403, 503 while it rebuilds), or with a body this command does not understand.
 */
export async function readOpenTickets(source: TimerSource, fetchImpl: typeof fetch = fetch): Promise<OpenTicket[]> {
  const refs = new Map<string, { tenantId: string; ticketId: string }>();
  for (const state of ['running', 'paused'] as const) {
    let cursor: string | null = null;
    do {
      const query = new URLSearchParams({ state, limit: String(PAGE), ...(cursor === null ? {} : { cursor }) });
      const path = source.tenant === undefined ? `/v1/tickets?${query}` : `/v1/tenants/${encodeURIComponent(source.tenant)}/tickets?${query}`;
      const page = boardPage.parse(await getJson(source, path, fetchImpl));
      for (const item of page.items) refs.set(`${item.tenantId}/${item.ticketId}`, item);
      cursor = page.nextCursor;
    } while (cursor !== null);
  }
  const tickets: OpenTicket[] = [];
  for (const ref of refs.values()) {
    const path = `/v1/tenants/${encodeURIComponent(ref.tenantId)}/tickets/${encodeURIComponent(ref.ticketId)}/sla`;
    const body = await getJson(source, path, fetchImpl, true);
    if (body !== null) tickets.push(openTicketOf(slaView.parse(body)));
  }
  return tickets;
}

function openTicketOf(view: z.infer<typeof slaView>): OpenTicket {
  const fired = Object.entries(view.clocks).flatMap(([clock, c]) =>
    c.thresholds.filter((t) => t.state === 'fired' && t.firedAt !== undefined).map((t) => ({ clock: clock as ClockName, percent: t.percent, firedAt: Date.parse(t.firedAt as string) })),
  );
  const events = view.events.map((e, seq) => toKnownEvent({ ...e, tenantId: view.tenantId, ticketId: view.ticketId }, seq));
  return { tenantId: view.tenantId, ticketId: view.ticketId, policyVersion: view.policyVersion, events, fired };
}

/** GETs a JSON body; with `missingIsNull`, a 404 (a ticket closed since the board was read) is null. */
async function getJson(source: TimerSource, path: string, fetchImpl: typeof fetch, missingIsNull = false): Promise<unknown> {
  const url = new URL(path, source.url).toString();
  let response: Response;
  try {
    response = await fetchImpl(url, { headers: { authorization: `Bearer ${source.key}`, accept: 'application/json' } });
  } catch (error) {
    throw new CliError('CLI.TIMER', `cannot reach the timer at ${source.url}: ${(error as Error).message}`);
  }
  if (missingIsNull && response.status === 404) return null;
  if (!response.ok) {
    const detail = await response.text().catch(() => '');
    throw new CliError('CLI.TIMER', `GET ${url} answered ${response.status}${detail === '' ? '' : `: ${detail.slice(0, 300)}`}`);
  }
  return response.json();
}
