import type { FunctionComponent } from 'preact';
import { AccountsScreen } from './accounts';
import { AuditScreen } from './audit';
import { EnrolmentsScreen } from './enrolments';
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
  enrolments: EnrolmentsScreen,
  audit: AuditScreen,
  settings: SettingsScreen,
  account: AccountScreen,
};
