import { describe, expect, it, vi } from 'vitest'
import { renderCommentBody } from './render-comment'

// Whether absurd nesting overflows the Markdown parser's stack depends on the
// thread's stack size, so the overflow is simulated: the contract is that a
// RangeError refuses the comment and anything else is a bug that propagates.
vi.mock('@/lib/math/markdown', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@/lib/math/markdown')>()
  return {
    ...actual,
    markdownWithMath: (markdown: string, options: Parameters<typeof actual.markdownWithMath>[1]) => {
      if (markdown === 'overflow') throw new RangeError('Maximum call stack size exceeded')
      if (markdown === 'bug') throw new TypeError('a bug in the renderer')
      return actual.markdownWithMath(markdown, options)
    },
  }
})

const context = { macros: {}, labels: {} }

describe('renderCommentBody when the parser fails', () => {
  it('refuses a comment that overflows the parser’s stack, instead of crashing', () => {
    expect(renderCommentBody('overflow', context)).toEqual({ ok: false, error: '公式过于复杂，无法显示' })
  })

  it('lets any other error through', () => {
    expect(() => renderCommentBody('bug', context)).toThrow(TypeError)
  })

  it('renders everything else as usual', () => {
    expect(renderCommentBody('*ok*', context)).toMatchObject({ ok: true, html: '<p><em>ok</em></p>' })
  })
})
