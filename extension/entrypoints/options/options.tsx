import { useEffect, useState } from 'preact/hooks';
import { serverUrlProblem } from '../../lib/server-url';
import { serverUrlItem } from '../../lib/storage';

export { serverUrlProblem };

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
