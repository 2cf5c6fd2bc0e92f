/** Validates a server address the admin typed; answers the reason it is unusable, or null. */
export function serverUrlProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'Enter a full address, such as https://rollcall.example.com';
  }
  if (url.protocol !== 'https:' && url.hostname !== '127.0.0.1' && url.hostname !== 'localhost') {
    return 'Use https:// — only a server on this computer may use http://';
  }
  return null;
}
