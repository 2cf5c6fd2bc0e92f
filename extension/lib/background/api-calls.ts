import { contract } from '../../../shared/contract';
import type { Operation } from '../../../shared/contract/operation';
import { type Result, refused } from '../result';
import type { ApiClient } from '../sync/api-client';
import { answer, OFFLINE_READ, OFFLINE_WRITE } from './reviews';

/**
 * One operation of the contract, named by its group and name (`{ group: 'roles', name: 'create' }`)
 * as the console asks for it. The console's typed wrapper (console/api.ts) names it from the
 * operation itself, so its request and answer keep their types on the page's side.
 */
export interface ApiCall {
  group: string;
  name: string;
  request?: { params?: unknown; query?: unknown; body?: unknown };
}

const operationsByName = contract as unknown as Record<string, Record<string, Operation>>;

/**
 * The console's way to the server, for what it does online only (members, reviews, the audit trail,
 * imports, settings): straight to the API as the signed-in member, never queued. The server checks
 * the member's role; the console shows only what that role may do.
 */
export function createApiCalls({ api }: { api: ApiClient }) {
  return {
    callApi({ group, name, request }: ApiCall): Promise<Result<unknown>> {
      const op = Object.hasOwn(operationsByName, group) ? operationsByName[group]?.[name] : undefined;
      if (!op || !Object.hasOwn(operationsByName[group] ?? {}, name) || op.roles === 'public')
        return Promise.resolve(refused('invalid', `There is no operation ${group}.${name}.`));
      return answer(
        () => api.call(op, (request ?? {}) as never),
        op.method === 'get' ? OFFLINE_READ : OFFLINE_WRITE,
      );
    },
  };
}
