import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { storageDeclarations } from '../../../extension/lib/storage';

const EXTENSION = join(import.meta.dirname, '../../../extension');

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('the storage registry', () => {
  it('gives every item its own key', () => {
    const keys = storageDeclarations.map((item) => item.key);
    expect(keys.length).toBeGreaterThan(0);
    const twice = keys.filter((key, i) => keys.indexOf(key) !== i);
    expect(twice).toEqual([]);
  });

  it('gives every item a fallback and a version', () => {
    for (const item of storageDeclarations) {
      expect(item.fallback, item.key).not.toBeUndefined();
      expect(Number.isInteger(item.version) && item.version >= 1, item.key).toBe(true);
    }
  });

  it('is the only place the extension defines a storage item', () => {
    const elsewhere = sourceFiles(EXTENSION)
      .filter((file) => !file.endsWith(join('lib', 'storage.ts')))
      .filter((file) => /\bdefineItem\s*[<(]/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(EXTENSION, file));
    expect(elsewhere).toEqual([]);
  });
});
