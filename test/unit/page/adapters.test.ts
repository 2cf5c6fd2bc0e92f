import { describe, expect, it } from 'vitest';
import { type PageAdapter, pageAdapterSchema } from '../../../extension/lib/page/adapter-schema';
import { adapterForUrl, matchesUrlPattern } from '../../../extension/lib/page/adapters';
import { grantedAdminPagePatterns } from '../../../extension/lib/page/admin-page-scripts';
import { systemRow } from '../extension/sync/fake-server';

const adapter = (id: string, urlPatterns: string[]): PageAdapter => ({
  id,
  systemId: null,
  name: id,
  urlPatterns,
  columns: {},
});

describe('adapters', () => {
  it.each([
    ['https://pay.example.com/admin/*', 'https://pay.example.com/admin/users?page=2', true],
    ['https://pay.example.com/admin/*', 'https://pay.example.com/reports', false],
    ['https://*.lexoffice.example/*', 'https://harbour.lexoffice.example/staff', true],
    ['https://*.lexoffice.example/*', 'https://lexoffice.example/staff', true],
    ['https://*.lexoffice.example/*', 'https://evil-lexoffice.example/staff', false],
    ['*://crm.example/team', 'http://crm.example/team', true],
    ['*://crm.example/team', 'ftp://crm.example/team', false],
    ['http://127.0.0.1/*', 'http://127.0.0.1:5173/staff.html', true],
  ])('%s covers %s: %s', (pattern, url, expected) => {
    expect(matchesUrlPattern(pattern, url)).toBe(expected);
  });

  it('picks the adapter whose patterns cover the page', () => {
    const adapters = [
      adapter('pay', ['https://pay.example.com/*']),
      adapter('crm', ['https://crm.example/*']),
    ];
    expect(adapterForUrl(adapters, 'https://crm.example/team')?.id).toBe('crm');
    expect(adapterForUrl(adapters, 'https://other.example/')).toBeNull();
  });

  it('rejects an adapter the options page could not use, naming the field', () => {
    const result = pageAdapterSchema.safeParse({
      ...adapter('x', ['not a pattern']),
      columns: { username: { index: 0 } },
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual([
      'urlPatterns.0',
      'columns.username.index',
    ]);
  });

  it('registers the systems’ and adapters’ admin pages the admin granted, each once', async () => {
    const adapters = [adapter('crm', ['https://crm.example/*', 'https://pay.example.com/*'])];
    const systems = {
      s1: systemRow('s1', 'PayDesk', ['https://pay.example.com/admin/*']),
      s2: { ...systemRow('s2', 'Old CRM', ['https://old.example/*']), deleted: true },
      s3: systemRow('s3', 'Ledger', ['https://ledger.example/users/*']),
    };
    const granted = await grantedAdminPagePatterns(
      systems,
      adapters,
      async (pattern) => !pattern.includes('ledger'),
    );
    expect(granted).toEqual([
      'https://crm.example/*',
      'https://pay.example.com/*',
      'https://pay.example.com/admin/*',
    ]);
  });
});
