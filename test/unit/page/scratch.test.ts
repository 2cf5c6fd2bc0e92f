import { readFileSync } from 'node:fs';
import { it } from 'vitest';
import { readRow } from '../../../extension/lib/page/read-row';
import { findUserLists } from '../../../extension/lib/page/user-lists';

it('scratch', () => {
  for (const name of ['practice-staff-list', 'payments-users', 'booking-grid']) {
    document.documentElement.innerHTML = readFileSync(`test/fixtures/pages/${name}.html`, 'utf8').replace(/<script[\s\S]*?<\/script>/g, '');
    const lists = findUserLists(document);
    console.log(name, lists.length, lists.map((l) => [l.layout, l.headers, l.columns, l.rows().length]));
    for (const row of lists[0]?.rows() ?? []) console.log(JSON.stringify(readRow(lists[0]!, row)));
  }
});
