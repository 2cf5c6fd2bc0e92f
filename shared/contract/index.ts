import { accounts } from './accounts';
import { apiKeys } from './api-keys';
import { audit } from './audit';
import { auth } from './auth';
import { findings } from './findings';
import { me } from './me';
import { members } from './members';
import { meta } from './meta';
import { notifications } from './notifications';
import { observations } from './observations';
import type { Operation } from './operation';
import { organisation } from './organisation';
import { people } from './people';
import { reviews } from './reviews';
import { roles } from './roles';
import { sessions } from './sessions';
import { sync } from './sync';
import { systems } from './systems';
import { todos } from './todos';
import { webhook } from './webhook';

/**
 * The Rollcall API, one entry per operation. The worker mounts exactly these (in this order: a
 * static path such as /people/export before /people/:id), OpenAPI is generated from them, and the
 * extension's client calls them: `api.call(contract.reviews.listItems, { params, query })`.
 */
export const contract = {
  meta,
  auth,
  me,
  members,
  sessions,
  apiKeys,
  organisation,
  audit,
  people,
  systems,
  roles,
  accounts,
  sync,
  findings,
  reviews,
  todos,
  notifications,
  webhook,
  observations,
} as const;

/** Every operation, in mounting order. */
export const allOperations: readonly Operation[] = Object.values(contract).flatMap((group): Operation[] =>
  Object.values(group),
);
