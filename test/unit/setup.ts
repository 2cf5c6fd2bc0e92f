import { inject } from 'vitest';

// The extension's modules run here without the build: what the build writes into them (wxt.config.ts)
// is set as the same value, made once per run (global-setup.ts).
Object.assign(globalThis, { __ROLLCALL_OPERATIONS__: inject('operations') });
