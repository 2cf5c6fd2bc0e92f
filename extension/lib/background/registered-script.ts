import { browser } from 'wxt/browser';
import { serialise } from '../serialise';

/**
 * Keeps one content script registered at run time on exactly the patterns `patterns()` answers:
 * one update at a time, none when the patterns stay the same, and a fresh try after a failure.
 * Answers the update to call whenever what the patterns come from may have changed; it also runs
 * when host permissions are granted or taken back. Browsers without dynamic content scripts get a
 * no-op (Rollcall's pages still have "Check this page").
 */
export function keepScriptRegistered(script: {
  id: string;
  file: string;
  /** What the script is, for the warning when registering fails. */
  what: string;
  patterns: () => Promise<string[]>;
}): () => void {
  if (!browser.scripting?.registerContentScripts) return () => {};
  const inTurn = serialise();
  let registered: string | null = null;
  const update = () =>
    void inTurn(async () => {
      const patterns = await script.patterns();
      const key = patterns.join('\n');
      if (key === registered) return;
      const existing = await browser.scripting.getRegisteredContentScripts({ ids: [script.id] });
      if (existing.length > 0) await browser.scripting.unregisterContentScripts({ ids: [script.id] });
      if (patterns.length > 0) {
        await browser.scripting.registerContentScripts([
          { id: script.id, matches: patterns, js: [script.file], runAt: 'document_start' },
        ]);
      }
      registered = key;
    }).catch((error: unknown) => {
      registered = null;
      console.warn(`Rollcall could not register its ${script.what}:`, error);
    });
  update();
  browser.permissions.onAdded.addListener(update);
  browser.permissions.onRemoved.addListener(update);
  return update;
}
