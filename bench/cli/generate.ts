/**
 * Generates reproducible CLI inputs for throughput checks:
 *   tsx bench/cli/generate.ts cases 100000 > /tmp/cases.jsonl
 *   tsx bench/cli/generate.ts events 100000 > /tmp/events.jsonl
 * Events: tickets of 4-8 events (opened, updates with pauses and priority changes, responded,
 * resolved, sometimes reopened, closed), some delivered late, all in 2026.
 */
let seed = 42;
function random(): number {
  seed = (seed * 1664525 + 1013904223) % 4294967296;
  return seed / 4294967296;
}
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
const level = () => 1 + Math.floor(random() * 4);
const START = Date.parse('2026-01-05T13:30:00Z');
const YEAR = 360 * 24 * 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();
const minutes = (n: number) => n * 60_000;
const out: string[] = [];
const flush = () => {
  process.stdout.write(out.join('\n') + '\n');
  out.length = 0;
};

function cases(n: number): void {
  for (let i = 0; i < n; i++) {
    const openedAt = START + Math.floor(random() * YEAR);
    const pauses = random() < 0.3 ? [{ from: iso(openedAt + minutes(60)), to: iso(openedAt + minutes(60 + 30 + Math.floor(random() * 3000))) }] : undefined;
    out.push(JSON.stringify({ id: `c${i}`, plan: pick(['BASE', 'PLUS']), impact: level(), urgency: level(), openedAt: iso(openedAt), pauses }));
    if (out.length >= 10_000) flush();
  }
}

function events(n: number): void {
  let written = 0;
  for (let t = 0; written < n; t++) {
    const tenantId = pick(['ciusss-capitale-nationale', 'chu-sainte-justine', 'cisss-laval', 'hopital-general']);
    const ticketId = `T-${t}`;
    let at = START + Math.floor(random() * YEAR);
    let id = 0;
    const emit = (type: string, extra: Record<string, unknown> = {}) => {
      const late = random() < 0.1 ? minutes(Math.floor(random() * 120)) : 0;
      out.push(JSON.stringify({ eventId: `${ticketId}-${id++}`, type, tenantId, ticketId, occurredAt: iso(at), receivedAt: iso(at + late), ...extra }));
      written++;
      if (random() < 0.02) out.push(out[out.length - 1]); // a duplicate delivery
    };
    emit('ticket.opened', { impact: level(), urgency: level() });
    at += minutes(Math.floor(random() * 600));
    if (random() < 0.3) emit('ticket.updated', { impact: level(), urgency: level() });
    emit('ticket.responded');
    if (random() < 0.4) {
      at += minutes(Math.floor(random() * 900));
      emit('ticket.updated', { status: 'pending_customer' });
      at += minutes(Math.floor(random() * 3000));
      emit('ticket.updated', { status: 'in_progress' });
    }
    at += minutes(Math.floor(random() * 4000));
    emit('ticket.resolved');
    if (random() < 0.1) {
      at += minutes(Math.floor(random() * 2000));
      emit('ticket.reopened');
      at += minutes(Math.floor(random() * 2000));
      emit('ticket.resolved');
    }
    at += minutes(Math.floor(random() * 5000));
    emit('ticket.closed');
    if (out.length >= 10_000) flush();
  }
}

const [kind, count] = process.argv.slice(2);
(kind === 'events' ? events : cases)(Number(count ?? 100_000));
flush();
