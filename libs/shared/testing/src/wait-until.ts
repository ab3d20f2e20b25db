/**
 * Polls `check` until it returns a value that is not undefined, or fails after `timeoutMs`.
 * For state that emits no event (a Redis key, an HTTP answer); prefer TopicRecorder for topics.
 */
export async function waitUntil<T>(check: () => Promise<T | undefined>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
