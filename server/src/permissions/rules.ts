import { rule } from 'graphql-shield';
import { DomainError, ErrorCode } from '../errors/domain-error.js';
import type { RequestContext } from '../http/context.js';
import { Role } from '../modules/users/user.enums.js';
import { roleMayUpload } from '../modules/documents/document-policy.js';
import type { DocumentKind } from '../modules/documents/document.enums.js';

const UNAUTHENTICATED = () => new DomainError(ErrorCode.UNAUTHENTICATED, 'Sign in to continue.');
const FORBIDDEN = () => new DomainError(ErrorCode.FORBIDDEN, 'You are not allowed to do this.');

/**
 * Role rules only look at the viewer, never at parent or arguments, so caching them once per request is right.
 * Ownership ("is this my case?") is not a rule: it is the one scope helper in access/access.ts.
 */
const roleRule = (name: string, roles: Role[]) =>
  rule(name, { cache: 'contextual' })((_parent, _args, ctx: RequestContext) => {
    if (!ctx.viewer) return UNAUTHENTICATED();
    return roles.includes(ctx.viewer.role) ? true : FORBIDDEN();
  });

export const isAuthenticated = rule('isAuthenticated', { cache: 'contextual' })((_p, _a, ctx: RequestContext) =>
  ctx.viewer ? true : UNAUTHENTICATED(),
);
export const isCustomer = roleRule('isCustomer', [Role.CUSTOMER]);
export const isMerchant = roleRule('isMerchant', [Role.MERCHANT]);
export const isAdmin = roleRule('isAdmin', [Role.ADMIN]);
export const isStaff = roleRule('isStaff', [Role.OPS, Role.ADMIN]);
export const isMerchantOrAdmin = roleRule('isMerchantOrAdmin', [Role.MERCHANT, Role.ADMIN]);
export const isCustomerOrAdmin = roleRule('isCustomerOrAdmin', [Role.CUSTOMER, Role.ADMIN]);
export const isMerchantOrStaff = roleRule('isMerchantOrStaff', [Role.MERCHANT, Role.OPS, Role.ADMIN]);
export const isCustomerOrStaff = roleRule('isCustomerOrStaff', [Role.CUSTOMER, Role.OPS, Role.ADMIN]);

/** A person in a browser, not a partner system: for actions a token must never take (e.g. minting tokens). */
export const isPerson = rule('isPerson', { cache: 'contextual' })((_p, _a, ctx: RequestContext) => {
  if (!ctx.viewer) return UNAUTHENTICATED();
  return ctx.viewer.partnerTokenId ? FORBIDDEN() : true;
});

/** For fields whose value is not the business of a customer (e.g. a merchant's auto-approve limit). */
export const isNotCustomer = rule('isNotCustomer', { cache: 'contextual' })((_p, _a, ctx: RequestContext) => {
  if (!ctx.viewer) return UNAUTHENTICATED();
  return ctx.viewer.role === Role.CUSTOMER ? FORBIDDEN() : true;
});

/**
 * For a user's sign-in name and e-mail (`User.username`, `User.email`): ops and admins, and the user themself.
 * A customer or merchant never reads a staff member's or the other party's (case-event-visibility.ts names them).
 * Reads the parent user, so never cached.
 */
export const isStaffOrSelf = rule('isStaffOrSelf', { cache: 'no_cache' })((parent: { id?: string } | null, _a, ctx: RequestContext) => {
  const self = parent?.id !== undefined && (parent.id === ctx.viewer?.userId || parent.id === ctx.signedInUserId); // signedInUserId: login's own answer
  if (self) return true;
  if (!ctx.viewer) return UNAUTHENTICATED();
  return ctx.viewer.role === Role.OPS || ctx.viewer.role === Role.ADMIN ? true : FORBIDDEN();
});

/** SPEC §1: which kinds of document each role may upload (reads the `kind` argument, so never cached). */
export const mayUploadKind = rule('mayUploadKind', { cache: 'no_cache' })((_p, args: { kind?: DocumentKind }, ctx: RequestContext) => {
  if (!ctx.viewer) return UNAUTHENTICATED();
  return args.kind !== undefined && roleMayUpload(ctx.viewer.role, args.kind) ? true : FORBIDDEN();
});
