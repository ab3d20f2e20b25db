/** What stopped a clock: a response, a resolution, or the ticket's closing. */
export type StopCause = 'responded' | 'resolved' | 'closed';
