import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '@/db/connection'
import { DataDirectoryInUseError } from '@/db/pglite-lock'

describe('PGlite data directory lock', () => {
  it('refuses a second process opening the same directory, with a clear message', async () => {
    const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'blog-lock-')), 'pglite')
    // The first process holds the directory open until we stop it.
    const holder = spawn(
      process.execPath,
      ['--import', 'tsx', '--conditions=react-server', 'tests/support/hold-pglite.ts', dataDir],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    )
    await new Promise<void>((resolve, reject) => {
      holder.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve())
      holder.on('exit', (code) => reject(new Error(`holder exited with ${code}`)))
    })
    try {
      let caught: unknown
      try {
        openDatabase({ kind: 'pglite', dataDir })
      } catch (error) {
        caught = error
      }
      expect(caught).toBeInstanceOf(DataDirectoryInUseError)
      expect((caught as Error).message).toContain(`in use by another process (PID ${holder.pid})`)
    } finally {
      holder.kill('SIGKILL')
      await new Promise((resolve) => holder.on('exit', resolve))
    }

    // The holder died without cleaning up: its stale lock must not block us forever.
    const handle = openDatabase({ kind: 'pglite', dataDir })
    expect(await handle.query<{ n: number }>('select 1 as n')).toEqual([{ n: 1 }])
    await handle.close()
    fs.rmSync(path.dirname(dataDir), { recursive: true, force: true })
  })
})
