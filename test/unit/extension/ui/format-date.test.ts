import { describe, expect, it } from 'vitest';
import { formatDate } from '../../../../extension/lib/ui/format-date';

describe('dates as the extension shows them', () => {
  it('writes a calendar date in the browser’s locale, never as YYYY-MM-DD', () => {
    expect(formatDate('2026-11-20', 'en-GB')).toBe('20 Nov 2026');
    expect(formatDate('2026-11-20', 'en-US')).toBe('Nov 20, 2026');
    expect(formatDate('2026-11-20', 'de-DE')).toBe('20.11.2026');
  });

  it('keeps a calendar date on its day, and a moment in the same format', () => {
    expect(formatDate('2026-01-01', 'en-GB')).toBe('1 Jan 2026');
    const noon = new Date(2026, 10, 20, 12, 0).getTime();
    expect(formatDate(noon, 'en-GB')).toBe('20 Nov 2026');
  });
});
