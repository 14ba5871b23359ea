/**
 * Who may do what: the single table every page and server action consults.
 *
 * It is plain data on purpose. Pages call `requirePermission`, server actions
 * name a permission in `validatedAction`, and the authorization-matrix test
 * is generated from this object, so a new capability is one new row here.
 */

/** Everyone who can send a request: a visitor, a member by role, or a disabled member. */
export const actors = ['guest', 'member', 'editor', 'admin', 'disabled'] as const
export type Actor = (typeof actors)[number]

export const permissions = {
  // Accounts
  'account.register': ['guest'],
  // Anyone may sign in (again, or as someone else); disabled accounts are refused by the sign-in itself.
  'account.signIn': ['guest', 'member', 'editor', 'admin', 'disabled'],
  'account.view': ['member', 'editor', 'admin'],
  'account.rename': ['member', 'editor', 'admin'],
  'account.changePassword': ['member', 'editor', 'admin'],
  'account.delete': ['member', 'editor', 'admin'],
  // Mailed links work without a session: whoever holds the link holds the mailbox.
  'account.verifyEmail': ['guest', 'member', 'editor', 'admin'],
  // Anyone may ask (the answer never says whether the account exists); a disabled account gets no mail.
  'account.requestPasswordReset': ['guest', 'member', 'editor', 'admin'],
  'account.resetPassword': ['guest', 'member', 'editor', 'admin'],
  'account.resendVerification': ['member', 'editor', 'admin'],
  'account.changeEmail': ['member', 'editor', 'admin'],
  'account.notifications': ['member', 'editor', 'admin'],

  // Comments
  'comment.create': ['member', 'editor', 'admin'],
  'comment.preview': ['member', 'editor', 'admin'],
  'comment.editOwn': ['member', 'editor', 'admin'],
  'comment.deleteOwn': ['member', 'editor', 'admin'],
  'comment.moderate': ['editor', 'admin'],

  // Feedback (留言): open to visitors, closed to disabled members.
  'feedback.create': ['guest', 'member', 'editor', 'admin'],

  // Administration
  'admin.view': ['editor', 'admin'],
  'admin.feedback': ['editor', 'admin'],
  'admin.comments': ['editor', 'admin'],
  'admin.members': ['admin'],
  'admin.audit': ['admin'],
  'admin.mail': ['admin'],
} as const satisfies Record<string, readonly Actor[]>

export type Permission = keyof typeof permissions

/** Permissions a visitor without an account has. */
export type GuestPermission = {
  [P in Permission]: 'guest' extends (typeof permissions)[P][number] ? P : never
}[Permission]

/** Permissions that need a signed-in, enabled member: whoever holds one has an account. */
export type MemberPermission = Exclude<Permission, GuestPermission>

export function can(actor: Actor, permission: Permission): boolean {
  const allowed: readonly Actor[] = permissions[permission]
  return allowed.includes(actor)
}

export function isPermission(name: string): name is Permission {
  return Object.hasOwn(permissions, name)
}
