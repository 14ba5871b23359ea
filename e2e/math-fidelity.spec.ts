import path from 'node:path'
import { expect, test } from '@playwright/test'
import { runFidelity, VIEWPORTS } from '@/tests/math/fidelity/run-fidelity'

// Every formula of every article and of tests/math/torture.ts, as shipped, against
// KaTeX's own rendering, at a desktop and a phone width (tests/math/fidelity/):
// one test per width, so the suite's two workers share the longest check.
// The report each writes (test-results/math-fidelity/<width>/index.html) shows
// any formula next to its reference; `npm run math:report` writes both widths in
// one report without the suite.
for (const viewport of VIEWPORTS) {
  test(`every formula is laid out as KaTeX lays it out, ${viewport.name} (${viewport.width} px)`, async ({ browser }) => {
    test.setTimeout(15 * 60_000)
    const run = await runFidelity(browser, { reportDir: path.resolve('test-results/math-fidelity', viewport.name), viewports: [viewport] })
    console.log(
      `math fidelity at ${viewport.width} px: ${run.formulas} formulas, ${run.mismatches.length} mismatches, ` +
        `largest glyph offset ${run.largestMarkDelta.toFixed(2)} px; report: ${path.relative(process.cwd(), run.reportDir)}/index.html`,
    )
    const listed = run.mismatches.slice(0, 40).map((m) => `${m.viewport} ${m.id}: ${m.differences.map((d) => `${d.what} (${d.ours} / ${d.reference})`).join('; ')}`)
    expect(listed, 'formulas that differ from KaTeX').toEqual([])
    expect(run.formulas).toBeGreaterThan(1500)
    expect(run.results).toHaveLength(run.formulas)
  })
}

// The check must be able to fail: with two classic site-CSS mistakes (border-box
// sizing and SVGs shrunk to fit, both once in app/globals.css) it finds formulas
// that differ, and says which.
test('the fidelity check catches a stylesheet that breaks formulas', async ({ browser }) => {
  test.setTimeout(5 * 60_000)
  const broken = '.katex, .katex * { box-sizing: border-box !important } .katex svg { max-width: 1px !important }'
  const run = await runFidelity(browser, { reportDir: path.resolve('test-results/math-fidelity-control'), pages: ['torture'], extraCss: broken })
  const ids = new Set(run.mismatches.map((mismatch) => mismatch.id))
  expect(ids).toContain('torture#xrightarrow')
  expect(ids).toContain('torture#array-cjk-table')
  expect(ids).toContain('torture#sqrt')
})
