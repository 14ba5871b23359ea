import 'server-only'
import os from 'node:os'
import path from 'node:path'
import { Worker } from 'node:worker_threads'
import { logger as log } from '@/lib/log/logger'
import { FORMULA_TOO_COMPLEX } from './comment-tex-limits'
import type { CommentRenderContext, RenderedComment } from './render-comment'

/**
 * Comments render off the event loop, in worker threads, each render with a
 * time budget: a comment that takes longer is refused and its worker
 * terminated, so no input can stall the server (requests, health checks and
 * other renders go on). Workers start on first use and stay warm; their start
 * does not count against the budget. Nothing here is shared between
 * instances or needs to be: a render depends only on its input.
 */

/** Longest a comment may take to render; measured in the worker, from receiving the comment. */
export const COMMENT_RENDER_BUDGET_MS = 250
/**
 * Renders waiting for a worker; beyond this the server is saturated and says so.
 * Members are rate-limited (a comment per 10 s, 60 previews a minute), so a
 * full queue means hundreds of members at once, not one member's bombs.
 */
const MAX_QUEUE = 512
const POOL_SIZE = Math.max(1, Math.min(2, os.availableParallelism() - 1))
const BUSY_MESSAGE = '服务器繁忙，暂时无法预览或发表公式，请稍后再试'

const workerFile = path.join(/*turbopackIgnore: true*/ process.cwd(), 'lib', 'comments', 'render-worker.mjs')

interface Job {
  markdown: string
  context: CommentRenderContext
  resolve: (result: RenderedComment) => void
}

interface Slot {
  worker: Worker
  ready: boolean
  job: { id: number; job: Job; timer: NodeJS.Timeout } | null
}

let nextId = 1
const slots: Slot[] = []
const queue: Job[] = []

function spawn(): Slot {
  const slot: Slot = { worker: new Worker(/*turbopackIgnore: true*/ workerFile), ready: false, job: null }
  slot.worker.unref()
  slot.worker.on('message', (message: { ready?: boolean; id?: number; result?: RenderedComment & { detail?: string }; ms?: number }) => {
    if (message.ready) {
      slot.ready = true
      dispatch()
      return
    }
    const running = slot.job
    if (!running || running.id !== message.id || !message.result) return
    clearTimeout(running.timer)
    slot.job = null
    const result = message.result
    if (!result.ok && result.error === 'crash') {
      log.error('Comment renderer failed', { detail: result.detail })
      running.job.resolve({ ok: false, error: FORMULA_TOO_COMPLEX })
    } else if ((message.ms ?? 0) > COMMENT_RENDER_BUDGET_MS) {
      running.job.resolve({ ok: false, error: FORMULA_TOO_COMPLEX })
    } else {
      running.job.resolve(result)
    }
    dispatch()
  })
  const replace = (reason: string) => {
    const index = slots.indexOf(slot)
    if (index === -1) return
    slots.splice(index, 1)
    if (slot.job) {
      clearTimeout(slot.job.timer)
      slot.job.job.resolve({ ok: false, error: FORMULA_TOO_COMPLEX })
      slot.job = null
    }
    if (reason !== 'budget') log.warn('Comment render worker stopped; starting another', { reason })
    dispatch()
  }
  slot.worker.on('error', (error) => replace(String(error)))
  slot.worker.on('exit', (code) => replace(`exit ${code}`))
  slots.push(slot)
  return slot
}

function dispatch() {
  while (queue.length > 0) {
    let slot = slots.find((s) => s.ready && !s.job)
    if (!slot) {
      if (slots.length < POOL_SIZE) spawn()
      return
    }
    const job = queue.shift()!
    const id = nextId++
    const timer = setTimeout(() => {
      // Over budget: the render is abandoned with its thread.
      const running = slot!.job
      slot!.job = null
      const index = slots.indexOf(slot!)
      if (index !== -1) slots.splice(index, 1)
      void slot!.worker.terminate()
      running?.job.resolve({ ok: false, error: FORMULA_TOO_COMPLEX })
      dispatch()
    }, COMMENT_RENDER_BUDGET_MS + 50)
    slot.job = { id, job, timer }
    slot.worker.postMessage({ id, markdown: job.markdown, context: job.context })
  }
}

/** Renders a comment within the time budget; over it, or with the server saturated, the comment is refused with a message. */
export function renderCommentInWorker(markdown: string, context: CommentRenderContext): Promise<RenderedComment> {
  if (queue.length >= MAX_QUEUE) return Promise.resolve({ ok: false, error: BUSY_MESSAGE })
  return new Promise((resolve) => {
    queue.push({ markdown, context, resolve })
    dispatch()
  })
}
