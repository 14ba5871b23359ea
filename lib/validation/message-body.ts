/**
 * The rule every free-text body follows (feedback messages, comments): not
 * blank, storable by PostgreSQL, at most `maxLength` characters as a person
 * counts them. Never trimmed or normalized: what passes is stored byte for byte.
 */

/** Characters as a person counts them: code points, with a browser's CRLF line break as one. */
export function countMessageCharacters(text: string): number {
  return Array.from(text.replace(/\r\n/g, '\n')).length
}

/** Why `body` cannot be stored, or null. `label` names the field, e.g. "留言内容". */
export function findMessageBodyProblem(body: string, label: string, maxLength: number): string | null {
  if (!/\S/u.test(body)) return `请填写${label}`
  // PostgreSQL text cannot hold U+0000; lone surrogates cannot be stored as UTF-8.
  if (body.includes('\u0000')) return `${label}不能包含空字符（U+0000）`
  if (/\p{Cs}/u.test(body)) return `${label}包含无法保存的字符（不成对的代理项）`
  const length = countMessageCharacters(body)
  if (length > maxLength) return `${label}最多 ${maxLength} 个字符（现在是 ${length} 个）`
  return null
}
