import commonPasswordList from './common-passwords.json'

/**
 * The breached-password check (OWASP ASVS 2.1.7). The list holds 12,000 leaked
 * passwords long enough to pass the length rule; scripts/generate-common-passwords.ts
 * says where they come from. It is about 230 kB, so only server code imports this
 * module (through lib/auth/validation.ts); client forms use lib/auth/field-limits.ts.
 */
let commonPasswords: ReadonlySet<string> | undefined

export function isCommonPassword(password: string): boolean {
  commonPasswords ??= new Set(commonPasswordList)
  return commonPasswords.has(password.trim().toLowerCase())
}

export const COMMON_PASSWORD_COUNT = commonPasswordList.length
