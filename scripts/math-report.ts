import path from 'node:path'
import { launchChromium } from '@/bench/lib/browser'
import { runFidelity, VIEWPORTS } from '@/tests/math/fidelity/run-fidelity'

// `npm run math:report`: the fidelity check of the test suite on its own, with a
// table of what differs and a report to open (needs a build: npm run build).
const browser = await launchChromium()
try {
  const run = await runFidelity(browser, { reportDir: path.resolve('math-report') })
  const bad = run.mismatches
  console.log(`\n${run.formulas} formulas × ${VIEWPORTS.length} widths: ${run.results.length - bad.length} agree with KaTeX, ${bad.length} differ.`)
  console.log(`Largest glyph offset from KaTeX's own layout: ${run.largestMarkDelta.toFixed(3)} px.`)
  if (bad.length > 0) {
    console.log('\n| viewport | formula | difference |\n| --- | --- | --- |')
    for (const mismatch of bad) {
      console.log(`| ${mismatch.viewport} | ${mismatch.id} | ${mismatch.differences.map((d) => `${d.what}: ${d.ours} / ${d.reference}`).join('; ')} |`)
    }
  }
  console.log(`\nReport: ${path.join(run.reportDir, 'index.html')}`)
  process.exitCode = bad.length > 0 ? 1 : 0
} finally {
  await browser.close()
}
