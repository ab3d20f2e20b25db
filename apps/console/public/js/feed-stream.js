// The live SLA events: one EventSource for the page, whatever view shows them. The server sends
// the recent events first, then each new one; an id seen twice (a reconnection) is kept once.

const MAX = 500;
const events = [];
const ids = new Set();
const listeners = new Set();
let source = null;
let status = 'closed';

/** Events, newest first: [{ event, timeZone }]. */
export const feedEvents = () => events;
export const feedStatus = () => status;

export function onFeed(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function notify(change) {
  for (const listener of listeners) listener(change);
}

const when = (e) => (e.type === 'sla.cleared' ? e.clearedAt : e.firedAt);

export function connectFeed() {
  if (source) return;
  source = new EventSource('/v1/feed', { withCredentials: true });
  status = 'connecting';
  source.addEventListener('sla', (message) => {
    const item = JSON.parse(message.data);
    if (ids.has(item.event.eventId)) return;
    ids.add(item.event.eventId);
    const at = events.findIndex((x) => when(x.event) <= when(item.event));
    events.splice(at === -1 ? events.length : at, 0, item);
    if (events.length > MAX) ids.delete(events.pop().event.eventId);
    notify({ type: 'event', item });
  });
  source.addEventListener('ready', () => {
    status = 'live';
    notify({ type: 'status' });
  });
  source.addEventListener('error', () => {
    status = source?.readyState === EventSource.CLOSED ? 'closed' : 'reconnecting';
    notify({ type: 'status' });
  });
}

/** A stream the server ended (session over, restart): open it again, keeping what was shown. */
export function reconnectFeed() {
  source?.close();
  source = null;
  connectFeed();
}

export function disconnectFeed() {
  source?.close();
  source = null;
  status = 'closed';
  events.length = 0;
  ids.clear();
}
