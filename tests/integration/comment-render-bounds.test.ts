import { performance } from 'node:perf_hooks'
import { describe, expect, it } from 'vitest'
import { renderCommentInWorker } from '@/lib/comments/render-in-worker.server'
import { hostileComments } from '@/tests/support/hostile-math'
import { expectInert } from '@/tests/support/inert-html'

const context = { macros: { '\\R': '\\mathbb{R}', '\\norm': '\\left\\Vert #1\\right\\Vert' }, labels: {} }

/** The longest pause of this process's event loop while `work` runs, sampled every 5 ms. */
async function longestPause(work: () => Promise<unknown>): Promise<number> {
  let longest = 0
  let last = performance.now()
  const timer = setInterval(() => {
    const now = performance.now()
    longest = Math.max(longest, now - last)
    last = now
  }, 5)
  try {
    await work()
  } finally {
    clearInterval(timer)
  }
  return longest
}

describe('comments render in a worker, within their budget or not at all', () => {
  it.each(hostileComments.map((item) => [item.name, item.body] as const))('%s: refused, or rendered under 100 KB with nothing active', async (_, body) => {
    const result = await renderCommentInWorker(body, context)
    if (!result.ok) {
      expect(result.error).toMatch(/\S/)
      return
    }
    expect(Buffer.byteLength(result.html)).toBeLessThanOrEqual(100_000)
    expectInert(result.html)
  })

  it('keeps the server’s event loop free while ten hostile comments render at once', async () => {
    await renderCommentInWorker('先让工作进程启动 $x$', context)
    // How busy the main thread's loop is, not how long its pauses last: on a loaded
    // machine the process waits for a core whatever it does, so pauses grow while
    // the loop stays idle. Rendering on the main thread would keep it busy nearly
    // all the time (utilization near 1).
    const before = performance.eventLoopUtilization()
    const rendering = await longestPause(async () => {
      for (let start = 0; start < hostileComments.length; start += 10) {
        await Promise.all(hostileComments.slice(start, start + 10).map((item) => renderCommentInWorker(item.body, context)))
      }
    })
    const busy = performance.eventLoopUtilization(before).utilization
    console.log(`event loop while hostile comments render: ${Math.round(busy * 100)}% busy, longest pause ${Math.round(rendering)} ms`)
    expect(busy).toBeLessThan(0.5)
  })

  it('refuses what a line scan can refuse at once, and renders an ordinary comment', async () => {
    expect(await renderCommentInWorker(`${'> '.repeat(2400)}x`, context)).toEqual({ ok: false, error: '引用或列表最多嵌套 8 层' })
    const ordinary = await renderCommentInWorker('同意，$\\R^n$ 上的范数 $\\norm{x}$ 都等价。', context)
    expect(ordinary).toMatchObject({ ok: true, text: '同意，$\\R^n$ 上的范数 $\\norm{x}$ 都等价。' })
  })
})
