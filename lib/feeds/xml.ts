export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;')
}

/** CDATA cannot contain "]]>"; split it across two sections. */
export function cdata(text: string): string {
  return `<![CDATA[${text.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`
}

/** Articles carry a date only; feeds want an instant: noon China time on that day. */
export function publishedInstant(date: string): Date {
  return new Date(`${date}T12:00:00+08:00`)
}
