import { describe, expect, it } from 'vitest';
import { fetchServerStatus } from '../../../extension/lib/server-status';

const url = 'http://127.0.0.1:8787';

describe('fetchServerStatus', () => {
  it('reports the version when the worker answers', async () => {
    const fetchFn = async () => Response.json({ status: 'ok', version: '9.9.9' });
    expect(await fetchServerStatus(url, fetchFn)).toEqual({ state: 'online', url, version: '9.9.9' });
  });

  it('says the server is unreachable when nothing answers', async () => {
    const fetchFn = async () => {
      throw new TypeError('Failed to fetch');
    };
    expect(await fetchServerStatus(url, fetchFn)).toMatchObject({ state: 'unreachable', url });
  });

  it('says what the server answered when it is not healthy', async () => {
    const fetchFn = async () => new Response('oops', { status: 503 });
    expect(await fetchServerStatus(url, fetchFn)).toEqual({
      state: 'unreachable',
      url,
      reason: 'the server answered 503',
    });
  });
});
