/**
 * Hands an article's prerendered body from the Server Component that renders
 * it to the server-side render of the client shell that places it, without
 * sending it through the RSC payload.
 *
 * Why: whatever a Server Component returns is serialized into the page's RSC
 * payload, which Next.js inlines into the HTML as script strings. For an
 * article that meant the body twice in every page (~80 KB as markup and again
 * as a JavaScript string) and again in the .rsc and segment files of every
 * build. The body is static markup the browser never needs from the payload:
 * the HTML already holds it, so the shell (prerendered-body.tsx) adopts it from
 * the DOM when it hydrates.
 *
 * Both renders run in the same process during `next build` (and in `next dev`),
 * and the Server Component always runs before the render of the element it
 * returns, so a process-wide map is enough. It is bounded and keyed by slug: a
 * repeated render replaces its entry, and nothing here outlives a few renders
 * or carries state between requests. Not 'server-only' because the shell's
 * module imports it; it only reads in the browser's absence (typeof document).
 */

const LIMIT = 64
const KEY = Symbol.for('kexue.article-body-handoff')

type Registry = Map<string, string>

function registry(): Registry {
  const holder = globalThis as typeof globalThis & { [KEY]?: Registry }
  holder[KEY] ??= new Map()
  return holder[KEY]
}

export function handOffBody(slug: string, html: string): void {
  const bodies = registry()
  bodies.delete(slug)
  bodies.set(slug, html)
  // Oldest first: Map keeps insertion order.
  while (bodies.size > LIMIT) bodies.delete(bodies.keys().next().value!)
}

export function receiveBody(slug: string): string | undefined {
  return registry().get(slug)
}
