import type { ApiKeyPrincipal } from '@stageplus/http';

/** A signed-in browser: who it is, the key it signed in with (forwarded to the timer), until when. */
export interface Session {
  readonly principal: ApiKeyPrincipal;
  /** The key itself, held only here (server memory) so that the timer can check it per call. */
  readonly apiKey: string;
  readonly expiresAt: number;
}

/**
 * Sessions in this process's memory, by an opaque random id (the cookie's value). A restart signs
 * everyone out, which for a read-only console is a fair price for holding no key on disk. The
 * clock and the ids are inputs, so that expiry is tested without waiting.
 */
export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  constructor(
    private readonly ttlMs: number,
    private readonly newId: () => string,
    private readonly now: () => number = Date.now,
  ) {}

  open(principal: ApiKeyPrincipal, apiKey: string): { id: string; session: Session } {
    this.sweep();
    const id = this.newId();
    const session = { principal, apiKey, expiresAt: this.now() + this.ttlMs };
    this.sessions.set(id, session);
    return { id, session };
  }

  /** The live session of an id; an expired one is forgotten and reads as none. */
  find(id: string | undefined): Session | undefined {
    if (id === undefined) return undefined;
    const session = this.sessions.get(id);
    if (session === undefined) return undefined;
    if (session.expiresAt <= this.now()) {
      this.sessions.delete(id);
      return undefined;
    }
    return session;
  }

  close(id: string | undefined): void {
    if (id !== undefined) this.sessions.delete(id);
  }

  get size(): number {
    return this.sessions.size;
  }

  /** Forgets expired sessions, so that abandoned browsers do not accumulate. */
  private sweep(): void {
    const now = this.now();
    for (const [id, session] of this.sessions) if (session.expiresAt <= now) this.sessions.delete(id);
  }
}
