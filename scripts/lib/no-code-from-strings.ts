import type { Plugin } from 'vite';

/**
 * A Vite plugin for the extension's bundle: takes out the dependencies' paths that turn strings
 * into code or markup, which Rollcall never takes and which add-on review (web-ext lint) flags.
 * zod generates parsers with `new Function` unless `z.config({ jitless: true })`, which the
 * extension sets before any schema runs, so its probe and its compiler are dead code here. Preact
 * writes `dangerouslySetInnerHTML` with `innerHTML`; Rollcall renders page text only as text, so
 * that prop throws instead. An edit whose text is missing (a dependency changed) fails the build.
 */
const EDITS: { file: RegExp; from: string; to: string }[] = [
  {
    file: /\/node_modules\/zod\/v4\/core\/util\.js$/,
    from: 'const F = Function;\n        new F("");\n        return true;',
    to: 'return false;',
  },
  {
    file: /\/node_modules\/zod\/v4\/core\/doc\.js$/,
    from: 'const F = Function;',
    to: 'const F = function () { throw new Error("zod runs jitless in Rollcall"); };',
  },
  {
    file: /\/node_modules\/preact\/dist\/preact\.mjs$/,
    from: '(t.innerHTML=h.__html)',
    to: '(()=>{throw new Error("dangerouslySetInnerHTML is not supported: render text")})()',
  },
];

export function noCodeFromStrings(): Plugin {
  return {
    name: 'rollcall:no-code-from-strings',
    enforce: 'pre',
    transform(code, id) {
      const path = id.split('?')[0] ?? id;
      let edited = code;
      for (const edit of EDITS) {
        if (!edit.file.test(path)) continue;
        if (!edited.includes(edit.from))
          this.error(`${path} no longer contains ${JSON.stringify(edit.from)}`);
        edited = edited.replace(edit.from, edit.to);
      }
      return edited === code ? null : { code: edited, map: null };
    },
  };
}
