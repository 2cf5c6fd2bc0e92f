import { contract } from '../../shared/contract';

/** Whether the Rollcall server answers at the address the popup uses. */
export type ServerStatus =
  | { state: 'online'; url: string; version: string }
  | { state: 'unreachable'; url: string; reason: string };

/** Asks the worker's health operation whether it is up, without signing in; never throws. */
export async function fetchServerStatus(url: string, fetchFn: typeof fetch = fetch): Promise<ServerStatus> {
  try {
    const { path, responses } = contract.meta.health;
    const response = await fetchFn(new URL(path, url), { signal: AbortSignal.timeout(5000) });
    if (!response.ok) return { state: 'unreachable', url, reason: `the server answered ${response.status}` };
    const health = responses[200].schema.parse(await response.json());
    return { state: 'online', url, version: health.version };
  } catch (error) {
    const reason =
      error instanceof DOMException && error.name === 'TimeoutError'
        ? 'no answer within 5 seconds'
        : 'no Rollcall server answers at this address';
    return { state: 'unreachable', url, reason };
  }
}
