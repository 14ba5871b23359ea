/**
 * The accounts every end-to-end run starts with (seeded by e2e/support/serve.ts
 * before the server starts). Treat them as read-only: a test that changes a
 * password, a name or deletes an account registers its own member instead
 * (`registerMember` in e2e/support/fixtures.ts).
 */
export const testUsers = {
  member: { email: 'member@example.test', password: 'member password for e2e', name: '测试成员', role: 'member', disabled: false },
  editor: { email: 'editor@example.test', password: 'editor password for e2e', name: '测试编辑', role: 'editor', disabled: false },
  admin: { email: 'admin@example.test', password: 'admin password for e2e', name: '测试管理员', role: 'admin', disabled: false },
  disabled: { email: 'disabled@example.test', password: 'disabled password for e2e', name: '已停用成员', role: 'member', disabled: true },
} as const

export type TestUserName = keyof typeof testUsers
export type TestUser = (typeof testUsers)[TestUserName]
/** Seeded users who can sign in. */
export type SignedInRole = 'member' | 'editor' | 'admin'

/**
 * Verified members created directly in the database before the server starts,
 * for tests that need a member of their own who may comment (verification has
 * tests of its own). `verifiedMember` in fixtures.ts hands each test a fresh one.
 */
export const memberPool = {
  size: 60,
  password: 'pool member password for e2e',
  email: (index: number) => `pool-${index}@example.test`,
  name: (index: number) => `读者${index}号`,
  // Fixed ids, so a test can mint a pool member's session token without asking the database.
  id: (index: number) => `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
} as const

/** Registering with this address makes an admin (the e2e server's ADMIN_EMAILS) once it is verified. */
export const adminEmailForRegistration = 'first-admin@example.test'

/** The session secret of every end-to-end server, so a test can mint the token of a member who cannot sign in. */
export const e2eAuthSecret = 'e2e-secret-that-is-long-enough-to-sign-tokens'
