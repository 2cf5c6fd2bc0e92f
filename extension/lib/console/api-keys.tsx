import { useState } from 'preact/hooks';
import { type ApiKey, type ApiKeyRole, apiKeyRoles } from '../../../shared/schemas/api-keys';
import { useSend } from '../popup/popup-context';
import { formatDate } from '../ui/format-date';
import { callApi } from './api';
import { useConsole } from './console-context';
import { contract } from './contract';
import { DataTable } from './data-table';
import { ConfirmButton, LoadedView, Message, type Said, ScreenHeading, ShownOnce, useLoaded } from './ui';

const ROLE_WORDS: Record<ApiKeyRole, string> = {
  auditor: 'Auditor: reads and exports, changes nothing',
  reviewer: 'Reviewer: reads, and decides reviews it is named on',
  admin: 'Admin: reads and changes the directory and reviews',
};

/** Keys for scripts and integrations: create one (its secret shown once), see their use, revoke. */
export function ApiKeysScreen() {
  const send = useSend();
  const { can } = useConsole();
  const [keys, reload] = useLoaded(() => callApi(send, contract.apiKeys.list), []);
  const [said, setSaid] = useState<Said>(null);

  return (
    <section>
      <ScreenHeading>API keys</ScreenHeading>
      <p class="muted">
        A script or integration sends its key in the <code>X-Api-Key</code> header and acts with the key’s
        role. No key can manage members, keys, sessions or passwords. Everything a key does is in the audit
        log under its name.
      </p>
      {can(contract.apiKeys.create) && <CreateKey onCreated={reload} />}
      <h3>Keys</h3>
      <Message said={said} />
      <LoadedView loaded={keys} what="API keys">
        {({ keys: list }) =>
          list.length === 0 ? (
            <p class="empty">No keys yet.</p>
          ) : (
            <DataTable label="API keys" columns={['Name', 'Role', 'Created', 'Expires', 'Last used']} actions>
              {list.map((key) => (
                <KeyRow
                  key={key.id}
                  apiKey={key}
                  onRevoked={(result) => {
                    setSaid(result);
                    reload();
                  }}
                />
              ))}
            </DataTable>
          )
        }
      </LoadedView>
    </section>
  );
}

function KeyRow({ apiKey, onRevoked }: { apiKey: ApiKey; onRevoked: (said: Said) => void }) {
  const send = useSend();
  const { can } = useConsole();
  const expired = apiKey.expiresAt !== null && apiKey.expiresAt <= Date.now();
  return (
    <tr>
      <th scope="row">
        {apiKey.name}
        <span class="muted block">
          <code>{apiKey.prefix}…</code> by {apiKey.createdBy.name}
        </span>
      </th>
      <td>{apiKey.role}</td>
      <td>{formatDate(apiKey.createdAt)}</td>
      <td>
        {apiKey.revokedAt !== null
          ? `Revoked ${formatDate(apiKey.revokedAt)}`
          : apiKey.expiresAt === null
            ? 'Never'
            : `${expired ? 'Expired' : ''} ${formatDate(apiKey.expiresAt)}`.trim()}
      </td>
      <td>{apiKey.lastUsedAt === null ? 'Never used' : formatDate(apiKey.lastUsedAt)}</td>
      <td>
        {apiKey.revokedAt === null && can(contract.apiKeys.revoke) && (
          <ConfirmButton
            label="Revoke…"
            question={`Revoke ${apiKey.name}? Scripts using it stop working at once.`}
            confirm="Revoke key"
            onConfirm={async () => {
              const result = await callApi(send, contract.apiKeys.revoke, { params: { id: apiKey.id } });
              onRevoked(
                result.ok
                  ? { kind: 'ok', text: `Revoked ${apiKey.name}.` }
                  : { kind: 'error', text: result.message },
              );
            }}
          />
        )}
      </td>
    </tr>
  );
}

/** The form, then the new secret: shown this once, with Copy. */
function CreateKey({ onCreated }: { onCreated: () => void }) {
  const send = useSend();
  const [name, setName] = useState('');
  const [role, setRole] = useState<ApiKeyRole>('auditor');
  const [expires, setExpires] = useState('');
  const [secret, setSecret] = useState<string | null>(null);
  const [said, setSaid] = useState<Said>(null);

  async function create(event: Event) {
    event.preventDefault();
    if (name.trim() === '') {
      setSaid({ kind: 'error', text: 'Name: say what the key is for, such as “Payroll import”.' });
      return;
    }
    const result = await callApi(send, contract.apiKeys.create, {
      body: {
        name: name.trim(),
        role,
        ...(expires ? { expiresAt: new Date(`${expires}T23:59:59`).getTime() } : {}),
      },
    });
    if (!result.ok) {
      setSaid({ kind: 'error', text: result.message });
      return;
    }
    setSecret(result.value.secret);
    setSaid({ kind: 'ok', text: `Created ${result.value.key.name}.` });
    setName('');
    setExpires('');
    onCreated();
  }

  return (
    <section aria-labelledby="create-key-heading">
      <h3 id="create-key-heading">Create a key</h3>
      <form class="row wrap" onSubmit={create} noValidate>
        <label for="key-name">Name</label>
        <input id="key-name" value={name} maxLength={100} onInput={(e) => setName(e.currentTarget.value)} />
        <label for="key-role">Acts as</label>
        <select id="key-role" value={role} onChange={(e) => setRole(e.currentTarget.value as ApiKeyRole)}>
          {apiKeyRoles.map((r) => (
            <option key={r} value={r}>
              {ROLE_WORDS[r]}
            </option>
          ))}
        </select>
        <label for="key-expires">Expires on (optional)</label>
        <input
          id="key-expires"
          type="date"
          value={expires}
          onInput={(e) => setExpires(e.currentTarget.value)}
        />
        <button type="submit" class="primary">
          Create key
        </button>
      </form>
      <Message said={said} />
      {secret && (
        <ShownOnce
          id="key-secret"
          label="The key: copy it into your script now. It is not shown again."
          value={secret}
          copy="Copy key"
        />
      )}
    </section>
  );
}
