import { describe, expect, it } from 'vitest';
import { browserPattern, browserPatterns } from '../../../extension/lib/page/browser-patterns.ts';

describe('a system’s URL pattern as the browser can match it', () => {
  it('keeps the port where the browser matches ports (Chrome)', () => {
    expect(browserPattern('http://127.0.0.1:8788/caseledger/admin/staff*', true)).toBe(
      'http://127.0.0.1:8788/caseledger/admin/staff*',
    );
  });

  it('drops the port where the browser would match nothing with it (Firefox), and nothing else', () => {
    expect(browserPattern('http://127.0.0.1:8788/caseledger/admin/staff*', false)).toBe(
      'http://127.0.0.1/caseledger/admin/staff*',
    );
    expect(browserPattern('https://*.example.com/admin/*', false)).toBe('https://*.example.com/admin/*');
    expect(browserPattern('https://app.example.com/a:1/*', false)).toBe('https://app.example.com/a:1/*');
  });

  it('lists two patterns that differ only in port once', () => {
    expect(browserPatterns(['http://intranet:8080/admin/*', 'http://intranet:9090/admin/*'], false)).toEqual([
      'http://intranet/admin/*',
    ]);
  });
});
