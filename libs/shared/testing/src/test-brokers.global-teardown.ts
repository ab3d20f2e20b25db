/** Stops the containers that the global setup started, if any. */
export default async function teardown(): Promise<void> {
  const containers = (globalThis as { __containers__?: { stop(): Promise<unknown> }[] }).__containers__ ?? [];
  await Promise.all(containers.map((c) => c.stop()));
}
