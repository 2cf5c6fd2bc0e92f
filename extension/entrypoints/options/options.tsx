import { useEffect, useState } from 'preact/hooks';
import { serverUrlItem } from '../../lib/storage';

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

export function Options() {
  const [serverUrl, setServerUrl] = useState('');
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  useEffect(() => {
    serverUrlItem.getValue().then(setServerUrl);
  }, []);

  async function save(event: Event) {
    event.preventDefault();
    const problem = serverUrlProblem(serverUrl);
    if (problem) {
      setMessage({ kind: 'error', text: problem });
      return;
    }
    await serverUrlItem.setValue(new URL(serverUrl).origin);
    setMessage({ kind: 'ok', text: 'Saved.' });
  }

  return (
    <main class="options">
      <h1>Rollcall options</h1>
      <form onSubmit={save}>
        <label for="server-url">Rollcall server</label>
        <input
          id="server-url"
          type="url"
          value={serverUrl}
          onInput={(event) => setServerUrl(event.currentTarget.value)}
          aria-describedby="server-url-message"
        />
        <button type="submit">Save</button>
        <p id="server-url-message" role={message?.kind === 'error' ? 'alert' : 'status'}>
          {message?.text}
        </p>
      </form>
    </main>
  );
}
