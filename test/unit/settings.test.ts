import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, organisationSettingsSchema, resolveSettings } from '../../shared/settings.ts';

describe('organisation settings', () => {
  it('fills in the defaults under a partial input', () => {
    expect(DEFAULT_SETTINGS).toMatchObject({
      dormantDays: 45,
      neverUsedDays: 14,
      reviewOverdueDays: 90,
      timeZone: 'UTC',
    });
    expect(resolveSettings({ dormantDays: 30 })).toEqual({ ...DEFAULT_SETTINGS, dormantDays: 30 });
    expect(resolveSettings(null)).toEqual(DEFAULT_SETTINGS);
  });

  it('names the bad field', () => {
    const result = organisationSettingsSchema.safeParse({ timeZone: 'Mars/Olympus', maxAdmins: 0 });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['maxAdmins', 'timeZone']);
  });
});
