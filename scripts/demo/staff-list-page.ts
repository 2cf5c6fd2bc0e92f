import { DEMO_DAY_MS, demoAccounts, demoPageOnlyAccounts, demoPeople, demoSystems } from './demo-firm.ts';

/** Where the demo serves the staff list, under CaseLedger's admin pages. */
export const DEMO_PAGE_PATH = '/caseledger/admin/staff';

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

const caseLedger = demoSystems().find((system) => system.key === 'caseledger');
const permissionLabels = new Map(caseLedger?.permissions.map((p) => [p.name, p.label]));

/** Permissions as CaseLedger names them, so a synced list reads them back into its catalogue. */
const shownPermissions = (permissions: string[]) =>
  permissions.map((name) => permissionLabels.get(name) ?? name).join(', ');

/**
 * CaseLedger's "Current Staff List" as a server-rendered practice-management system would show it,
 * filled from the demo firm, for the in-page warnings to act on.
 */
export function staffListPage(now = Date.now()): string {
  const dateOf = (days: number | undefined) =>
    days === undefined ? 'Never' : new Date(now - days * DEMO_DAY_MS).toLocaleDateString('en-GB');
  const rows = [...demoAccounts, ...demoPageOnlyAccounts]
    .filter((account) => account.system === 'caseledger')
    .map((account, index) => {
      const person = demoPeople.find((p) => p.key === account.owner);
      return `        <tr class="${index % 2 ? 'alt' : ''}">
          <td><a href="#user-${index}">${escapeHtml(account.username)}</a></td>
          <td>${escapeHtml(account.displayName)}</td>
          <td>${escapeHtml(person?.email ?? '')}</td>
          <td>${escapeHtml(shownPermissions(account.permissions))}</td>
          <td>${account.status === 'disabled' ? 'Disabled' : 'Active'}</td>
          <td>${dateOf(account.lastSignInDaysAgo)}</td>
          <td><button type="button" class="edit" data-user="${escapeHtml(account.username)}">Edit</button></td>
        </tr>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en-GB">
  <head>
    <meta charset="utf-8" />
    <title>Current Staff List — CaseLedger</title>
    <style>
      body { font: 13px Verdana, sans-serif; margin: 0; background: #eef1f5; color: #222; }
      header { background: #23395d; color: #fff; padding: 10px 20px; font-size: 16px; }
      main { padding: 16px 20px; }
      table { border-collapse: collapse; background: #fff; width: 100%; }
      th, td { border: 1px solid #c9d1dc; padding: 5px 8px; text-align: left; }
      th { background: #dfe6ef; }
      tr.alt td { background: #f7f9fb; }
      #notice { margin-top: 12px; color: #23395d; }
    </style>
  </head>
  <body>
    <header>CaseLedger · Harbour &amp; Vale Solicitors · Administration</header>
    <main>
      <h1>Current Staff List</h1>
      <p><button type="button" id="add-user">Add user</button></p>
      <table id="staff">
        <thead>
          <tr><th>User Name</th><th>Full Name</th><th>Email</th><th>Permissions</th><th>Status</th><th>Last Login</th><th></th></tr>
        </thead>
        <tbody>
${rows}
        </tbody>
      </table>
      <p id="notice" role="status"></p>
    </main>
    <script>
      for (const button of document.querySelectorAll('button.edit')) {
        button.addEventListener('click', () => {
          document.getElementById('notice').textContent = 'Editing ' + button.dataset.user;
        });
      }
      document.getElementById('add-user').addEventListener('click', () => {
        document.getElementById('notice').textContent = 'New user form opened';
      });
    </script>
  </body>
</html>
`;
}
