import { Catch, type RpcExceptionFilter } from '@nestjs/common';
import { throwError, type Observable } from 'rxjs';

/**
 * Nest's default RPC filter turns any error that is not an RpcException into an anonymous
 * "Internal server error". This one hands every error back as thrown, so that the Kafka
 * transport logs the real cause of a transient failure and recognises permanent ones.
 */
@Catch()
export class RethrowRpcErrorsFilter implements RpcExceptionFilter<unknown> {
  catch(exception: unknown): Observable<never> {
    return throwError(() => exception);
  }
}
