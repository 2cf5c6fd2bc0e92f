import { healthSchema } from '../../shared/schemas/health';
import type { ServerStatus } from './messaging';

/** Asks the worker's `GET /health` whether it is up; never throws. */
export async function fetchServerStatus(url: string, fetchFn: typeof fetch = fetch): Promise<ServerStatus> {
  try {
    const response = await fetchFn(new URL('/health', url), { signal: AbortSignal.timeout(5000) });
    if (!response.ok) return { state: 'unreachable', url, reason: `the server answered ${response.status}` };
    const health = healthSchema.parse(await response.json());
    return { state: 'online', url, version: health.version };
  } catch (error) {
    const reason =
      error instanceof DOMException && error.name === 'TimeoutError'
        ? 'no answer within 5 seconds'
        : 'no Rollcall server answers at this address';
    return { state: 'unreachable', url, reason };
  }
}
