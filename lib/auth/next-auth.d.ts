import type { UserRole } from '@/db/schema'

// What our session tokens and the /api/auth/session response carry
// (lib/auth/session-claims.ts builds them).
declare module 'next-auth/jwt' {
  interface JWT {
    /** users.session_version when the token was issued; a mismatch means "signed out everywhere". */
    sv?: number
    role?: UserRole
  }
}

declare module 'next-auth' {
  interface Session {
    user: { id: string; name: string; role: UserRole }
  }
}
