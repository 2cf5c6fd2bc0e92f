export function Banner({ loginCount }: { loginCount: number }) {
  return (
    <aside class="rollcall-banner" aria-label="Rollcall">
      <strong>Rollcall</strong> checked {loginCount} {loginCount === 1 ? 'login' : 'logins'} on this page.
    </aside>
  );
}
