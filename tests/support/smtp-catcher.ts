import { simpleParser, type AddressObject } from 'mailparser'
import { SMTPServer } from 'smtp-server'

/**
 * A real SMTP server for tests (the `smtp-server` package), started by the
 * test harness: the application talks to it over TCP with nodemailer exactly
 * as it would to a provider. Every accepted message is parsed (mailparser) and
 * kept with its envelope, so tests assert on recipients, subjects, headers and
 * the links inside. It can be stopped and started again on the same port to
 * play an outage.
 */

export interface CaughtMail {
  /** RCPT TO addresses: who the server was actually asked to deliver to. */
  envelopeTo: string[]
  envelopeFrom: string
  to: string[]
  from: string
  subject: string
  text: string
  html: string
  /** Lower-case header names; each value as it was on the wire, unfolded, encoded words left as they are. */
  headers: Record<string, string>
  messageId: string
  raw: string
  receivedAt: number
}

function addresses(value: AddressObject | AddressObject[] | undefined): string[] {
  if (!value) return []
  return [value].flat().flatMap((group) => group.value.map((entry) => entry.address ?? ''))
}

export class SmtpCatcher {
  readonly messages: CaughtMail[] = []
  private server: SMTPServer | undefined
  port = 0
  /** Answer every RCPT TO with this code (e.g. 550 for a permanent refusal); undefined accepts. */
  refuseRecipientsWith: number | undefined

  async start(port = this.port): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      // Plain TCP on loopback: no certificate for nodemailer to distrust.
      disabledCommands: ['STARTTLS'],
      logger: false,
      banner: 'test catcher',
      onRcptTo: (address, _session, callback) => {
        if (this.refuseRecipientsWith === undefined) return callback()
        const error = Object.assign(new Error(`refused by the test catcher: ${address.address}`), { responseCode: this.refuseRecipientsWith })
        callback(error)
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = []
        stream.on('data', (chunk: Buffer) => chunks.push(chunk))
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8')
          simpleParser(raw)
            .then((parsed) => {
              const headers: Record<string, string> = {}
              for (const { key, line } of parsed.headerLines) headers[key.toLowerCase()] = line.slice(line.indexOf(':') + 1).replace(/\r?\n[ \t]+/g, ' ').trim()
              this.messages.push({
                envelopeTo: session.envelope.rcptTo.map((rcpt) => rcpt.address),
                envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
                to: addresses(parsed.to),
                from: addresses(parsed.from)[0] ?? '',
                subject: parsed.subject ?? '',
                text: parsed.text ?? '',
                html: typeof parsed.html === 'string' ? parsed.html : '',
                headers,
                messageId: parsed.messageId ?? '',
                raw,
                receivedAt: Date.now(),
              })
              callback()
            })
            .catch((error: Error) => callback(error))
        })
      },
    })
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(port, '127.0.0.1', () => resolve())
    })
    server.on('error', () => {})
    const address = server.server.address()
    this.port = typeof address === 'object' && address ? address.port : port
    this.server = server
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`
  }

  /** Stops listening and drops open connections: the next send attempt is refused. */
  async stop(): Promise<void> {
    const server = this.server
    this.server = undefined
    if (!server) return
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }

  to(address: string): CaughtMail[] {
    // Compared ignoring case: nodemailer lower-cases the domain part on the way.
    return this.messages.filter((message) => message.envelopeTo.some((to) => to.toLowerCase() === address.toLowerCase()))
  }
}

/** The first link in a message's text part that starts with `prefix`. */
export function linkIn(mail: Pick<CaughtMail, 'text'>, prefix: string): string {
  const escaped = prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const found = new RegExp(`${escaped}\\S*`).exec(mail.text)
  if (!found) throw new Error(`no link starting with ${prefix} in:\n${mail.text}`)
  return found[0]
}
