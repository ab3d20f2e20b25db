/** Which ticket: the pair that keys everything about it. */
export interface TicketRef {
  readonly tenantId: string;
  readonly ticketId: string;
}

export const refOf = (x: TicketRef): TicketRef => ({ tenantId: x.tenantId, ticketId: x.ticketId });

/** `tenant:ticket`, safe in Redis keys and job ids (ids never contain `|`). */
export const refKey = (ref: TicketRef): string => `${ref.tenantId}|${ref.ticketId}`;

/** `tenant|ticket` back to the pair. */
export function refOfKey(key: string): TicketRef {
  const at = key.indexOf('|');
  return { tenantId: key.slice(0, at), ticketId: key.slice(at + 1) };
}
