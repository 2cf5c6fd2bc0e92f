import { contract } from '../../../shared/contract';
import type { Operation, RequestOf, Success } from '../../../shared/contract/operation';
import type { Send } from '../messaging';
import type { Result } from '../result';

/** Each operation of the contract by its own object: where `callApi` finds its group and name. */
const names = new Map<Operation, { group: string; name: string }>(
  Object.entries(contract).flatMap(([group, ops]) =>
    Object.entries(ops as Record<string, Operation>).map(([name, op]) => [op, { group, name }] as const),
  ),
);

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
  op: O,
  ...[request]: RequestArgs<O>
): Promise<Result<Success<O>>> {
  const named = names.get(op);
  if (!named) throw new Error(`${op.method.toUpperCase()} ${op.path} is not in the contract.`);
  return (await send('callApi', { ...named, request: request ?? {} })) as Result<Success<O>>;
}
