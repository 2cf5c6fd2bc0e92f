import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { healthSchema } from '../../shared/schemas/health';
import { problemSchema } from '../../shared/schemas/problem';

describe('GET /health', () => {
  it('answers ok with the version', async () => {
    const response = await exports.default.fetch('http://rollcall.test/health');
    expect(response.status).toBe(200);
    expect(healthSchema.parse(await response.json()).status).toBe('ok');
  });
});

describe('unknown routes', () => {
  it('answer 404 as problem+json naming the path', async () => {
    const response = await exports.default.fetch('http://rollcall.test/api/v1/nothing-here');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    const problem = problemSchema.parse(await response.json());
    expect(problem.detail).toContain('/api/v1/nothing-here');
  });
});

describe('the local D1', () => {
  it('has the migrated tables', async () => {
    const { env } = await import('cloudflare:workers');
    const tables = await env.DB.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all<{
      name: string;
    }>();
    expect(tables.results.map((row) => row.name)).toEqual(
      expect.arrayContaining(['organisations', 'people', 'systems', 'accounts', 'job_roles']),
    );
  });
});
