import { describe, expect, it } from 'vitest';
import { argumentOf, CONTENT_SCRIPT_OPERATIONS, mayAsk } from '../../../extension/lib/messaging';

const ROOT = 'chrome-extension://abcdefghijklmnop/';

describe('who may ask the background for what', () => {
  it('lets the extension’s own pages ask for anything, the console’s calls to the API among them', () => {
    expect(mayAsk('callApi', `${ROOT}console.html#/members`, ROOT)).toBe(true);
    expect(mayAsk('signIn', `${ROOT}popup.html`, ROOT)).toBe(true);
  });

  it('lets a content script, beside a page Rollcall does not control, ask only for what it needs', () => {
    expect(mayAsk('callApi', 'https://caseledger.example/admin/staff', ROOT)).toBe(false);
    expect(mayAsk('signOut', 'https://caseledger.example/admin/staff', ROOT)).toBe(false);
    expect(mayAsk('callApi', undefined, ROOT)).toBe(false);
    expect(mayAsk('callApi', 'chrome-extension://another-extension/', ROOT)).toBe(false);
    // The sign-in script notes a login on the firm's sign-in pages; it cannot send its own reports.
    expect(mayAsk('signInSubmitted', 'https://caseledger.example/login', ROOT)).toBe(true);
    expect(mayAsk('reportSignIns', 'https://caseledger.example/login', ROOT)).toBe(false);
    expect(mayAsk('joinAsStaff', 'https://caseledger.example/login', ROOT)).toBe(false);
    for (const name of CONTENT_SCRIPT_OPERATIONS) {
      expect(mayAsk(name, 'https://caseledger.example/admin/staff', ROOT)).toBe(true);
    }
  });
});

describe('what an operation is told about where its message came from', () => {
  it('gives a sent sign-in the tab the browser names, whatever the page claims', () => {
    const sent = { pageUrl: 'https://caseledger.example/login', login: 'reception', tabId: 99 };
    expect(argumentOf('signInSubmitted', sent, { tab: { id: 7 } })).toEqual({ ...sent, tabId: 7 });
    expect(argumentOf('signInSubmitted', sent, {})).toEqual({ ...sent, tabId: undefined });
  });

  it('passes any other operation its data as it came', () => {
    const data = { email: 'ann@harbour.example', password: 'x' };
    expect(argumentOf('signIn', data, { tab: { id: 7 } })).toBe(data);
  });
});
