import { RpcException } from '@nestjs/microservices';

/**
 * A message that can never be applied (not JSON, invalid, a tenant the policy refuses): it goes
 * to the dead-letter topic with `code` as the reason, and consumption goes on. Any other error is
 * taken as transient (broker or store unavailable) and retried, never dead-lettered.
 *
 * It is an RpcException because Nest's handler wrapper turns any other error into an anonymous
 * "Internal server error": this one keeps its code through it.
 */
export class PermanentMessageError extends RpcException {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super({ permanent: true, code, message });
    this.name = 'PermanentMessageError';
  }
}

/** The code and message of a permanent failure, whether thrown directly or through Nest's wrapper. */
export function permanentFailure(error: unknown): { code: string; message: string } | null {
  if (error instanceof PermanentMessageError) return { code: error.code, message: error.message };
  const e = error as { permanent?: unknown; code?: unknown; message?: unknown } | null;
  if (e !== null && typeof e === 'object' && e.permanent === true && typeof e.code === 'string') {
    return { code: e.code, message: String(e.message ?? '') };
  }
  return null;
}
