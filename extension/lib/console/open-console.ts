import { browser } from 'wxt/browser';

/** The console in a tab of its own, at a screen if given (`#/staff`). */
export function openConsole(hash = ''): void {
  void browser.tabs.create({ url: browser.runtime.getURL(`/console.html${hash}`) });
}
