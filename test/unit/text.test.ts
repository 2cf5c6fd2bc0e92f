import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  clientIdSchema,
  identifierText,
  singleLine,
  textIssues,
  textProblem,
} from '../../shared/schemas/text';

describe('text the API accepts', () => {
  it('refuses lone surrogates and control characters, and keeps pairs, tabs and line breaks', () => {
    for (const bad of [
      'a\ud800',
      '\udc00b',
      'x\u0000y',
      '\u0007',
      '\u001b[31m',
      '\u007f',
      '\u0085',
      '\u009b',
    ]) {
      expect(textProblem(bad), JSON.stringify(bad)).not.toBeNull();
    }
    for (const good of ['😀', 'Zoë', 'Noe\u0308l', 'line\nbreak', 'tab\there', 'crlf\r\n', '\u202e', '']) {
      expect(textProblem(good), JSON.stringify(good)).toBeNull();
    }
  });

  it('finds every bad string in a value, object keys too, with its path', () => {
    expect(
      textIssues({
        name: 'ok',
        rows: [{ username: 'x\ud800y' }, { username: 'fine' }],
        map: { 'k\u0000': 1 },
      }),
    ).toEqual([
      { path: ['rows', 0, 'username'], message: expect.stringContaining('broken') },
      { path: ['map', 'k?'], message: expect.stringContaining('its name') },
    ]);
    expect(textIssues([1, true, null, 'fine'])).toEqual([]);
  });

  it('keeps names on one line and identifiers free of bidi controls', () => {
    const name = singleLine(z.string());
    expect(name.safeParse('Ann\nAble').success).toBe(false);
    expect(name.safeParse('ד\u200fנה').success).toBe(true);
    const username = identifierText(z.string());
    expect(username.safeParse('admin\u202egpj.exe').success).toBe(false);
    expect(username.safeParse('\u2066eve').success).toBe(false);
    expect(username.safeParse('jo.bloggs').success).toBe(true);
  });

  it('lets a client choose only ids safe in a path', () => {
    for (const id of ['.', '..', '.x', 'a/b', 'a b', '%2e', 'é', ''])
      expect(clientIdSchema.safeParse(id).success, id).toBe(false);
    for (const id of ['a', 'offline-1.v2_a', crypto.randomUUID(), '_x'])
      expect(clientIdSchema.safeParse(id).success, id).toBe(true);
  });
});
