import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { Member, MemberRole } from '../../../shared/schemas/members';
import { useSend } from '../popup/popup-context';
import { formatDate } from '../ui/format-date';
import { grantableRoles, mayEndOthersSessions, mayManageMember } from './access';
import { callApi } from './api';
import { useConsole } from './console-context';
import { contract } from './contract';
import { DataTable } from './data-table';
import { inviteLink } from './routes';
import { ConfirmButton, LoadedView, Message, type Said, ScreenHeading, ShownOnce, useLoaded } from './ui';

const ROLE_WORDS: Record<MemberRole, string> = {
  owner: 'Owner: everything, including the firm’s settings',
  admin: 'Admin: the directory, reviews and members',
  reviewer: 'Reviewer: decides access reviews',
  auditor: 'Auditor: reads and exports, changes nothing',
};

/** Who signs in to Rollcall: invite, change roles, remove, see and end sessions. */
export function MembersScreen() {
  const send = useSend();
  const { can, role, who } = useConsole();
  const [members, reload] = useLoaded(() => callApi(send, contract.members.list), []);
  const [said, setSaid] = useState<Said>(null);

  return (
    <section>
      <ScreenHeading>Members</ScreenHeading>
      <p class="muted">The people who sign in to Rollcall, and what each may do.</p>
      <Message said={said} />
      <LoadedView loaded={members} what="members">
        {({ members: list }) => (
          <DataTable label="Members" columns={['Name', 'Role', 'Second factor', 'Member since']} actions>
            {list.map((member) => (
              <MemberRow
                key={member.id}
                member={member}
                self={member.id === who.member.id}
                manage={
                  can(contract.members.update) &&
                  mayManageMember(role, member.role) &&
                  member.id !== who.member.id
                }
                onChanged={(text) => {
                  setSaid({ kind: 'ok', text });
                  reload();
                }}
                onError={(text) => setSaid({ kind: 'error', text })}
              />
            ))}
          </DataTable>
        )}
      </LoadedView>
      {can(contract.members.invite) && <Invites />}
      <Sessions />
    </section>
  );
}

function MemberRow({
  member,
  self,
  manage,
  onChanged,
  onError,
}: {
  member: Member;
  self: boolean;
  manage: boolean;
  onChanged: (text: string) => void;
  onError: (text: string) => void;
}) {
  const send = useSend();
  const { role, can } = useConsole();
  return (
    <tr>
      <th scope="row">
        {member.name}
        {self && <span class="muted"> (you)</span>}
        <span class="muted block">{member.email}</span>
      </th>
      <td>
        {manage ? (
          <>
            <label class="visually-hidden" for={`role-${member.id}`}>
              Role of {member.name}
            </label>
            <select
              id={`role-${member.id}`}
              value={member.role}
              onChange={async (e) => {
                const next = e.currentTarget.value as MemberRole;
                const result = await callApi(send, contract.members.update, {
                  params: { id: member.id },
                  body: { role: next },
                });
                if (result.ok)
                  onChanged(`${member.name} is now ${next}; their sessions ended, they sign in again.`);
                else onError(result.message);
              }}
            >
              {grantableRoles(role).map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
          </>
        ) : (
          member.role
        )}
      </td>
      <td>
        <span class="row wrap">
          {member.secondFactor ? 'On' : 'Off'}
          {member.secondFactor && !self && can(contract.members.resetSecondFactor) && (
            <ConfirmButton
              class="link"
              label="Reset…"
              question={`Reset ${member.name}’s second factor? They sign in with their password alone until they set up a new one.`}
              confirm="Reset second factor"
              onConfirm={async () => {
                const result = await callApi(send, contract.members.resetSecondFactor, {
                  params: { id: member.id },
                });
                if (result.ok) onChanged(`${member.name}’s second factor is reset: they set up a new one.`);
                else onError(result.message);
              }}
            />
          )}
        </span>
      </td>
      <td>{formatDate(member.createdAt)}</td>
      <td>
        {manage && (
          <ConfirmButton
            label="Remove…"
            question={`Remove ${member.name}? Their sessions end at once.`}
            confirm="Remove member"
            onConfirm={async () => {
              const result = await callApi(send, contract.members.remove, { params: { id: member.id } });
              if (result.ok) onChanged(`Removed ${member.name}.`);
              else onError(result.message);
            }}
          />
        )}
      </td>
    </tr>
  );
}

/** Invitations: a one-time link to hand over (Rollcall sends no e-mail), and the ones still open. */
function Invites() {
  const send = useSend();
  const { role, who } = useConsole();
  const [invites, reload] = useLoaded(() => callApi(send, contract.members.listInvites), []);
  const [email, setEmail] = useState('');
  const [inviteRole, setInviteRole] = useState<MemberRole>('reviewer');
  const [link, setLink] = useState<string | null>(null);
  const [said, setSaid] = useState<Said>(null);

  async function invite(event: Event) {
    event.preventDefault();
    const result = await callApi(send, contract.members.invite, {
      body: { email: email.trim(), role: inviteRole },
    });
    if (!result.ok) {
      setSaid({ kind: 'error', text: result.message });
      return;
    }
    setLink(inviteLink(browser.runtime.getURL('/console.html'), result.value.setupToken, who.serverUrl));
    setSaid({ kind: 'ok', text: `Invited ${result.value.invite.email}. The link works once, for 7 days.` });
    setEmail('');
    reload();
  }

  return (
    <section aria-labelledby="invites-heading">
      <h3 id="invites-heading">Invite a member</h3>
      <form class="row wrap" onSubmit={invite} noValidate>
        <label for="invite-email">Email</label>
        <input
          id="invite-email"
          type="email"
          value={email}
          onInput={(e) => setEmail(e.currentTarget.value)}
        />
        <label for="invite-role">Role</label>
        <select
          id="invite-role"
          value={inviteRole}
          onChange={(e) => setInviteRole(e.currentTarget.value as MemberRole)}
        >
          {grantableRoles(role).map((r) => (
            <option key={r} value={r}>
              {ROLE_WORDS[r]}
            </option>
          ))}
        </select>
        <button type="submit" class="primary">
          Invite
        </button>
      </form>
      <Message said={said} />
      {link && (
        <ShownOnce
          id="invite-link"
          label="Their one-time link: copy it and hand it over yourself. It is not shown again."
          value={link}
          copy="Copy link"
        />
      )}
      <h4>Open invitations</h4>
      <LoadedView loaded={invites} what="invitations">
        {({ invites: open }) =>
          open.length === 0 ? (
            <p class="empty">None open.</p>
          ) : (
            <ul class="plain" aria-label="Open invitations">
              {open.map((inv) => (
                <li key={inv.id} class="row wrap">
                  <span>
                    {inv.email} as {inv.role}, until {formatDate(inv.expiresAt)}
                  </span>
                  <ConfirmButton
                    class="link"
                    label="Revoke"
                    question={`Revoke the invitation of ${inv.email}?`}
                    confirm="Revoke"
                    onConfirm={async () => {
                      const result = await callApi(send, contract.members.revokeInvite, {
                        params: { id: inv.id },
                      });
                      if (!result.ok) setSaid({ kind: 'error', text: result.message });
                      reload();
                    }}
                  />
                </li>
              ))}
            </ul>
          )
        }
      </LoadedView>
    </section>
  );
}

/** Live sessions: your own, or (an owner) any member's, each ended with one press. */
function Sessions() {
  const send = useSend();
  const { role } = useConsole();
  const [memberId, setMemberId] = useState('');
  const [members] = useLoaded(() => callApi(send, contract.members.list), []);
  const [sessions, reload] = useLoaded(
    () => callApi(send, contract.sessions.list, { query: memberId ? { memberId } : {} }),
    [memberId],
  );
  const [said, setSaid] = useState<Said>(null);
  return (
    <section aria-labelledby="sessions-heading">
      <h3 id="sessions-heading">Sessions</h3>
      {mayEndOthersSessions(role) && members.state === 'ready' && (
        <div class="row">
          <label for="sessions-of">Sessions of</label>
          <select id="sessions-of" value={memberId} onChange={(e) => setMemberId(e.currentTarget.value)}>
            <option value="">You</option>
            {members.value.members.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        </div>
      )}
      <Message said={said} />
      <LoadedView loaded={sessions} what="sessions">
        {({ sessions: list }) =>
          list.length === 0 ? (
            <p class="empty">No live sessions.</p>
          ) : (
            <ul class="plain" aria-label="Live sessions">
              {list.map((s) => (
                <li key={s.id} class="row wrap spread">
                  <span>
                    {s.userAgent ? describeAgent(s.userAgent) : 'Unknown browser'}
                    {s.ip ? ` from ${s.ip}` : ''}, last used {formatDate(s.lastUsedAt)}
                    {s.current && <strong> (this one)</strong>}
                  </span>
                  {!s.current && (
                    <button
                      type="button"
                      onClick={async () => {
                        const result = await callApi(send, contract.sessions.revoke, {
                          params: { id: s.id },
                        });
                        setSaid(
                          result.ok
                            ? { kind: 'ok', text: 'Session ended.' }
                            : { kind: 'error', text: result.message },
                        );
                        reload();
                      }}
                    >
                      End session
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )
        }
      </LoadedView>
    </section>
  );
}

/** "Chrome on Linux" from a user-agent string, enough to tell sessions apart. */
export function describeAgent(agent: string): string {
  const browserName = /Firefox\//.test(agent)
    ? 'Firefox'
    : /Edg\//.test(agent)
      ? 'Edge'
      : /Chrom(e|ium)\//.test(agent)
        ? 'Chrome'
        : /Safari\//.test(agent)
          ? 'Safari'
          : 'A browser';
  const os = /Windows/.test(agent)
    ? 'Windows'
    : /Mac OS X/.test(agent)
      ? 'macOS'
      : /Android/.test(agent)
        ? 'Android'
        : /Linux/.test(agent)
          ? 'Linux'
          : null;
  return os ? `${browserName} on ${os}` : browserName;
}
