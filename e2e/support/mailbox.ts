import http from 'node:http'
import { expect } from '@playwright/test'
import { SmtpCatcher, type CaughtMail } from '@/tests/support/smtp-catcher'

/**
 * The e2e server's mail: e2e/support/serve.ts starts a real SMTP server (the
 * test catcher, tests/support/smtp-catcher.ts) at E2E_PORT + 25 and hands the
 * site SMTP_URL pointing at it; what it receives is readable as JSON at
 * E2E_PORT + 26, so specs in other processes can wait for a message.
 */

const e2ePort = Number(process.env.E2E_PORT ?? 3100)
export const mailPorts = { smtp: e2ePort + 25, http: e2ePort + 26 } as const

export type ReceivedMail = Omit<CaughtMail, 'raw'>

/** Serves `catcher.messages` as JSON: GET /messages. */
export function serveMailbox(catcher: SmtpCatcher, port: number): Promise<http.Server> {
  const server = http.createServer((_request, response) => {
    const messages: ReceivedMail[] = catcher.messages.map(({ raw: _raw, ...message }) => message)
    response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' })
    response.end(JSON.stringify(messages))
  })
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)))
}

export async function receivedMail(origin = `http://127.0.0.1:${mailPorts.http}`): Promise<ReceivedMail[]> {
  const response = await fetch(`${origin}/messages`)
  return (await response.json()) as ReceivedMail[]
}

/** Messages to `address` (ignoring case), oldest first. */
export async function mailTo(address: string, origin?: string): Promise<ReceivedMail[]> {
  return (await receivedMail(origin)).filter((mail) => mail.envelopeTo.some((to) => to.toLowerCase() === address.toLowerCase()))
}

/** Waits until `address` has received a message whose subject matches, and returns the newest such. */
export async function waitForMail(address: string, subject: string | RegExp, options: { count?: number; origin?: string } = {}): Promise<ReceivedMail> {
  const count = options.count ?? 1
  const matching = async () =>
    (await mailTo(address, options.origin)).filter((mail) => (typeof subject === 'string' ? mail.subject === subject : subject.test(mail.subject)))
  await expect.poll(async () => (await matching()).length, { timeout: 20_000, message: `mail to ${address}: ${String(subject)}` }).toBeGreaterThanOrEqual(count)
  return (await matching()).at(-1)!
}

/** The first link in a message's text part that starts with `prefix`, as a path on the site. */
export function sitePathIn(mail: Pick<ReceivedMail, 'text'>, prefix: string): string {
  const found = new RegExp(`https?://[^/\\s]+${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\S*`).exec(mail.text)
  if (!found) throw new Error(`no link to ${prefix} in:\n${mail.text}`)
  const url = new URL(found[0])
  return `${url.pathname}${url.search}${url.hash}`
}
