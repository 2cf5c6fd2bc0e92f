import { contract } from '../../../shared/contract';
import type { Campaign, Notification, ReviewItem, Todo } from '../../../shared/schemas/reviews';
import { fakeRoute, problem } from './sync/fake-server';

/**
 * The review, to-do and notification operations of the contract, in memory, for `fakeServer({ routes })`:
 * one open campaign of four accounts (the third is the signed-in member's own, which the server
 * refuses to let them decide), one leaver's checklist and two unread notifications.
 */
export function reviewFake() {
  const item = (
    id: string,
    username: string,
    systemName: string,
    extra: Partial<ReviewItem> = {},
  ): ReviewItem => ({
    id,
    campaignId: 'c1',
    accountId: `a-${id}`,
    systemId: systemName === 'Ledger' ? 's1' : 's2',
    systemName,
    username,
    displayName: null,
    accountStatus: 'active',
    owner: null,
    jobRole: null,
    permissions: ['read'],
    lastSignInAt: null,
    findings: [],
    decision: null,
    newPermissions: null,
    comment: null,
    decidedBy: null,
    decidedByName: null,
    decidedAt: null,
    defaulted: false,
    ...extra,
  });
  const items: ReviewItem[] = [
    item('i1', 'alice', 'Ledger', {
      displayName: 'Alice Wong',
      owner: { personId: 'p1', name: 'Alice Wong', email: 'alice@firm.test' },
      jobRole: 'Bookkeeper',
      permissions: ['read', 'approve'],
      lastSignInAt: Date.UTC(2026, 10, 2),
    }),
    item('i2', 'bob', 'Ledger', {
      permissions: ['read', 'write', 'admin'],
      findings: [{ id: 'f1', ruleId: 'unowned-account', severity: 'high', title: 'Nobody owns bob' }],
    }),
    item('i3', 'ann', 'Payroll', { owner: { personId: 'p0', name: 'Ann Owner', email: 'ann@firm.test' } }),
    item('i4', 'carol', 'Payroll', { permissions: ['read', 'approve', 'export'] }),
  ];
  const campaign = (): Campaign => {
    const decided = items.filter((i) => i.decision !== null).length;
    return {
      id: 'c1',
      name: 'Q4 access review',
      systemIds: ['s1', 's2'],
      reviewerIds: ['m1'],
      dueAt: Date.UTC(2026, 11, 1),
      defaultDecision: 'revoke',
      status: 'open',
      createdBy: 'm1',
      createdAt: Date.UTC(2026, 10, 1),
      closedAt: null,
      closedBy: null,
      progress: {
        total: items.length,
        decided,
        remaining: items.length - decided,
        byReviewer: [{ memberId: 'm1', name: 'Ann Owner', decided }],
      },
    };
  };

  const todo = (id: string, label: string, action: Todo['action']): Todo => ({
    id,
    source: 'leaver',
    sourceId: 'p9',
    accountId: `acc-${id}`,
    systemId: 's1',
    label,
    action,
    targetPermissions: null,
    reason: 'Sam Leaver left on 2026-11-20',
    status: 'open',
    createdAt: Date.UTC(2026, 10, 20),
    closedAt: null,
    closedVia: null,
    closedBy: null,
    closedComment: null,
  });
  const todos = [
    todo('t1', 'sam in Ledger', 'remove'),
    todo('t2', 'frontdesk in Payroll', 'rotate-password'),
  ];

  const note = (id: string, title: string): Notification => ({
    id,
    kind: 'finding',
    severity: 'high',
    title,
    detail: 'Found by the daily check',
    subjectId: `finding-${id}`,
    day: '2026-11-22',
    createdAt: Date.UTC(2026, 10, 22),
    readAt: null,
  });
  const notifications = [
    note('n1', 'Shared login in Ledger'),
    note('n2', 'Leaver still signs in to Payroll'),
  ];
  const unread = () => notifications.filter((n) => n.readAt === null).length;

  const checklist = () => ({
    personId: 'p9',
    name: 'Sam Leaver',
    endDate: '2026-11-20',
    open: todos.filter((t) => t.status === 'open').length,
    done: todos.filter((t) => t.status === 'done').length,
    items: todos,
  });

  const routes = [
    fakeRoute(contract.reviews.list, () => ({ campaigns: [campaign()] })),
    fakeRoute(contract.reviews.listItems, ({ params }) =>
      params.id === 'c1' ? { items, nextCursor: null } : problem(404, 'No such campaign.'),
    ),
    fakeRoute(contract.reviews.decide, ({ params, body }) => {
      const target = params.id === 'c1' ? items.find((i) => i.id === params.itemId) : undefined;
      if (!target) return problem(404, 'No such item in this campaign.');
      if (target.owner?.email === 'ann@firm.test')
        return problem(403, 'Nobody reviews their own access: another reviewer must decide on this account.');
      Object.assign(target, {
        decision: body.decision,
        comment: body.comment || null,
        newPermissions: body.decision === 'change' ? body.permissions : null,
        decidedBy: 'm1',
        decidedByName: 'Ann Owner',
        decidedAt: Date.now(),
      });
      return target;
    }),
    fakeRoute(contract.todos.checklists, () => ({ checklists: [checklist()] })),
    fakeRoute(contract.todos.list, () => ({ items: [], nextCursor: null })),
    fakeRoute(contract.todos.confirm, ({ params, body }) => {
      const target = todos.find((t) => t.id === params.id);
      if (!target) return problem(404, 'No such to-do.');
      if (target.status === 'done') return problem(409, 'This to-do is already done.');
      Object.assign(target, {
        status: 'done',
        closedAt: Date.now(),
        closedVia: 'confirmation',
        closedBy: 'Ann Owner',
        closedComment: body.comment,
      });
      return target;
    }),
    fakeRoute(contract.notifications.list, () => ({ notifications, unread: unread() })),
    fakeRoute(contract.notifications.markRead, ({ body }) => {
      const ids = 'ids' in body ? body.ids : undefined;
      let marked = 0;
      for (const n of notifications) {
        if (n.readAt === null && (!ids || ids.includes(n.id))) {
          n.readAt = Date.now();
          marked += 1;
        }
      }
      return { marked };
    }),
  ];

  return { routes, items, todos, notifications };
}
