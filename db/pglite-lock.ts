import 'server-only'
import fs from 'node:fs'
import path from 'node:path'

/**
 * PGlite is one Postgres backend inside one process: two processes writing the
 * same data directory corrupt it. A lock file holding the owner's PID makes the
 * second process fail with a message instead.
 */

export class DataDirectoryInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly ownerPid: number,
  ) {
    super(
      `The embedded database at ${dataDir} is in use by another process (PID ${ownerPid}). ` +
        'Stop that process first, or set DATABASE_URL to share a PostgreSQL server between processes.',
    )
    this.name = 'DataDirectoryInUseError'
  }
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

export function acquireDataDirectoryLock(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true })
  const lockPath = path.join(dataDir, 'postmaster.lock.json')
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, JSON.stringify({ pid: process.pid }), { flag: 'wx' })
      let released = false
      const release = () => {
        if (released) return
        released = true
        process.removeListener('exit', release)
        try {
          fs.unlinkSync(lockPath)
        } catch {
          // Already gone: nothing to release.
        }
      }
      process.on('exit', release)
      return release
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const ownerPid = readOwnerPid(lockPath)
      if (ownerPid !== undefined && ownerPid !== process.pid && isProcessAlive(ownerPid)) {
        throw new DataDirectoryInUseError(dataDir, ownerPid)
      }
      // The owner crashed without cleaning up (or it is us, re-opening): take over.
      fs.rmSync(lockPath, { force: true })
    }
  }
  throw new Error(`Could not lock the embedded database at ${dataDir}`)
}

function readOwnerPid(lockPath: string): number | undefined {
  try {
    const { pid } = JSON.parse(fs.readFileSync(lockPath, 'utf8')) as { pid?: unknown }
    return typeof pid === 'number' ? pid : undefined
  } catch {
    return undefined
  }
}
