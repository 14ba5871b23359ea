// The worker behind render-in-worker.server.ts: loads the comment renderer
// (TypeScript, through tsx) once, then renders one comment per message and
// says how long it took. Plain JavaScript because Node starts it directly.
import { parentPort } from 'node:worker_threads'
import { tsImport } from 'tsx/esm/api'

const { renderCommentBody } = await tsImport(new URL('./render-comment.ts', import.meta.url).href, import.meta.url)

// The first renders in a fresh thread run cold code and take several times
// longer; they happen here, before the worker says it is ready, so that the
// time budget measures rendering, not warming up.
for (let round = 0; round < 3; round++) {
  renderCommentBody('预热 **文字** 与 $x^2 + \\frac{a}{b}$：\n\n$$\n\\sum_{i=1}^n \\sqrt{x_i} \\xrightarrow{f} \\begin{cases} 1 & a \\\\ 0 & b \\end{cases}\n$$\n\n> 引用\n\n- 列表', { macros: {}, labels: {} })
}

parentPort.on('message', ({ id, markdown, context }) => {
  const started = performance.now()
  let result
  try {
    result = renderCommentBody(markdown, context)
  } catch (error) {
    result = { ok: false, error: 'crash', detail: String(error?.stack ?? error) }
  }
  parentPort.postMessage({ id, result, ms: performance.now() - started })
})
parentPort.postMessage({ ready: true })
