/**
 * The part of a browser page the shipped-build journeys use, the same in every browser they run in.
 * It is a subset of Playwright's `Page` and `Locator`, with their meaning: a Playwright page (how
 * Chromium is driven) is one as it is, and Firefox's pages (driven with puppeteer-core over WebDriver
 * BiDi, test/e2e/firefox.ts) implement it. Locators are lazy and strict: an action waits for exactly
 * one visible match.
 */

/** The browsers the journeys run in. */
export const BROWSERS = ['chromium', 'firefox'] as const;
export type BrowserName = (typeof BROWSERS)[number];

/** How long an action (a click, a fill, a wait for an element) may take before it fails the step. */
export const ACTION_TIMEOUT = 10_000;

/**
 * The popup's first screen, drawn: its main view with nothing in it still loading (the sign-in
 * form's server line included), so nothing on it moves once a test starts acting on it.
 */
export const POPUP_DRAWN = 'main.popup:not(:has([aria-busy="true"]))';

/** A string matches case-insensitively anywhere (whitespace squeezed) unless `exact`; a RegExp as it says. */
export type TextMatch = string | RegExp;

export type Role =
  | 'alert'
  | 'article'
  | 'button'
  | 'checkbox'
  | 'combobox'
  | 'complementary'
  | 'heading'
  | 'link'
  | 'list'
  | 'listitem'
  | 'navigation'
  | 'region'
  | 'status'
  | 'tab'
  | 'table'
  | 'textbox'
  | 'tooltip';

/** How a page or a locator finds elements within it. */
export interface Queries {
  locator(selector: string): Locator;
  getByRole(role: Role, options?: { name?: TextMatch; exact?: boolean; level?: number }): Locator;
  getByLabel(text: TextMatch, options?: { exact?: boolean }): Locator;
  getByText(text: TextMatch, options?: { exact?: boolean }): Locator;
  getByTestId(testId: string): Locator;
}

export interface Locator extends Queries {
  filter(options: { hasText: TextMatch }): Locator;
  first(): Locator;
  /** The match at `index` (from 0), in document order. */
  nth(index: number): Locator;
  count(): Promise<number>;
  textContent(): Promise<string | null>;
  click(): Promise<void>;
  fill(value: string): Promise<void>;
  selectOption(option: { label: string }): Promise<unknown>;
  waitFor(options?: { timeout?: number }): Promise<void>;
  evaluate<R>(pageFunction: (element: Element) => R): Promise<R>;
  evaluateAll<R>(pageFunction: (elements: Element[]) => R): Promise<R>;
}

/** A frame's document in a page: its elements found, read and clicked as the page's are. */
export interface PageFrame extends Queries {
  evaluate<R, Arg>(pageFunction: (arg: Arg) => R | Promise<R>, arg: Arg): Promise<R>;
}

export interface Page extends Queries {
  evaluate<R, Arg>(pageFunction: (arg: Arg) => R | Promise<R>, arg: Arg): Promise<R>;
  /** The frame whose `name` is `name`, or null while the page has none (Firefox's waits for it). */
  frame(name: string): PageFrame | null;
  goto(url: string): Promise<unknown>;
  reload(): Promise<unknown>;
  url(): string;
  close(): Promise<void>;
  setViewportSize(size: { width: number; height: number }): Promise<void>;
  screenshot(options: { path: string; fullPage?: boolean }): Promise<unknown>;
  keyboard: {
    press(key: string): Promise<void>;
    type(text: string): Promise<void>;
  };
}

/** A browser with the extension loaded, as a journey uses it (its pages of type P). */
export interface BrowserUnderTest<P extends Page = Page> {
  name: BrowserName;
  /** chrome-extension://<id> or moz-extension://<uuid>: what the worker's CORS must allow. */
  extensionOrigin: string;
  /** The toolbar popup, opened as a page at the size the browser gives popups, its first screen drawn. */
  openPopup(size?: { width: number; height: number }): Promise<P>;
  /** A new tab. */
  newPage(): Promise<P>;
  /** The next tab something opens (call it before the click that opens it). */
  nextPage(): Promise<P>;
  close(): Promise<void>;
}
