// Calls to the console's own API. The session cookie goes by itself (same origin); the key is
// sent once, to POST /session, and never kept in the page.

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail ?? `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

const signedOut = new Set();
/** Called when any call finds the session gone (401). */
export const onSignedOut = (listener) => signedOut.add(listener);

async function call(method, path, body) {
  const response = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 204) return null;
  const data = await response.json().catch(() => null);
  if (response.ok) return data;
  if (response.status === 401 && path !== '/session') for (const listener of signedOut) listener();
  throw new ApiError(response.status, data);
}

export const api = {
  session: () => call('GET', '/session'),
  signIn: (key) => call('POST', '/session', { key }),
  signOut: () => call('DELETE', '/session'),
  board: (query) => call('GET', `/v1/board?${new URLSearchParams(query)}`),
  ticket: (tenantId, ticketId) => call('GET', `/v1/tenants/${encodeURIComponent(tenantId)}/tickets/${encodeURIComponent(ticketId)}`),
  policy: () => call('GET', '/v1/policy'),
  compliance: (query) => call('GET', `/v1/compliance?${new URLSearchParams(query)}`),
};
