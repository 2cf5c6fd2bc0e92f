import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluatePageRows } from '../../../shared/page-verdicts.ts';
import { RULES_REVISION } from '../../../shared/rules/registry.ts';

/**
 * What the rules find on the reference logins, with the revision it was recorded under. A change
 * that makes the classifier or the page's rules find differently changes the fingerprint: raise
 * RULES_REVISION (shared/rules/registry.ts), so that firms' stored findings are recomputed under the
 * new rules, and record both here.
 */
const RECORDED = {
  revision: 5,
  fingerprint: '532ebcb6680fff0048d1f729276f74fe1036a849470bb08419d2f639c62273b0',
};

/** The classifier's labelled corpus, and logins of the kinds it lacks: offices in a city. */
function referenceLogins() {
  const [, ...lines] = readFileSync('test/fixtures/classifier/corpus.tsv', 'utf8').trim().split('\n');
  const corpus = lines.map((line) => {
    const [username = '', displayName = ''] = line.split('\t');
    return { username, displayName: displayName || null };
  });
  const offices = ['office.paris', 'reception.manchester', 'Empfang München', 'paris.hilton', 'mark.sales'];
  return [...corpus, ...offices.map((username) => ({ username, displayName: null }))];
}

describe('the rules revision', () => {
  it('is raised whenever the rules find differently on the reference logins', () => {
    const rows = referenceLogins().map((login) => ({
      ...login,
      email: null,
      role: null,
      status: null,
      lastSignIn: null,
      permissions: null,
    }));
    const found = evaluatePageRows(rows).map((verdict) => [
      verdict.classification?.verdict ?? null,
      verdict.classification?.confidence ?? null,
      verdict.findings.map((finding) => [finding.kind, finding.title, finding.evidence]),
    ]);
    const fingerprint = createHash('sha256').update(JSON.stringify(found)).digest('hex');
    expect(rows.length).toBeGreaterThan(2000);
    expect(
      { revision: RULES_REVISION, fingerprint },
      'the rules find differently: raise RULES_REVISION and record the new fingerprint',
    ).toEqual(RECORDED);
  });
});
