import { performance } from 'node:perf_hooks'
import { describe, expect, it } from 'vitest'
import { renderCommentInWorker } from '@/lib/comments/render-in-worker.server'
import { hostileComments } from '@/tests/support/hostile-math'
import { expectInert } from '@/tests/support/inert-html'

// One render's CPU budget (lib/comments/render-in-worker.server.ts). Were the
// render done in this process, a single bomb would spend that much here.
const MAIN_CPU_MS = 250
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
    // CPU time, not pauses, decides: on a busy machine the scheduler alone
    // pauses the loop for 200 ms and more, while this process's CPU time is
    // what a render on the main thread would add to. The pauses are printed.
    const idle = await longestPause(() => new Promise((resolve) => setTimeout(resolve, 1000)))
    const cpuBefore = process.cpuUsage()
    const wallBefore = performance.now()
    const rendering = await longestPause(async () => {
      for (let start = 0; start < hostileComments.length; start += 10) {
        await Promise.all(hostileComments.slice(start, start + 10).map((item) => renderCommentInWorker(item.body, context)))
      }
    })
    const cpu = process.cpuUsage(cpuBefore)
    const mainCpuMs = (cpu.user + cpu.system) / 1000
    const wallMs = performance.now() - wallBefore
    console.log(
      `event loop: longest pause ${Math.round(idle)} ms idle, ${Math.round(rendering)} ms while ${hostileComments.length} hostile comments render; ` +
        `this process's CPU ${Math.round(mainCpuMs)} ms in ${Math.round(wallMs)} ms`,
    )
    // The render itself happens elsewhere: this process only sends and receives.
    expect(mainCpuMs).toBeLessThan(MAIN_CPU_MS)
  })

  it('refuses what a line scan can refuse at once, and renders an ordinary comment', async () => {
    expect(await renderCommentInWorker(`${'> '.repeat(2400)}x`, context)).toEqual({ ok: false, error: '引用或列表最多嵌套 8 层' })
    const ordinary = await renderCommentInWorker('同意，$\\R^n$ 上的范数 $\\norm{x}$ 都等价。', context)
    expect(ordinary).toMatchObject({ ok: true, text: '同意，$\\R^n$ 上的范数 $\\norm{x}$ 都等价。' })
  })
})
