import { contract } from '../../../shared/contract';
import { directoryHandlers } from '../directory/directory-handlers';
import { jobRolesQueries } from '../directory/job-roles-queries';
import { handlers } from '../http/route';

export const rolesRoutes = handlers(
  contract.roles,
  directoryHandlers(contract.roles, jobRolesQueries, 'job_role'),
);
