import { existsSync } from 'node:fs';

/** Where the end-to-end tests find Firefox: FIREFOX_PATH, else Debian's ESR or another common place. */
export function findFirefox(): string | undefined {
  const candidates = [
    process.env.FIREFOX_PATH,
    '/usr/bin/firefox-esr',
    '/usr/bin/firefox',
    '/snap/bin/firefox',
    '/Applications/Firefox.app/Contents/MacOS/firefox',
  ];
  return candidates.find((path): path is string => Boolean(path && existsSync(path)));
}

export const NO_FIREFOX =
  'No Firefox found: install one with `sudo apt-get install firefox-esr` (Debian/Ubuntu) or set FIREFOX_PATH to its binary.';

if (import.meta.main) {
  if (!findFirefox()) {
    console.error(NO_FIREFOX);
    process.exit(1);
  }
}
