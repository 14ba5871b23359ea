/**
 * The worker process behind render-in-worker.server.ts, bundled into one file
 * when the server starts: it renders one comment per message and reports the
 * CPU time it took. No 'server-only' here: it runs outside Next.js.
 */
import { renderCommentBody, type CommentRenderContext, type RenderedComment } from './render-comment'

export type WorkerRequest = { id: number; markdown: string; context: CommentRenderContext }
export type WorkerReply = { ready: true } | { id: number; result: RenderedComment | { ok: false; error: 'crash'; detail: string }; cpuMs: number }

const send = (message: WorkerReply) => process.send?.(message)

// The first renders in a fresh process run cold code and take several times
// longer; they happen here, before the worker says it is ready, so that the
// budget measures rendering, not warming up.
for (let round = 0; round < 3; round++) {
  renderCommentBody('预热 **文字** 与 $x^2 + \\frac{a}{b}$：\n\n$$\n\\sum_{i=1}^n \\sqrt{x_i} \\xrightarrow{f} \\begin{cases} 1 & a \\\\ 0 & b \\end{cases}\n$$\n\n> 引用\n\n- 列表', { macros: {}, labels: {} })
}

process.on('message', ({ id, markdown, context }: WorkerRequest) => {
  // CPU time, not wall time: the worker runs at low priority, and a busy machine
  // must not turn an ordinary comment into a refused one.
  const started = process.cpuUsage()
  let result: Extract<WorkerReply, { id: number }>['result']
  try {
    result = renderCommentBody(markdown, context)
  } catch (error) {
    result = { ok: false, error: 'crash', detail: String((error as Error)?.stack ?? error) }
  }
  const used = process.cpuUsage(started)
  send({ id, result, cpuMs: (used.user + used.system) / 1000 })
})
// Without the server there is nothing to render for.
process.on('disconnect', () => process.exit(0))
send({ ready: true })
