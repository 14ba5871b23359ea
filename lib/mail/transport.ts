import 'server-only'
import fs from 'node:fs/promises'
import path from 'node:path'
import nodemailer from 'nodemailer'
import { logger } from '@/lib/log/logger'

/**
 * Where messages go: the SMTP server of SMTP_URL, or, without one, .eml files
 * under `<DATA_DIR>/outbox/` so `npm start` needs no mail server and a
 * developer can still open the verification link (one log line names the file
 * and the link).
 */

export interface OutgoingMail {
  id: number
  from: string
  to: string
  subject: string
  text: string
  html: string
  headers: Record<string, string>
  link: string | null
}

export interface MailSender {
  /** Resolves once the server accepted the message (or the file is written); rejects otherwise. */
  send(mail: OutgoingMail): Promise<void>
  close(): void
}

export type MailTarget = { kind: 'smtp'; url: string } | { kind: 'folder'; dir: string }

function message(mail: OutgoingMail) {
  return {
    from: mail.from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    headers: mail.headers,
    // Stable across retries, so a receiving server may recognise a duplicate after a crash mid-send.
    messageId: `<outbox-${mail.id}@${mail.from.replace(/^.*@/, '').replace(/>$/, '')}>`,
  }
}

export function createMailSender(target: MailTarget): MailSender {
  if (target.kind === 'smtp') {
    const transport = nodemailer.createTransport({
      url: target.url,
      // Fail an attempt within seconds instead of hanging the loop; the outbox retries it.
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    })
    return {
      async send(mail) {
        await transport.sendMail(message(mail))
      },
      close: () => transport.close(),
    }
  }
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' })
  return {
    async send(mail) {
      const info = await transport.sendMail(message(mail))
      await fs.mkdir(target.dir, { recursive: true })
      const file = path.join(target.dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${mail.id}.eml`)
      await fs.writeFile(file, info.message as Buffer)
      logger.info('mail written to the outbox folder (no SMTP_URL)', { to: mail.to, file: path.resolve(file), link: mail.link })
    },
    close: () => transport.close(),
  }
}

/**
 * Whether a failed attempt is worth repeating. An SMTP 5xx answer (no such
 * mailbox, refused sender) will not change by itself; a refused connection,
 * a timeout or a 4xx (greylisting, a full queue) may.
 */
export function isPermanentFailure(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false
  const responseCode = (error as { responseCode?: unknown }).responseCode
  if (typeof responseCode === 'number') return responseCode >= 500 && responseCode < 600
  return (error as { code?: unknown }).code === 'EENVELOPE'
}
