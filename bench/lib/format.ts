/** Prints rows as an aligned text table; benchmark output is meant to be read. */
export function printTable(title: string, rows: (string | number)[][]): void {
  const text = rows.map((row) => row.map(String))
  const widths = text[0]!.map((_, column) => Math.max(...text.map((row) => [...(row[column] ?? '')].length)))
  console.log(`\n${title}`)
  text.forEach((row, index) => {
    console.log(`  ${row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ')}`)
    if (index === 0) console.log(`  ${widths.map((w) => '-'.repeat(w)).join('  ')}`)
  })
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

export const kb = (bytes: number) => Math.round(bytes / 102.4) / 10
