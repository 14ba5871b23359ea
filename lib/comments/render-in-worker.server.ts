import 'server-only'
import { fork, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { build } from 'esbuild'
import { logger as log } from '@/lib/log/logger'
import { FORMULA_TOO_COMPLEX, refuseCommentMarkdown } from './comment-tex-limits'
import type { CommentRenderContext, RenderedComment } from './render-comment'
import type { WorkerReply } from './render-worker'

/**
 * Comments render outside the server's process, in worker processes of lower
 * CPU priority, each render with a budget: a comment that needs more than
 * 250 ms of CPU is refused, and a worker that has not answered after a few
 * seconds is killed with its render. So no input can stall the server: its
 * event loop never runs a render, and on a busy machine the operating system
 * gives the server the CPU first (threads would compete with it as equals;
 * with them, health checks waited 180 ms while ten hostile comments rendered,
 * with processes 17 ms). Workers start on first use and stay warm; their start
 * does not count against the budget. Nothing here is shared between instances
 * or needs to be: a render depends only on its input.
 */

/** CPU time a comment may take to render, measured in the worker. */
export const COMMENT_RENDER_BUDGET_MS = 250
/**
 * Wall time after which a worker that has not answered is killed: a render far
 * over its CPU budget, however busy the machine (a 20 ms render at this
 * priority beside two busy cores still answers in well under a second).
 */
const HARD_LIMIT_MS = 3000
/**
 * Renders waiting for a worker; beyond this the server is saturated and says so.
 * Members are rate-limited (a comment per 10 s, 60 previews a minute), so a
 * full queue means hundreds of members at once, not one member's bombs.
 */
const MAX_QUEUE = 512
// Two at least: while one replaces a worker stopped over budget (loading and
// warming up takes a second or two), the other keeps rendering.
const POOL_SIZE = Math.max(2, Math.min(4, os.availableParallelism() - 1))
const BUSY_MESSAGE = '服务器繁忙，暂时无法预览或发表公式，请稍后再试'
// Lower than the server (0), not the lowest (19): at 19 a busy machine starves
// renders until ordinary comments hit the hard limit.
const WORKER_PRIORITY = 10

const workerSource = path.join(/*turbopackIgnore: true*/ process.cwd(), 'lib', 'comments', 'render-worker.ts')
// Inside the project, so that the bundle resolves KaTeX's stylesheet from node_modules.
const workerBundle = path.join(/*turbopackIgnore: true*/ process.cwd(), 'node_modules', '.cache', 'gewuzhi', 'comment-render-worker.mjs')

let bundled: Promise<string> | undefined

/**
 * The worker as one JavaScript file, built from its source once per server
 * process: a worker then starts in ~0.2 s instead of ~2.5 s of loading
 * hundreds of modules. Written under a temporary name and renamed, so two
 * servers starting together never load a half-written file.
 */
function workerFile(): Promise<string> {
  bundled ??= (async () => {
    const temporary = `${workerBundle}.${process.pid}.tmp`
    fs.mkdirSync(path.dirname(workerBundle), { recursive: true })
    await build({ entryPoints: [workerSource], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile: temporary, logLevel: 'silent' })
    fs.renameSync(temporary, workerBundle)
    return workerBundle
  })()
  return bundled
}

interface Job {
  markdown: string
  context: CommentRenderContext
  resolve: (result: RenderedComment) => void
}

interface Slot {
  child: ChildProcess | null
  ready: boolean
  running: { id: number; job: Job; timer: NodeJS.Timeout } | null
}


let nextId = 1
const slots: Slot[] = []
const queue: Job[] = []

function retire(slot: Slot, reason: string) {
  const index = slots.indexOf(slot)
  if (index === -1) return
  slots.splice(index, 1)
  if (slot.running) {
    clearTimeout(slot.running.timer)
    slot.running.job.resolve({ ok: false, error: FORMULA_TOO_COMPLEX })
    slot.running = null
  }
  if (slot.child && !slot.child.killed) slot.child.kill('SIGKILL')
  if (reason !== 'over budget') log.warn('Comment render worker stopped; starting another', { reason })
  dispatch()
}

function lowerPriority(child: ChildProcess) {
  try {
    if (child.pid !== undefined) os.setPriority(child.pid, WORKER_PRIORITY)
  } catch {
    // Not permitted on this system: the worker still renders, at normal priority.
  }
}

/**
 * Workers started with the server load at normal priority (nobody waits on the
 * server yet) and drop to the render priority once ready; a worker replacing one
 * that was killed, which a member can cause, loads at the render priority.
 */
function spawn(options: { atStartup?: boolean } = {}): Slot {
  const slot: Slot = { child: null, ready: false, running: null }
  slots.push(slot)
  workerFile().then(
    (file) => {
      if (!slots.includes(slot)) return
      // Plain Node for the worker: no inspector or loader flags inherited from the server.
      const child = fork(/*turbopackIgnore: true*/ file, [], { execArgv: [], serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
      slot.child = child
      if (!options.atStartup) lowerPriority(child)
      // The server may exit while a worker lives: never keep it alive for one.
      child.unref()
      holdWhileBusy()
      child.on('message', (message: WorkerReply) => {
        if ('ready' in message) {
          slot.ready = true
          if (options.atStartup) lowerPriority(child)
          dispatch()
          return
        }
        const running = slot.running
        if (!running || running.id !== message.id) return
        clearTimeout(running.timer)
        slot.running = null
        const result = message.result
        if (!result.ok && result.error === 'crash') {
          log.error('Comment renderer failed', { detail: 'detail' in result ? result.detail : '' })
          running.job.resolve({ ok: false, error: FORMULA_TOO_COMPLEX })
        } else if (message.cpuMs > COMMENT_RENDER_BUDGET_MS) {
          running.job.resolve({ ok: false, error: FORMULA_TOO_COMPLEX })
        } else {
          running.job.resolve(result as RenderedComment)
        }
        dispatch()
      })
      child.on('error', (error) => retire(slot, String(error)))
      child.on('exit', (code, signal) => retire(slot, `exit ${code ?? signal}`))
    },
    (error: unknown) => {
      log.error('Comment render worker could not be built', { error: String(error) })
      // Nothing can render: refuse what waits rather than leave it waiting.
      const index = slots.indexOf(slot)
      if (index !== -1) slots.splice(index, 1)
      for (const job of queue.splice(0)) job.resolve({ ok: false, error: BUSY_MESSAGE })
      bundled = undefined
    },
  )
  return slot
}

/** A worker keeps the server's process alive only while a render waits on it. */
function holdWhileBusy() {
  for (const slot of slots) {
    if (slot.running || (queue.length > 0 && !slot.ready)) slot.child?.channel?.ref()
    else slot.child?.channel?.unref()
  }
}

function dispatch() {
  assign()
  holdWhileBusy()
}

function assign() {
  while (queue.length > 0) {
    const slot = slots.find((s) => s.ready && !s.running)
    if (!slot) {
      if (slots.length < POOL_SIZE) spawn()
      return
    }
    const job = queue.shift()!
    const id = nextId++
    // No answer in time: the render is abandoned with its worker.
    const timer = setTimeout(() => retire(slot, 'over budget'), HARD_LIMIT_MS)
    slot.running = { id, job, timer }
    slot.child!.send({ id, markdown: job.markdown, context: job.context })
  }
}

/** Starts the workers before the first comment needs them (called once when the server starts). */
export function startCommentRenderers(): void {
  while (slots.length < POOL_SIZE) spawn({ atStartup: true })
  holdWhileBusy()
}

/** Renders a comment within the time budget; over it, or with the server saturated, the comment is refused with a message. */
export function renderCommentInWorker(markdown: string, context: CommentRenderContext): Promise<RenderedComment> {
  // What a line scan can refuse is refused here, without waiting for a worker.
  const refusal = refuseCommentMarkdown(markdown)
  if (refusal) return Promise.resolve({ ok: false, error: refusal })
  if (queue.length >= MAX_QUEUE) return Promise.resolve({ ok: false, error: BUSY_MESSAGE })
  return new Promise((resolve) => {
    queue.push({ markdown, context, resolve })
    dispatch()
  })
}
