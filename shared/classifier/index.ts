export type { Classification, Token, TokenKind, Verdict } from './classify.ts';
export { classify, loginTokens } from './classify.ts';
export { defaultAccountName } from './default-accounts.ts';
export type { Lookalike, LookalikeChange } from './lookalike.ts';
export { lookalike, plainLogin } from './lookalike.ts';
export type { SharedDisplayName } from './shared-display-name.ts';
export { loginNamesTwoPeople, namesTwoPeople, sharedLoginPeople } from './shared-display-name.ts';
