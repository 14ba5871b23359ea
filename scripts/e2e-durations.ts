import fs from 'node:fs'

/**
 * Reads Playwright JSON reports and prints where the time goes: per spec file,
 * and the slowest tests with the share of their timeout they used. This is how
 * the timeouts in playwright.config.ts were set (see the comment there):
 *
 *   PLAYWRIGHT_JSON_OUTPUT_NAME=idle.json npx playwright test --reporter=list,json
 *   (node -e 'for(;;){}' & node -e 'for(;;){}' & PLAYWRIGHT_JSON_OUTPUT_NAME=loaded.json npx playwright test --reporter=list,json; kill %1 %2)
 *   npx tsx scripts/e2e-durations.ts idle.json loaded.json
 */

interface Result {
  duration: number
  status: string
}
interface Spec {
  title: string
  file: string
  line: number
  tests: { timeout: number; projectName: string; results: Result[] }[]
}
interface Suite {
  specs?: Spec[]
  suites?: Suite[]
}

interface Row {
  id: string
  title: string
  seconds: number
  timeout: number
  status: string
}

function rows(file: string): Row[] {
  const report = JSON.parse(fs.readFileSync(file, 'utf8')) as { suites: Suite[] }
  const out: Row[] = []
  const walk = (suite: Suite) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests) {
        for (const result of test.results) {
          out.push({ id: `${spec.file}:${spec.line}`, title: spec.title, seconds: result.duration / 1000, timeout: test.timeout / 1000, status: result.status })
        }
      }
    }
    for (const child of suite.suites ?? []) walk(child)
  }
  for (const suite of report.suites) walk(suite)
  return out
}

const files = process.argv.slice(2)
if (files.length === 0) {
  console.error('usage: tsx scripts/e2e-durations.ts <report.json> [<report.json> …]')
  process.exit(2)
}

for (const file of files) {
  const all = rows(file)
  const total = all.reduce((sum, row) => sum + row.seconds, 0)
  console.log(`\n${file}: ${all.length} results, ${Math.round(total)} s of test time`)
  const bySpec = new Map<string, number>()
  for (const row of all) {
    const spec = row.id.split(':')[0]!
    bySpec.set(spec, (bySpec.get(spec) ?? 0) + row.seconds)
  }
  console.log('  slowest spec files:')
  for (const [spec, seconds] of [...bySpec].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`    ${seconds.toFixed(1).padStart(7)} s  ${spec}`)
  console.log('  slowest tests (duration / timeout):')
  for (const row of [...all].sort((a, b) => b.seconds - a.seconds).slice(0, 15)) {
    console.log(`    ${row.seconds.toFixed(1).padStart(7)} s / ${String(row.timeout).padStart(4)} s  ${row.status.padEnd(8)} ${row.id}  ${row.title.slice(0, 70)}`)
  }
  const tight = all.filter((row) => row.timeout > 0 && row.seconds > row.timeout / 3)
  console.log(`  tests that used more than a third of their timeout: ${tight.length}`)
  for (const row of tight) console.log(`    ${row.seconds.toFixed(1)} s of ${row.timeout} s  ${row.id}  ${row.title.slice(0, 70)}`)
}
