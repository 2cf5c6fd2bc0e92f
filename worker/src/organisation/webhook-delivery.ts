/**
 * Posting to the firm's webhook: the daily check's notifications and an owner's test delivery go
 * out the same way, signed with HMAC-SHA256 over the exact body bytes, so a receiver that checks
 * one checks the other.
 */

export const SIGNATURE_HEADER = 'x-rollcall-signature';
export const TIMESTAMP_HEADER = 'x-rollcall-timestamp';

/** HMAC-SHA256 of the exact body bytes under the organisation's secret, as lowercase hex. */
export async function signBody(secret: string, body: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(body)));
  return [...mac].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

export type WebhookDelivery = {
  /** The receiver's HTTP status; 0 when it could not be reached or did not answer in time. */
  status: number;
  ms: number;
  /** Why there is no status: the network error, or the time-out. */
  error: string | null;
  /** Where a redirect pointed (redirects are not followed: the URL set is where events go). */
  location: string | null;
};

/** A receiver that has not answered in this long is given up on. */
export const WEBHOOK_TIMEOUT_MS = 10_000;

/** Posts `body` signed under `secret` to `url`; never throws. */
export async function deliverToWebhook(
  hook: { url: string; secret: string },
  body: string,
  now: number,
  fetcher: typeof fetch = fetch,
): Promise<WebhookDelivery> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const response = await fetcher(hook.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [TIMESTAMP_HEADER]: String(Math.floor(now / 1000)),
        [SIGNATURE_HEADER]: `sha256=${await signBody(hook.secret, body)}`,
      },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
    });
    await response.body?.cancel();
    return {
      status: response.status,
      ms: elapsed(),
      error: null,
      location: response.headers.get('location'),
    };
  } catch (error) {
    const timedOut = error instanceof Error && error.name === 'TimeoutError';
    return {
      status: 0,
      ms: elapsed(),
      error: timedOut
        ? `no answer within ${WEBHOOK_TIMEOUT_MS / 1000} seconds`
        : error instanceof Error
          ? error.message
          : String(error),
      location: null,
    };
  }
}
