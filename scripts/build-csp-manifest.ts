import fs from 'node:fs'
import path from 'node:path'
import { inlineScripts, routeOfHtmlFile, sha256Source } from '@/lib/security/csp'
import { cspManifestFile } from '@/lib/security/csp-manifest'
import { log } from './lib/log'

// After `next build`: hash the inline scripts of every prerendered page, so the
// proxy can send each static page a CSP that allows exactly those scripts.
const appDir = path.join('.next', 'server', 'app')

function* htmlFiles(dir: string): Generator<string> {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) yield* htmlFiles(full)
    else if (entry.name.endsWith('.html')) yield full
  }
}

const manifest: Record<string, string[]> = {}
for (const file of htmlFiles(appDir)) {
  const hashes = [...new Set(inlineScripts(fs.readFileSync(file, 'utf8')).map(sha256Source))]
  manifest[routeOfHtmlFile(path.relative(appDir, file))] = hashes
}
fs.writeFileSync(cspManifestFile, JSON.stringify(manifest))
log.info(`CSP hashes recorded for ${Object.keys(manifest).length} prerendered pages.`)
