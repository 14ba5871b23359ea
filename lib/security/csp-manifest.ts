import fs from 'node:fs'
import path from 'node:path'

/** Written by scripts/build-csp-manifest.ts after each build; read once per server process. */
export const cspManifestFile = path.join(/*turbopackIgnore: true*/ process.cwd(), '.next', 'csp-manifest.json')

let manifest: Record<string, string[]> | undefined

export function prerenderedScriptHashes(): Record<string, string[]> {
  if (manifest) return manifest
  try {
    manifest = JSON.parse(fs.readFileSync(cspManifestFile, 'utf8')) as Record<string, string[]>
  } catch {
    // No manifest (development, or `next build` run without the post-build step):
    // every page is treated as rendered per request and gets a nonce.
    manifest = {}
  }
  return manifest
}
