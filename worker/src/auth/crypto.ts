/** Small helpers over Web Crypto shared by tokens, sessions and the audit chain. */
import { toBase64Url } from '../../../shared/web-crypto';

export { sha256Hex, toBase64Url } from '../../../shared/web-crypto';

/** A random token with 256 bits of entropy, for refresh and setup tokens. */
export function randomToken(): string {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(32)));
}

export function newId(): string {
  return crypto.randomUUID();
}
