import { spawn, type ChildProcess } from 'node:child_process'
import { createRequire } from 'node:module'
import path from 'node:path'
import { computeBuildFingerprint, isBuildCurrent, recordBuildFingerprint } from './build-fingerprint'
import { log } from './log'

const require = createRequire(import.meta.url)
const nextBin = path.join(path.dirname(require.resolve('next/package.json')), 'dist', 'bin', 'next')

export function spawnNext(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  // Telemetry would only try to reach the network on every build and start.
  return spawn(process.execPath, [nextBin, ...args], {
    env: { NEXT_TELEMETRY_DISABLED: '1', ...env },
    stdio: 'inherit',
  })
}

export function waitForExit(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)))
  })
}

/** Values that prerendered pages bake in: a change must trigger a rebuild. */
function bakedEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  return { SITE_URL: env.SITE_URL ?? '' }
}

export async function ensureFreshBuild(env: NodeJS.ProcessEnv): Promise<void> {
  const fingerprint = computeBuildFingerprint(bakedEnv(env))
  if (isBuildCurrent(fingerprint)) {
    log.info('The production build is up to date.')
    return
  }
  log.info('Building the site (first start or sources changed)…')
  const buildEnv: NodeJS.ProcessEnv = { ...env, NODE_ENV: 'production' }
  const content = spawn(process.execPath, ['--import', 'tsx', '--conditions=react-server', 'scripts/build-content.ts'], {
    env: buildEnv,
    stdio: 'inherit',
  })
  const contentCode = await waitForExit(content)
  if (contentCode !== 0) process.exit(contentCode)
  const code = await waitForExit(spawnNext(['build'], buildEnv))
  if (code !== 0) {
    log.error(`The build failed (exit code ${code}); see the messages above.`)
    process.exit(code)
  }
  const manifest = spawn(process.execPath, ['--import', 'tsx', 'scripts/secure-prerendered-pages.ts'], { env: buildEnv, stdio: 'inherit' })
  const manifestCode = await waitForExit(manifest)
  if (manifestCode !== 0) process.exit(manifestCode)
  recordBuildFingerprint(fingerprint)
}

/** Runs a long-lived Next.js process, passing Ctrl-C and termination on to it. */
export async function runUntilExit(child: ChildProcess): Promise<never> {
  const forward = (signal: NodeJS.Signals) => () => child.kill(signal)
  process.on('SIGINT', forward('SIGINT'))
  process.on('SIGTERM', forward('SIGTERM'))
  process.exit(await waitForExit(child))
}
