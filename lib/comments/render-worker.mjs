// The process behind render-in-worker.server.ts: loads the comment renderer
// (TypeScript, through tsx) once, then renders one comment per message and
// says how long it took. Plain JavaScript because Node starts it directly.
import { tsImport } from 'tsx/esm/api'

const { renderCommentBody } = await tsImport(new URL('./render-comment.ts', import.meta.url).href, import.meta.url)

// The first renders in a fresh process run cold code and take several times
// longer; they happen here, before the worker says it is ready, so that the
// time budget measures rendering, not warming up.
for (let round = 0; round < 3; round++) {
  renderCommentBody('预热 **文字** 与 $x^2 + \\frac{a}{b}$：\n\n$$\n\\sum_{i=1}^n \\sqrt{x_i} \\xrightarrow{f} \\begin{cases} 1 & a \\\\ 0 & b \\end{cases}\n$$\n\n> 引用\n\n- 列表', { macros: {}, labels: {} })
}

process.on('message', ({ id, markdown, context }) => {
  // CPU time, not wall time: the worker runs at low priority, and a busy machine
  // must not turn an ordinary comment into a refused one.
  const started = process.cpuUsage()
  let result
  try {
    result = renderCommentBody(markdown, context)
  } catch (error) {
    result = { ok: false, error: 'crash', detail: String(error?.stack ?? error) }
  }
  const used = process.cpuUsage(started)
  process.send({ id, result, cpuMs: (used.user + used.system) / 1000 })
})
// Without the server there is nothing to render for.
process.on('disconnect', () => process.exit(0))
process.send({ ready: true })
