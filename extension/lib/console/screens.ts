import type { FunctionComponent } from 'preact';
import { AccountsScreen } from './accounts';
import { ApiKeysScreen } from './api-keys';
import { AuditScreen } from './audit';
import { FindingsScreen } from './findings';
import { MembersScreen } from './members';
import { OverviewScreen } from './overview';
import { ReviewsScreen } from './reviews';
import { RolesScreen } from './roles';
import type { ScreenId } from './routes';
import { AccountScreen, SettingsScreen } from './settings';
import { StaffScreen } from './staff';
import { SystemsScreen } from './systems';

/** Each screen's view; the route's id (a person, a system, a campaign…) is its one prop. */
export const SCREEN_VIEWS: Record<ScreenId, FunctionComponent<{ id: string | null }>> = {
  overview: OverviewScreen,
  staff: StaffScreen,
  accounts: AccountsScreen,
  systems: SystemsScreen,
  roles: RolesScreen,
  findings: FindingsScreen,
  reviews: ReviewsScreen,
  members: MembersScreen,
  'api-keys': ApiKeysScreen,
  audit: AuditScreen,
  settings: SettingsScreen,
  account: AccountScreen,
};
