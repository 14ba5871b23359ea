import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

/**
 * A PostgreSQL cluster of the test's own (initdb into a temporary folder, its
 * own port), so a test can stop and restart the database without touching the
 * machine's server. PostgreSQL refuses to run as root; as root we run it as
 * the `postgres` user.
 */

function findBinDir(): string {
  const root = '/usr/lib/postgresql'
  const versions = fs.existsSync(root) ? fs.readdirSync(root).sort((a, b) => Number(b) - Number(a)) : []
  for (const version of versions) {
    const dir = path.join(root, version, 'bin')
    if (fs.existsSync(path.join(dir, 'initdb'))) return dir
  }
  throw new Error('PostgreSQL server binaries not found under /usr/lib/postgresql (install postgresql)')
}

const asPostgres = process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--'] : []

function run(command: string, args: string[]) {
  const [file, ...rest] = [...asPostgres, command, ...args]
  execFileSync(file!, rest, { stdio: 'pipe' })
}

export class ThrowawayPostgres {
  readonly dataDir: string
  readonly socketDir: string
  private server: ChildProcess | null = null
  private readonly bin = findBinDir()

  constructor(readonly port: number) {
    const base = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-throwaway-'))
    fs.chmodSync(base, 0o777)
    this.dataDir = path.join(base, 'data')
    this.socketDir = path.join(base, 'socket')
    fs.mkdirSync(this.socketDir, { mode: 0o777 })
    fs.chmodSync(this.socketDir, 0o777)
    run(path.join(this.bin, 'initdb'), ['-D', this.dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8'])
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`
  }

  async start(): Promise<void> {
    const [file, ...rest] = [
      ...asPostgres,
      path.join(this.bin, 'postgres'),
      '-D', this.dataDir,
      '-p', String(this.port),
      '-k', this.socketDir,
      '-c', 'listen_addresses=127.0.0.1',
      '-c', 'fsync=off',
    ]
    this.server = spawn(file!, rest, { stdio: 'ignore' })
    const deadline = Date.now() + 20_000
    while (Date.now() < deadline) {
      try {
        execFileSync(path.join(this.bin, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(this.port)], { stdio: 'pipe' })
        return
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 200))
      }
    }
    throw new Error(`throwaway PostgreSQL on port ${this.port} did not start`)
  }

  /** Fast shutdown: connections are cut, like a database restarting at night. */
  async stop(): Promise<void> {
    run(path.join(this.bin, 'pg_ctl'), ['stop', '-D', this.dataDir, '-m', 'fast', '-w'])
    this.server = null
  }

  async destroy(): Promise<void> {
    if (this.server) await this.stop().catch(() => this.server?.kill('SIGKILL'))
    fs.rmSync(path.dirname(this.dataDir), { recursive: true, force: true })
  }
}
