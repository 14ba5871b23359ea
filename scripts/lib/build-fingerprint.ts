import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

/**
 * `npm start` and the test runner rebuild only when something that goes into
 * the build changed. The fingerprint hashes those files plus the environment
 * values that are baked into prerendered pages.
 */

const inputs = ['app', 'lib', 'db', 'content', 'public', 'proxy.ts', 'instrumentation.ts', 'next.config.mjs', 'tsconfig.json', 'package-lock.json', 'postcss.config.mjs']
const skipped = new Set(['node_modules', '.next', '.data', 'migrations'])
const fingerprintFile = path.join('.next', 'source-fingerprint')

function* walk(entry: string): Generator<string> {
  let stat: fs.Stats
  try {
    stat = fs.statSync(entry)
  } catch {
    return
  }
  if (stat.isFile()) {
    yield entry
    return
  }
  for (const name of fs.readdirSync(entry).sort()) {
    if (skipped.has(name) || name.endsWith('.test.ts')) continue
    yield* walk(path.join(entry, name))
  }
}

export function computeBuildFingerprint(bakedEnv: Record<string, string>): string {
  const hash = createHash('sha256')
  for (const [key, value] of Object.entries(bakedEnv).sort()) hash.update(`${key}=${value}\n`)
  for (const input of inputs) {
    for (const file of walk(input)) {
      hash.update(`${file}\0`)
      hash.update(fs.readFileSync(file))
    }
  }
  return hash.digest('hex')
}

export function isBuildCurrent(fingerprint: string): boolean {
  try {
    return (
      fs.existsSync(path.join('.next', 'BUILD_ID')) &&
      // The site reads the content catalog at run time (comments, search, feeds).
      fs.existsSync(path.join('.catalog', 'production', 'index.json')) &&
      fs.readFileSync(fingerprintFile, 'utf8') === fingerprint
    )
  } catch {
    return false
  }
}

export function recordBuildFingerprint(fingerprint: string): void {
  fs.writeFileSync(fingerprintFile, fingerprint)
}
