import type { Page } from '@playwright/test'

/**
 * Collects the Content-Security-Policy violations a page reports, from the DOM
 * event and from the console, from the next navigation on. Call before
 * `page.goto`. (e2e/security-headers.spec.ts has its own copy of this, from
 * before it was shared.)
 */
export async function watchCspViolations(page: Page): Promise<string[]> {
  const violations: string[] = []
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text())
  })
  await page.exposeFunction('__reportCspViolation', (text: string) => violations.push(text))
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      ;(window as unknown as { __reportCspViolation: (t: string) => void }).__reportCspViolation(`${event.violatedDirective}: ${event.blockedURI}`)
    })
  })
  return violations
}
