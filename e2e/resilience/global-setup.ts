import { execFileSync } from 'node:child_process'

export default function globalSetup() {
  execFileSync(process.execPath, ['--import', 'tsx', '--conditions=react-server', 'e2e/support/ensure-build.ts'], { stdio: 'inherit' })
}
