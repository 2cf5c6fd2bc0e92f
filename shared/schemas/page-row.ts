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

/**
 * A login as the in-page warnings send it to the background: its fields in a row, without their
 * names, which were half of a 5,000-row list's messages. Read back as a `PageLogin`.
 */
const sentLoginSchema = z
  .tuple([
    pageLoginSchema.shape.username,
    pageLoginSchema.shape.displayName,
    pageLoginSchema.shape.email,
    pageLoginSchema.shape.status,
  ])
  .transform(
    ([username, displayName, email, status]): PageLogin => ({ username, displayName, email, status }),
  );
export type SentLogin = z.input<typeof sentLoginSchema>;

/** The logins read off an admin page, sent by the in-page warnings to the background to be judged. */
export const judgePageLoginsSchema = z.object({
  /** The page they were read from: it tells which system's directory applies. */
  pageUrl: z.url().max(2000),
  logins: z.array(sentLoginSchema).max(20000),
});
/** The logins as judged. */
export type JudgePageLogins = z.output<typeof judgePageLoginsSchema>;
/** The same as sent, each login a `SentLogin` (made by `judgeMessage` in the extension's judge-port.ts). */
export type JudgePageLoginsMessage = z.input<typeof judgePageLoginsSchema>;

/**
 * The kinds of warning a row can carry on the page, one per rule that declares a page kind (see
 * shared/rules/registry.ts); `ok` on a row means none of them. Signed out, only the kinds the page
 * alone can tell show; the rest need the directory.
 */
export const pageWarningKindSchema = z.enum(PAGE_KIND_IDS);
export type PageWarningKind = z.infer<typeof pageWarningKindSchema>;

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
  rows: z.array(pageRowSchema).max(20000),
});
export type PageSnapshot = z.infer<typeof pageSnapshotSchema>;
