import { existsSync } from 'node:fs';

/** Where the end-to-end tests find Chromium: CHROMIUM_PATH, else Debian's or another common place. */
export function findChromium(): string | undefined {
  const candidates = [
    process.env.CHROMIUM_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/snap/bin/chromium',
  ];
  return candidates.find((path): path is string => Boolean(path && existsSync(path)));
}

if (import.meta.main) {
  if (!findChromium()) {
    console.error(
      'No Chromium found: install one with `sudo apt-get install chromium` (Debian/Ubuntu) or set CHROMIUM_PATH to its binary.',
    );
    process.exit(1);
  }
}
