import { createServer } from 'node:net';

/**
 * Where test ports are drawn from: below Linux's ephemeral range (32768-60999). A process a test
 * starts binds its port seconds after the check, and meanwhile the other suites' outgoing
 * connections take ephemeral ports: a port the kernel picked (`listen(0)`) could be gone by then
 * (a CI run lost npm start's priority port so, EADDRINUSE).
 */
const LOWEST = 20_000;
const SPAN = 12_000;
/** Ports this process handed out: two calls before either port is bound must not get the same one. */
const handedOut = new Set<number>();

const isFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const server = createServer().once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });

/** The first of `count` consecutive loopback ports free right now, for processes a test or benchmark starts. */
export async function freePorts(count: number): Promise<number> {
  for (;;) {
    const base = LOWEST + Math.floor(Math.random() * (SPAN - count));
    const ports = Array.from({ length: count }, (_, i) => base + i);
    if (ports.some((p) => handedOut.has(p))) continue;
    const free = await Promise.all(ports.map(isFree));
    if (!free.every(Boolean) || ports.some((p) => handedOut.has(p))) continue;
    for (const p of ports) handedOut.add(p);
    return base;
  }
}

/** A loopback port free right now, for a process a test or benchmark starts. */
export function freePort(): Promise<number> {
  return freePorts(1);
}
