import { spawn, type ChildProcess } from 'node:child_process'
import { e2eAuthSecret } from './users'

/**
 * A `next start` of the production build with an environment of the test's
 * choosing, its output captured so tests can read the server's log lines.
 */
export interface AppServer {
  url: string
  output: () => string
  stop: () => Promise<void>
}

/** Whether something already answers on `port`: a second server there would fail to bind while the first answered for it. */
async function portAnswers(port: number): Promise<boolean> {
  try {
    await fetch(`http://localhost:${port}/`, { signal: AbortSignal.timeout(2000) })
    return true
  } catch {
    return false
  }
}

export async function startAppServer(port: number, env: Record<string, string>): Promise<AppServer> {
  if (await portAnswers(port)) throw new Error(`port ${port} is already in use: give this spec a port of its own (see README, Tests)`)
  let output = ''
  const e2ePort = process.env.E2E_PORT ?? '3100'
  const child: ChildProcess = spawn(
    process.execPath,
    ['node_modules/next/dist/bin/next', 'start', '--port', String(port), '--hostname', 'localhost'],
    {
      env: {
        ...process.env,
        NEXT_TELEMETRY_DISABLED: '1',
        AUTH_SECRET: e2eAuthSecret,
        // The build's public origin; cookies on localhost are shared across ports.
        SITE_URL: `http://localhost:${e2ePort}`,
        NEXTAUTH_URL: `http://localhost:${port}`,
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const url = `http://localhost:${port}`
  const deadline = Date.now() + 60_000
  for (;;) {
    try {
      const response = await fetch(`${url}/archives`)
      if (response.ok) break
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}:\n${output}`)
    if (Date.now() > deadline) throw new Error(`next start on ${port} did not answer:\n${output}`)
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  return {
    url,
    output: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }),
  }
}
