import type { Permission } from '@/lib/auth/permissions'

/**
 * How to exercise each permission of lib/auth/permissions.ts from outside:
 * e2e/authorization-matrix.spec.ts sends every probe as every actor and expects
 * exactly the actors of the table to get through. A new permission needs a
 * probe here before the suite passes, and so does every new server action.
 *
 * Action probes send a form the action's schema refuses: an actor the table
 * allows gets past the permission check and stops at validation
 * ("请检查标出的内容"), so nothing changes, and every other actor gets the
 * permission refusal. Page probes fetch a page guarded by `requirePermission`.
 */

export interface ActionProbe {
  kind: 'action'
  /** The module and export, as in the build's server-reference manifest. */
  file: string
  exportName: string
  /** The page the action is posted from. */
  path: string
  /** Fields the action's schema refuses. */
  invalidFields: Record<string, string>
}

export interface PageProbe {
  kind: 'page'
  path: string
}

export type PermissionProbe = ActionProbe | PageProbe

const action = (file: string, exportName: string, path: string, invalidFields: Record<string, string>): ActionProbe => ({
  kind: 'action',
  file,
  exportName,
  path,
  invalidFields,
})
const page = (path: string): PageProbe => ({ kind: 'page', path })

const ACCOUNT = 'app/(account)/account/actions.ts'

const COMMENTS = 'app/(site)/archives/[slug]/actions.ts'
const ARTICLE = '/archives/rope-from-complex-numbers'

export const permissionProbes: Record<Permission, readonly PermissionProbe[]> = {
  'account.register': [action('app/(account)/register/actions.ts', 'registerAction', '/register', { name: '', email: 'not an email', password: 'short' })],
  'account.signIn': [action('app/(account)/login/actions.ts', 'signInAction', '/login', { email: 'not an email', password: '' })],
  'account.view': [page('/account')],
  'account.rename': [action(ACCOUNT, 'renameAction', '/account', { name: '   ' })],
  'account.changePassword': [action(ACCOUNT, 'changePasswordAction', '/account', { currentPassword: '', newPassword: 'short' })],
  // Longer than any password the sign-in accepts.
  'account.delete': [action(ACCOUNT, 'deleteAccountAction', '/account', { password: 'x'.repeat(1025), confirmEmail: '' })],
  'account.verifyEmail': [action('app/(account)/verify-email/actions.ts', 'verifyEmailAction', '/verify-email', { token: 'too short' })],
  'account.requestPasswordReset': [action('app/(account)/forgot-password/actions.ts', 'requestPasswordResetAction', '/forgot-password', { email: 'not an email' })],
  'account.resetPassword': [action('app/(account)/reset-password/actions.ts', 'resetPasswordAction', '/reset-password', { token: 'too short', password: 'short' })],
  'account.resendVerification': [action(ACCOUNT, 'resendVerificationAction', '/account', { email: 'not an email' })],
  'account.changeEmail': [action(ACCOUNT, 'changeEmailAction', '/account', { email: 'not an email', password: '' })],
  'account.notifications': [action(ACCOUNT, 'notificationSettingsAction', '/account', { replies: 'maybe' })],
  'comment.create': [action(COMMENTS, 'createCommentAction', ARTICLE, { post: 'rope-from-complex-numbers', body: '', idempotencyKey: 'x' })],
  'comment.preview': [action(COMMENTS, 'previewCommentAction', ARTICLE, { post: 'no such article!', body: '' })],
  'comment.editOwn': [action(COMMENTS, 'editCommentAction', ARTICLE, { id: 'not-a-number', body: '' })],
  'comment.deleteOwn': [action(COMMENTS, 'deleteCommentAction', ARTICLE, { id: 'not-a-number' })],
  'comment.moderate': [
    action(COMMENTS, 'setCommentHiddenAction', ARTICLE, { id: 'not-a-number', hidden: 'true' }),
    action(COMMENTS, 'moderatorDeleteCommentAction', ARTICLE, { id: 'not-a-number' }),
  ],
  'feedback.create': [action('app/(site)/feedback/actions.ts', 'sendFeedbackAction', '/feedback', { name: '', email: '', body: ' ' })],
  'admin.view': [page('/admin')],
  'admin.feedback': [
    page('/admin/feedback'),
    action('app/admin/feedback/actions.ts', 'setFeedbackStatusAction', '/admin/feedback', { id: 'not-a-number', status: 'archived' }),
    action('app/admin/feedback/actions.ts', 'deleteFeedbackAction', '/admin/feedback', { id: 'not-a-number' }),
  ],
  'admin.comments': [
    page('/admin/comments'),
    action('app/admin/comments/actions.ts', 'setCommentHiddenAction', '/admin/comments', { id: 'not-a-number', hidden: 'true' }),
    action('app/admin/comments/actions.ts', 'deleteCommentAction', '/admin/comments', { id: 'not-a-number' }),
  ],
  'admin.members': [
    page('/admin/members'),
    action('app/admin/members/actions.ts', 'changeRoleAction', '/admin/members', { id: 'not-a-member', role: 'admin' }),
    action('app/admin/members/actions.ts', 'setMemberDisabledAction', '/admin/members', { id: 'not-a-member', disabled: 'true' }),
  ],
  'admin.audit': [page('/admin/audit')],
  'admin.mail': [page('/admin/mail')],
}

export function describeProbe(probe: PermissionProbe): string {
  return probe.kind === 'page' ? `page ${probe.path}` : `${probe.exportName} (${probe.file})`
}
