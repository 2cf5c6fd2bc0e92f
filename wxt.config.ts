import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { noCodeFromStrings } from './scripts/lib/no-code-from-strings.ts';
import { contract } from './shared/contract';
import { operationRefs } from './shared/contract/refs';

// `npm start` and the end-to-end tests build with ROLLCALL_DEV_PAGES=1 so the content script also
// watches local demo and fixture pages with no setup. Release builds ask for host permissions
// per configured system only.
const devPages = process.env.ROLLCALL_DEV_PAGES === '1';
export const DEV_PAGE_MATCHES = ['http://localhost/*', 'http://127.0.0.1/*'];
/** Any system's pages: each is asked for when an admin adds the system. */
const SYSTEM_PAGE_ORIGINS = ['https://*/*', 'http://*/*'];

export default defineConfig({
  srcDir: 'extension',
  publicDir: 'extension/public',
  // Builds that watch local pages go to their own folder so a release build never ships them.
  outDir: devPages ? '.output/dev' : '.output',
  vite: () => ({
    plugins: [preact(), noCodeFromStrings()],
    define: {
      __ROLLCALL_DEV_PAGES__: JSON.stringify(devPages),
      // Every operation of the API without its schemas: the console names operations by these
      // (extension/lib/console/contract.ts). The unit tests set the same (test/unit/global-setup.ts).
      __ROLLCALL_OPERATIONS__: JSON.stringify(operationRefs(contract)),
    },
  }),
  manifest: ({ browser, manifestVersion }) => ({
    name: 'Rollcall',
    description: 'Flags generic, shared and leftover logins on the admin pages of your firm’s systems.',
    permissions: ['storage', 'alarms', 'activeTab', 'scripting'],
    host_permissions: devPages ? DEV_PAGE_MATCHES : [],
    // Manifest V2 (the Firefox build) has no optional_host_permissions: origins go with the other
    // optional permissions there, or `permissions.request` refuses them as undeclared.
    ...(manifestVersion === 2
      ? { optional_permissions: SYSTEM_PAGE_ORIGINS }
      : { optional_host_permissions: SYSTEM_PAGE_ORIGINS }),
    // IT can deploy the server and a staff enrolment code by browser policy (storage.managed).
    ...(browser === 'firefox' ? {} : { storage: { managed_schema: 'managed-schema.json' } }),
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            // Firefox 140 is the extended-support release Debian ships (and desktop Firefox's first
            // with data_collection_permissions); on Android that key came in 142.
            gecko: {
              id: 'rollcall@rollcall.app',
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
});
