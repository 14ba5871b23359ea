// The worker behind render-in-worker.server.ts: loads the comment renderer
// (TypeScript, through tsx) once, then renders one comment per message and
// says how long it took. Plain JavaScript because Node starts it directly.
import { parentPort } from 'node:worker_threads'
import { tsImport } from 'tsx/esm/api'

const { renderCommentBody } = await tsImport(new URL('./render-comment.ts', import.meta.url).href, import.meta.url)

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
