import { afterEach, describe, expect, it, vi } from 'vitest';
import { watchShadowRoots } from '../../../extension/lib/page/shadow-roots';

/** A custom element with an open shadow root holding `html`, put at the end of `parent`. */
function host(parent: Node, name: string, html = '', mode: ShadowRootMode = 'open'): ShadowRoot {
  const element = document.createElement(name);
  const shadow = element.attachShadow({ mode });
  shadow.innerHTML = html;
  parent.appendChild(element);
  return shadow;
}

describe('the shadow roots a page is looked into for user lists', () => {
  afterEach(() => {
    vi.useRealTimers();
    document.body.innerHTML = '';
  });

  it('hands over each open shadow root once, those inside others too, and passes closed ones and Rollcall’s own by', async () => {
    vi.useFakeTimers();
    const app = host(document.body, 'clinic-app', '<main></main>');
    const list = host(app.querySelector('main') as Element, 'staff-list', '<table></table>');
    host(document.body, 'secret-widget', '<p>mine</p>', 'closed');
    // Rollcall's own banner and marks are not the page's components.
    host(document.body, 'rollcall-banner', '<aside>Rollcall checked 9 logins</aside>');
    const handed: ShadowRoot[] = [];
    const stop = new AbortController();
    watchShadowRoots(document, (shadow) => handed.push(shadow), stop.signal);
    await vi.runAllTimersAsync();
    expect(handed).toEqual([app, list]);
    // Looked again after a change: nothing new, nothing handed twice.
    document.body.appendChild(document.createElement('p'));
    await vi.advanceTimersByTimeAsync(1500);
    expect(handed).toEqual([app, list]);
    stop.abort();
  });

  it('finds a component put in later, inside a root already handed, within a second or so', async () => {
    vi.useFakeTimers();
    const app = host(document.body, 'clinic-app', '<main></main>');
    const handed: ShadowRoot[] = [];
    const stop = new AbortController();
    watchShadowRoots(document, (shadow) => handed.push(shadow), stop.signal);
    await vi.runAllTimersAsync();
    expect(handed).toEqual([app]);
    const later = host(app.querySelector('main') as Element, 'staff-list', '<table></table>');
    await vi.advanceTimersByTimeAsync(1500);
    expect(handed).toEqual([app, later]);
    stop.abort();
  });

  it('stops looking once the script is told to stop', async () => {
    vi.useFakeTimers();
    const handed: ShadowRoot[] = [];
    const stop = new AbortController();
    watchShadowRoots(document, (shadow) => handed.push(shadow), stop.signal);
    await vi.runAllTimersAsync();
    stop.abort();
    host(document.body, 'staff-list', '<table></table>');
    await vi.advanceTimersByTimeAsync(3000);
    expect(handed).toEqual([]);
  });
});
