import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** The committed admin pages and their labels (test/fixtures/pages). */
export const FIXTURES = ['practice-staff-list', 'payments-users', 'spa-team', 'booking-grid'] as const;
export type FixtureName = (typeof FIXTURES)[number];

const labelsSchema = z.object({
  page: z.string(),
  description: z.string(),
  userList: z.object({ columns: z.array(z.string()), rowCount: z.number() }),
  rows: z.array(
    z.object({
      username: z.string(),
      displayName: z.string(),
      signedOut: z.string(),
      signedIn: z.string().optional(),
    }),
  ),
  signedInDirectory: z.string().optional(),
  permissions: z.record(z.string(), z.array(z.string())).optional(),
  pageSize: z.number().optional(),
});
export type FixtureLabels = z.infer<typeof labelsSchema>;

export function fixtureHtml(name: FixtureName): string {
  return readFileSync(`test/fixtures/pages/${name}.html`, 'utf8');
}

export function fixtureLabels(name: FixtureName): FixtureLabels {
  return labelsSchema.parse(JSON.parse(readFileSync(`test/fixtures/pages/${name}.labels.json`, 'utf8')));
}

/**
 * Loads a fixture into the emulator's document. With `runScripts`, its inline scripts run too, as
 * the browser would run them (the emulator does not run scripts set through innerHTML).
 */
export function loadFixture(name: FixtureName, options: { runScripts?: boolean } = {}): void {
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
