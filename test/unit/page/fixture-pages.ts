import { fixtureHtml } from '../../fixtures/fixture-pages';

export {
  FIXTURES,
  type FixtureLabels,
  fixtureHtml,
  fixtureLabels,
  JUDGED_FIXTURES,
} from '../../fixtures/fixture-pages';

/**
 * Loads a fixture into the emulator's document. With `runScripts`, its inline scripts run too, as
 * the browser would run them (the emulator does not run scripts set through innerHTML).
 */
export function loadFixture(name: string, options: { runScripts?: boolean } = {}): void {
  const html = fixtureHtml(name);
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  const scripts = [...parsed.querySelectorAll('script')].map((script) => script.textContent ?? '');
  for (const script of parsed.querySelectorAll('script')) script.remove();
  document.head.innerHTML = parsed.head.innerHTML;
  document.body.innerHTML = parsed.body.innerHTML;
  document.title = parsed.title;
  // Global (indirect) eval: the fixture's script runs at the top level, as a browser runs it.
  // biome-ignore lint/security/noGlobalEval: runs the committed fixture's own page script.
  const globalEval = globalThis.eval;
  if (options.runScripts) for (const script of scripts) globalEval(script);
}
