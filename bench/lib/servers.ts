import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

/**
 * The servers benchmarks compare: our site (`next start`), a blank Next.js app
 * of the same version (the framework's ceiling), and nginx (the machine's
 * ceiling, and our production front from deploy/nginx.conf).
 */

const root = process.cwd()
const nextBin = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next')
export const BENCH_SITE_URL = 'http://localhost:3100'

export interface RunningServer {
  url: string
  stop: () => Promise<void>
}

async function waitFor(url: string, child: ChildProcess | null, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    try {
      if ((await fetch(url)).status < 500) return
    } catch {
      // not yet
    }
    if (child && child.exitCode !== null) throw new Error(`${url}: server exited with ${child.exitCode}`)
    if (Date.now() > deadline) throw new Error(`${url} did not answer`)
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}

// A benchmark that crashes must not leave servers holding its ports.
const children = new Set<ChildProcess>()
process.once('exit', () => {
  for (const child of children) child.kill('SIGTERM')
})

function track(child: ChildProcess): ChildProcess {
  children.add(child)
  child.once('exit', () => children.delete(child))
  return child
}

function stopper(child: ChildProcess): () => Promise<void> {
  return () =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve()
      child.once('exit', () => resolve())
      child.kill('SIGTERM')
    })
}

/** The site's production build, built like `npm start` does when sources changed. */
export function ensureSiteBuild(): void {
  execFileSync(process.execPath, ['--import', 'tsx', '--conditions=react-server', 'e2e/support/ensure-build.ts'], {
    stdio: 'inherit',
    env: { ...process.env, E2E_PORT: '3100' },
  })
}

export async function startSite(port: number, env: Record<string, string> = {}): Promise<RunningServer> {
  // A migrated database of its own, as `npm start` would have: without one the
  // dynamic parts (recent comments) fail and pages log errors a reader never sees.
  const pgliteDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-site-db-'))
  execFileSync(process.execPath, ['--import', 'tsx', '--conditions=react-server', 'scripts/db-migrate.ts'], {
    env: { ...process.env, PGLITE_DIR: pgliteDir, ...env },
    stdio: 'ignore',
  })
  const child = track(spawn(process.execPath, [nextBin, 'start', '--port', String(port)], {
    env: {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: '1',
      SITE_URL: BENCH_SITE_URL,
      AUTH_SECRET: 'bench-secret-that-is-long-enough-to-sign-tokens',
      PGLITE_DIR: pgliteDir,
      ...env,
    },
    stdio: 'ignore',
  }))
  const url = `http://localhost:${port}`
  await waitFor(`${url}/archives`, child)
  const stop = stopper(child)
  return {
    url,
    stop: async () => {
      await stop()
      fs.rmSync(pgliteDir, { recursive: true, force: true })
    },
  }
}

const blankDir = path.join(root, 'bench', '.work', 'blank')

/**
 * The blank app's second page, a static page whose prerendered HTML the serving
 * benchmark replaces with our article's (useSameBytesPage): the framework
 * serving exactly our bytes, with none of our code or configuration.
 */
export const BLANK_SAME_BYTES_PATH = '/same-bytes'
const sameBytesPage = 'export default function SameBytes() { return <p>replaced by the benchmark</p> }\n'

export function useSameBytesPage(htmlFile: string): void {
  fs.copyFileSync(htmlFile, path.join(blankDir, '.next', 'server', 'app', 'same-bytes.html'))
  // Next.js 16 also keeps served pages in a route cache on disk; without it, it reads the file above.
  fs.rmSync(path.join(blankDir, '.next', 'server', 'route-cache'), { recursive: true, force: true })
}

/** A blank App Router app (one page saying "blank", one to carry our bytes) on the same Next.js and React. */
export function ensureBlankApp(): string {
  const marker = path.join(blankDir, '.next', 'server', 'app', 'same-bytes.html')
  if (fs.existsSync(marker)) return blankDir
  fs.rmSync(blankDir, { recursive: true, force: true })
  fs.mkdirSync(path.join(blankDir, 'app'), { recursive: true })
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(blankDir, 'node_modules'))
  fs.writeFileSync(path.join(blankDir, 'package.json'), JSON.stringify({ name: 'blank-next-app', private: true, type: 'module' }))
  fs.writeFileSync(
    path.join(blankDir, 'next.config.mjs'),
    "import path from 'node:path'\nexport default { turbopack: { root: path.resolve(import.meta.dirname, '../../..') } }\n",
  )
  fs.writeFileSync(path.join(blankDir, 'app', 'layout.js'), 'export default function RootLayout({ children }) { return <html lang="en"><body>{children}</body></html> }\n')
  fs.writeFileSync(path.join(blankDir, 'app', 'page.js'), 'export default function Page() { return <p>blank</p> }\n')
  // Without an instrumentation hook of its own, Turbopack (rooted at the repository
  // so it can follow the node_modules link) picks up ours, and the blank app
  // would start comment renderers and the mail loop.
  fs.writeFileSync(path.join(blankDir, 'instrumentation.js'), 'export function register() {}\n')
  fs.mkdirSync(path.join(blankDir, 'app', 'same-bytes'))
  fs.writeFileSync(path.join(blankDir, 'app', 'same-bytes', 'page.js'), sameBytesPage)
  execFileSync(process.execPath, [nextBin, 'build'], { cwd: blankDir, stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } })
  return blankDir
}

export async function startBlankApp(port: number): Promise<RunningServer> {
  const child = track(spawn(process.execPath, [nextBin, 'start', '--port', String(port)], {
    cwd: ensureBlankApp(),
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
    stdio: 'ignore',
  }))
  const url = `http://localhost:${port}`
  await waitFor(url, child)
  return { url, stop: stopper(child) }
}

function nginxBinary(): string {
  for (const candidate of ['/usr/sbin/nginx', '/usr/bin/nginx']) if (fs.existsSync(candidate)) return candidate
  throw new Error('nginx not found: apt-get install nginx-light')
}

async function startNginx(config: string, port: number, probe: string): Promise<RunningServer> {
  const prefix = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-nginx-'))
  // Started as root, nginx's workers run as nobody: they must be able to write here.
  fs.chmodSync(prefix, 0o777)
  for (const dir of ['logs', 'temp', 'cache']) fs.mkdirSync(path.join(prefix, dir), { mode: 0o777 })
  fs.writeFileSync(path.join(prefix, 'nginx.conf'), config)
  const child = track(spawn(nginxBinary(), ['-p', prefix, '-c', path.join(prefix, 'nginx.conf'), '-g', 'daemon off;'], { stdio: 'ignore' }))
  const url = `http://127.0.0.1:${port}`
  try {
    await waitFor(`${url}${probe}`, child)
  } catch (error) {
    child.kill('SIGTERM')
    throw error
  }
  return {
    url,
    stop: async () => {
      await stopper(child)()
      fs.rmSync(prefix, { recursive: true, force: true })
    },
  }
}

/** nginx answering every request with one prerendered HTML file: the machine's limit for that page. */
export function startNginxFile(port: number, htmlFile: string): Promise<RunningServer> {
  const config = `worker_processes auto;
events { worker_connections 4096; }
http {
  access_log off; sendfile on; tcp_nopush on; keepalive_requests 100000;
  server {
    listen ${port};
    root ${path.dirname(htmlFile)};
    location / { default_type text/html; try_files /${path.basename(htmlFile)} =404; }
  }
}
`
  return startNginx(config, port, '/')
}

/** deploy/nginx.conf as shipped, pointed at this checkout and one upstream instance. */
export function startNginxFront(port: number, upstreamPort: number): Promise<RunningServer> {
  const config = fs
    .readFileSync(path.join(root, 'deploy', 'nginx.conf'), 'utf8')
    .replaceAll('/srv/gewuzhi', root)
    .replace('127.0.0.1:3000', `127.0.0.1:${upstreamPort}`)
    .replace('listen 8080;', `listen ${port};`)
  return startNginx(config, port, '/archives')
}
