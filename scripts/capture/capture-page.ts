import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { type Browser, chromium, type Frame, type Page } from 'playwright-core';
import { findChromium } from '../find-chromium.ts';

/**
 * Saving a real app's admin page as a fixture (test/fixtures/pages): the DOM exactly as the browser
 * drew it, made static. Scripts are dropped (the page must not fetch or redraw when served from a
 * folder); each stylesheet the page linked or wrote in a <style> is put inline with the rules the
 * browser parsed from it that apply to the page, so the rows keep their look; nothing else is changed. See test/fixtures/pages/README.md.
 */

export const FIXTURE_FOLDER = 'test/fixtures/pages';

export async function launch(): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('No Chromium: apt-get install chromium, or set CHROMIUM_PATH.');
  return chromium.launch({ executablePath, args: ['--no-sandbox'] });
}

/** The page's document as drawn now, without scripts and with its stylesheets inline. */
export async function staticHtml(page: Page | Frame): Promise<string> {
  const html = await page.evaluate(() => {
    const copy = document.documentElement.cloneNode(true) as HTMLElement;
    // Linked stylesheets, in document order, as the rules the browser parsed (same-origin only).
    // A rule is kept when its selector, less states and pseudo-elements (:hover, ::before), matches
    // something on the page: the saved page looks the same, at a fraction of an app's whole CSS.
    const usedRules = (rules: CSSRuleList | undefined): string[] =>
      [...(rules ?? [])].flatMap((rule) => {
        if (rule instanceof CSSStyleRule) {
          const bare = rule.selectorText.replace(/::?[a-z-]+(\([^()]*\))?/gi, '').trim();
          try {
            // A combinator left with nothing after it (".a > ::before" is now ".a >") takes any element.
            const whole = bare.replace(/\s*([>+~,])\s*/g, '$1').replace(/(^|[>+~,])(?=[>+~,]|$)/g, '$1*');
            return !bare || document.querySelector(whole) ? [rule.cssText] : [];
          } catch {
            return [rule.cssText];
          }
        }
        if (rule instanceof CSSMediaRule || rule instanceof CSSSupportsRule) {
          const inner = usedRules(rule.cssRules);
          return inner.length
            ? [`${rule.cssText.slice(0, rule.cssText.indexOf('{'))}{\n${inner.join('\n')}\n}`]
            : [];
        }
        return [rule.cssText];
      });
    // A <style> filled through the CSSOM has no text (CSS-in-JS libraries insert their rules so:
    // Fluent UI's merge-styles and Griffel): every <style> is saved as the rules it holds.
    const styleCopies = [...copy.querySelectorAll('style')];
    [...document.querySelectorAll('style')].forEach((style, i) => {
      const target = styleCopies[i];
      try {
        if (target && style.sheet) target.textContent = usedRules(style.sheet.cssRules).join('\n');
      } catch {
        // Rules the page may not read: the text as it is.
      }
    });
    const links = [...document.querySelectorAll<HTMLLinkElement>('link[rel~=stylesheet]')];
    const copies = [...copy.querySelectorAll<HTMLLinkElement>('link[rel~=stylesheet]')];
    links.forEach((link, i) => {
      const target = copies[i];
      if (!target) return;
      let css = '';
      try {
        css = usedRules(link.sheet?.cssRules).join('\n');
      } catch {
        return;
      }
      const style = document.createElement('style');
      if (link.media) style.media = link.media;
      style.setAttribute('data-captured-from', link.getAttribute('href') ?? '');
      style.textContent = css;
      target.replaceWith(style);
    });
    for (const element of copy.querySelectorAll(
      'script, link[rel=preload], link[rel=modulepreload], link[rel=prefetch]',
    ))
      element.remove();
    // Inline event handlers are scripts too.
    for (const element of copy.querySelectorAll('*'))
      for (const attribute of [...element.attributes])
        if (/^on[a-z]+$/i.test(attribute.name)) element.removeAttribute(attribute.name);
    // Form controls: what the admin sees is the live state, not the attribute the server sent.
    const live = [...document.querySelectorAll('input, select, textarea')];
    const saved = [...copy.querySelectorAll('input, select, textarea')];
    live.forEach((control, i) => {
      const target = saved[i];
      if (control instanceof HTMLInputElement && target instanceof HTMLInputElement) {
        if (control.type === 'checkbox' || control.type === 'radio')
          target.toggleAttribute('checked', control.checked);
        else if (control.type !== 'password' && control.type !== 'hidden')
          target.setAttribute('value', control.value);
      }
    });
    return `<!DOCTYPE html>\n${copy.outerHTML}\n`;
  });
  return html;
}

export async function saveFixture(page: Page | Frame, name: string): Promise<string> {
  const file = `${FIXTURE_FOLDER}/${name}.html`;
  writeFileSync(file, await staticHtml(page));
  return file;
}

/** One labelled user row: the login as the page shows it, and what Rollcall should say of it signed out. */
export interface SeedUser {
  login: string;
  displayName?: string;
  /** Space-separated kinds (`generic`, `shared`, `default`, `lookalike`), or `ok`. */
  signedOut: string;
}

/**
 * The seeded users by login, once every login the page shows is one of them: a capture never writes
 * labels that leave a row out.
 */
export function labelsFor<T extends SeedUser>(
  users: readonly T[],
  shown: readonly string[],
  what = 'rows',
): Map<string, T> {
  const byLogin = new Map(users.map((user) => [user.login, user]));
  const missing = shown.filter((login) => !byLogin.has(login));
  if (missing.length) throw new Error(`Unlabelled ${what}: ${missing.join(', ')}`);
  return byLogin;
}

/** Runs the step the command line names: `seed` once on a fresh install, then `capture`. */
export async function runStep(
  script: string,
  steps: { seed: () => unknown; capture: () => Promise<void> },
): Promise<void> {
  const step = process.argv[2];
  if (step === 'seed') await steps.seed();
  else if (step === 'capture') await steps.capture();
  else console.error(`usage: node scripts/capture/${script}.ts seed|capture`);
}

/** The logins on a saved fixture page, in page order, read with the page maker's own selectors. */
export async function loginsOnPage(
  page: Page,
  rowSelector: string,
  loginSelector: string,
): Promise<string[]> {
  return page.$$eval(
    rowSelector,
    (rows, login) => rows.map((row) => row.querySelector(login)?.textContent?.trim() ?? ''),
    loginSelector,
  );
}

/** Runs a command and answers its output; the seeding steps use each app's own command-line tools. */
export function run(command: string, args: readonly string[], input?: string): string {
  return execFileSync(command, args, { encoding: 'utf8', input, stdio: ['pipe', 'pipe', 'pipe'] });
}

export function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

export function writeJson(path: string, value: unknown): void {
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
}
