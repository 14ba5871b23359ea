import { z } from 'zod'
import { DISPLAY_NAME_MAX_LENGTH } from './field-limits'

/** What a comment by a member who deleted their account shows instead of a name. */
export const DELETED_MEMBER_LABEL = '已注销用户'

// Members must not be able to look like someone else or like nothing at all, so
// names exclude characters that are invisible or reorder text:
// Cc controls (C0, DEL, C1), Cf format characters (zero-width space and joiners,
// bidi embeddings, overrides and isolates, U+FEFF, soft hyphen, tags, …),
// lone surrogates, line/paragraph separators, and letters that render as blank
// (Hangul fillers, braille blank, Khmer inherent vowels, Mongolian selectors,
// combining grapheme joiner).
const forbiddenCharacter =
  /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}\u034F\u115F\u1160\u17B4\u17B5\u180B-\u180F\u2800\u3164\uFFA0]/u

// The one exception: a zero-width joiner between two emoji builds a single
// emoji (👨‍👩‍👧), which is visible and harmless.
const emojiJoiner = /(?<=\p{Extended_Pictographic}[\uFE0F\u{1F3FB}-\u{1F3FF}]?)\u200D(?=\p{Extended_Pictographic})/gu

const visibleCharacter = /[\p{L}\p{N}\p{P}\p{S}]/u

// Stacks of combining marks ("Zalgo" text) spill over neighbouring lines.
// Vietnamese and most Indic scripts need at most three in a row.
const MAX_COMBINING_MARKS_IN_A_ROW = 4
const combiningMarkRun = new RegExp(`\\p{M}{${MAX_COMBINING_MARKS_IN_A_ROW + 1},}`, 'u')

function describeCodePoint(character: string): string {
  const codePoint = character.codePointAt(0) ?? 0
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`
}

/**
 * Why `name` (already trimmed) cannot be a display name, or null when it can.
 * Length counts Unicode code points, so 32 汉字 fit as well as 32 Latin letters.
 * `label` names the field in the messages: the feedback form asks for a "称呼"
 * under the same rules.
 */
export function findDisplayNameProblem(name: string, label = '显示名称'): string | null {
  if (name.length === 0) return `请填写${label}`
  const forbidden = name.replace(emojiJoiner, '').match(forbiddenCharacter)
  if (forbidden) {
    return `${label}不能包含控制字符或不可见字符（发现 ${describeCodePoint(forbidden[0])}）`
  }
  const length = Array.from(name).length
  if (length > DISPLAY_NAME_MAX_LENGTH) {
    return `${label}最多 ${DISPLAY_NAME_MAX_LENGTH} 个字符（现在是 ${length} 个）`
  }
  if (!visibleCharacter.test(name)) return `${label}至少要包含一个可见的文字或符号`
  if (combiningMarkRun.test(name)) return `${label}中连续叠加的组合符号过多`
  if (name === DELETED_MEMBER_LABEL) return `“${DELETED_MEMBER_LABEL}”是保留名称，请换一个`
  return null
}

/**
 * The rule for a name people choose for themselves, with messages that call
 * the field `label`. Trims surrounding whitespace; stores the rest byte for
 * byte (no normalization).
 */
export function personNameSchema(label: string) {
  return z
    .string({ error: `请填写${label}` })
    .trim()
    .superRefine((name, context) => {
      const problem = findDisplayNameProblem(name, label)
      if (problem) context.addIssue({ code: 'custom', message: problem })
    })
}

/** The display-name rule, for every form that lets someone choose a name. */
export const displayNameSchema = personNameSchema('显示名称')
