import { z } from 'zod';
import { PAGE_KIND_IDS } from '../rules/registry.ts';

/**
 * One row of a system's user list as the extension reads it off an admin page: plain strings, exactly
 * as the page shows them. Interpreting them (is this login generic, is "Yesterday" dormant) is the
 * job of the rules, not of the reader.
 */
export const pageRowSchema = z.object({
  username: z.string().min(1).max(320),
  displayName: z.string().max(320).nullable(),
  email: z.string().max(320).nullable(),
  role: z.string().max(200).nullable(),
  status: z.string().max(100).nullable(),
  lastSignIn: z.string().max(100).nullable(),
  /** The permissions the page shows as granted; null when the page shows none at all. */
  permissions: z.array(z.string().min(1).max(200)).max(500).nullable(),
});
export type PageRow = z.infer<typeof pageRowSchema>;

/** Who a row is, without what it is allowed: what the in-page verdicts are made from. */
export const pageLoginSchema = pageRowSchema.pick({
  username: true,
  displayName: true,
  email: true,
  status: true,
});
export type PageLogin = z.infer<typeof pageLoginSchema>;

/** The most logins one request may carry. */
const MAX_LOGINS = 20000;

/**
 * The logins read off an admin page, as the in-page warnings send them to the background to be
 * judged: each field a column of its own, in the logins' order. Without the fields' names on every
 * login (they were half of a 5,000-row list's messages), and checked a column of strings at a time:
 * a batch of 500 logins sent as rows took 0.11–0.16 ms to check against 0.07 (in Node, warm). Read
 * back as `PageLogin`s.
 */
export const judgePageLoginsSchema = z
  .object({
    /** The page they were read from: it tells which system's directory applies. */
    pageUrl: z.url().max(2000),
    usernames: z.array(pageLoginSchema.shape.username).max(MAX_LOGINS),
    displayNames: z.array(pageLoginSchema.shape.displayName).max(MAX_LOGINS),
    emails: z.array(pageLoginSchema.shape.email).max(MAX_LOGINS),
    statuses: z.array(pageLoginSchema.shape.status).max(MAX_LOGINS),
  })
  .refine(
    ({ usernames, displayNames, emails, statuses }) =>
      displayNames.length === usernames.length &&
      emails.length === usernames.length &&
      statuses.length === usernames.length,
    { message: 'every column must have one value per login', path: ['usernames'] },
  )
  .transform(({ pageUrl, usernames, displayNames, emails, statuses }) => ({
    pageUrl,
    logins: usernames.map(
      (username, at): PageLogin => ({
        username,
        displayName: displayNames[at] ?? null,
        email: emails[at] ?? null,
        status: statuses[at] ?? null,
      }),
    ),
  }));
/** The logins as judged. */
export type JudgePageLogins = z.output<typeof judgePageLoginsSchema>;
/** The same as sent, a column per field (made by `judgeMessage` in the extension's judge-port.ts). */
export type JudgePageLoginsMessage = z.input<typeof judgePageLoginsSchema>;

/**
 * The kinds of warning a row can carry on the page, one per rule that declares a page kind (see
 * shared/rules/registry.ts); `ok` on a row means none of them. Signed out, only the kinds the page
 * alone can tell show; the rest need the directory.
 */
export const pageWarningKindSchema = z.enum(PAGE_KIND_IDS);
export type PageWarningKind = z.infer<typeof pageWarningKindSchema>;

/** How a page writes numeric dates: 23/11/2026 is day-month-year, 11/23/2026 month-day-year. */
export const dateOrderSchema = z.enum(['dmy', 'mdy']);
export type DateOrder = z.infer<typeof dateOrderSchema>;

/** A user list as captured off an admin page, to be reconciled with the accounts Rollcall knows. */
export const pageSnapshotSchema = z.object({
  /** The page it was read from, without query string or fragment. */
  pageUrl: z.url().max(2000),
  /** The Rollcall system the page belongs to, where the admin has linked it. */
  systemId: z.string().min(1).max(64).nullable(),
  capturedAt: z.number().int().nonnegative(),
  /**
   * Whether the admin confirmed the page shows the whole user list. Only then do logins missing
   * from it count as removed: a page of a paged or filtered list says nothing about the others.
   */
  complete: z.boolean(),
  /** The admin confirmed the removals the server asked about (a complete list removing most logins). */
  confirmRemovals: z.boolean().optional(),
  /** How the page writes numeric dates, from its language (the server's default where unsaid). */
  dateOrder: dateOrderSchema.optional(),
  rows: z.array(pageRowSchema).max(MAX_LOGINS),
});
export type PageSnapshot = z.infer<typeof pageSnapshotSchema>;
