const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** "29 Nov": the day large, the month small, as the archive of a research blog shows it. */
export function DateBadge({ date }: { date: string }) {
  const [year, month, day] = date.split('-')
  return (
    <time className="date-badge" dateTime={date}>
      <span className="visually-hidden">{`${year}年${Number(month)}月${Number(day)}日`}</span>
      <span className="date-badge__day" aria-hidden="true">
        {Number(day)}
      </span>
      <span className="date-badge__month" aria-hidden="true">
        {MONTHS[Number(month) - 1]}
      </span>
    </time>
  )
}
