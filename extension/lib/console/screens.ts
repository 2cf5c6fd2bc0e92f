import type { FunctionComponent } from 'preact';
import { createElement } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { OverviewScreen } from './overview';
import type { ScreenId } from './routes';
import { Loading } from './ui';

type ScreenView = FunctionComponent<{ id: string | null }>;

/**
 * A screen whose code is fetched the first time it opens: the console's first screen is drawn
 * without parsing the code of the ten others (the matrix, the import, the audit log…).
 */
function lazyScreen(what: string, load: () => Promise<ScreenView>): ScreenView {
  let loaded: ScreenView | null = null;
  return function LazyScreen(props) {
    const [view, setView] = useState<ScreenView | null>(() => loaded);
    useEffect(() => {
      if (loaded) return;
      let live = true;
      void load().then((component) => {
        loaded = component;
        if (live) setView(() => component);
      });
      return () => {
        live = false;
      };
    }, []);
    return view ? createElement(view, props) : createElement(Loading, { what });
  };
}

/** Each screen's view; the route's id (a person, a system, a campaign…) is its one prop. */
export const SCREEN_VIEWS: Record<ScreenId, ScreenView> = {
  overview: OverviewScreen,
  staff: lazyScreen('staff', async () => (await import('./staff')).StaffScreen),
  accounts: lazyScreen('accounts', async () => (await import('./accounts')).AccountsScreen),
  systems: lazyScreen('systems', async () => (await import('./systems')).SystemsScreen),
  roles: lazyScreen('job roles', async () => (await import('./roles')).RolesScreen),
  findings: lazyScreen('findings', async () => (await import('./findings')).FindingsScreen),
  reviews: lazyScreen('access reviews', async () => (await import('./reviews')).ReviewsScreen),
  members: lazyScreen('members', async () => (await import('./members')).MembersScreen),
  enrolments: lazyScreen('staff browsers', async () => (await import('./enrolments')).EnrolmentsScreen),
  'api-keys': lazyScreen('API keys', async () => (await import('./api-keys')).ApiKeysScreen),
  audit: lazyScreen('the audit log', async () => (await import('./audit')).AuditScreen),
  settings: lazyScreen('settings', async () => (await import('./settings')).SettingsScreen),
  account: lazyScreen('your account', async () => (await import('./account')).AccountScreen),
};
