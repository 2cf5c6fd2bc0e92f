import type { Operation, RequestOf, Success } from '../../../shared/contract/operation';
import type { OperationRef } from '../../../shared/contract/refs';
import type { Send } from '../messaging';
import type { Result } from '../result';

/** An operation's request: optional when it takes no parameters, query or body. */
type RequestArgs<O extends Operation> =
  // biome-ignore lint/complexity/noBannedTypes: "nothing required" is exactly `{}`
  {} extends RequestOf<O> ? [request?: RequestOf<O>] : [request: RequestOf<O>];

/**
 * Calls one operation of the API through the background, typed from the contract like the
 * background's own client: `callApi(send, contract.members.invite, { body })`.
 */
export async function callApi<O extends Operation>(
  send: Send,
  op: OperationRef<O>,
  ...[request]: RequestArgs<O>
): Promise<Result<Success<O>>> {
  return (await send('callApi', { group: op.group, name: op.name, request: request ?? {} })) as Result<
    Success<O>
  >;
}
