/** Calls an observer's hook, never letting it break the caller. */
export function notify<T extends object>(observer: T | undefined, call: (observer: T) => void, onError?: (error: unknown) => void): void {
  if (observer === undefined) return;
  try {
    call(observer);
  } catch (error) {
    onError?.(error);
  }
}
