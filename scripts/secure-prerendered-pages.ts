import fs from 'node:fs'
import path from 'node:path'
import { withPolicyMeta } from '@/lib/security/csp'
import { log } from './lib/log'

// After `next build`: give every prerendered page a <meta> Content-Security-Policy
// allowing exactly its own inline scripts (see lib/security/csp.ts for why).
const appDir = path.join('.next', 'server', 'app')

function* htmlFiles(dir: string): Generator<string> {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) yield* htmlFiles(full)
    else if (entry.name.endsWith('.html')) yield full
  }
}

let pages = 0
for (const file of htmlFiles(appDir)) {
  fs.writeFileSync(file, withPolicyMeta(fs.readFileSync(file, 'utf8')))
  pages++
}
log.info(`Content-Security-Policy written into ${pages} prerendered pages.`)
