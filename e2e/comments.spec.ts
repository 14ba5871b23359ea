import { randomBytes } from 'node:crypto'
import AxeBuilder from '@axe-core/playwright'
import type { Browser, Locator, Page } from '@playwright/test'
import type { CommentsPageData, CommentView } from '@/lib/comments/types'
import { flattenComments } from '@/tests/support/comment-tree'
import { xssPayloads } from '@/tests/support/hostile-input'
import { watchCspViolations } from './support/csp-violations'
import { addressFor, expect, pageSettled, signInThroughForm, test, type TestMember } from './support/fixtures'
import { actionOutcome, callServerAction, serverActionId } from './support/server-actions'
import { testUsers } from './support/users'

/**
 * Comments under an article, as readers, members and editors use them. The
 * article page is static; the section loads /api/comments in the browser and
 * changes go through the server actions of app/(site)/archives/[slug]/actions.ts.
 *
 * Members post one comment per 10 seconds, so every test registers members of
 * its own (each from an address of its own) instead of sharing the seeded ones.
 */

// Several people, several page loads and Argon2 registrations each: more than 30 s on a busy two-core machine.
test.describe.configure({ timeout: 300_000 })

const ACTIONS = 'app/(site)/archives/[slug]/actions.ts'
const FORBIDDEN = '您没有权限进行此操作'

function uniqueTag(): string {
  return randomBytes(4).toString('hex')
}

interface Commenter {
  page: Page
  member: TestMember
}

/** A verified member (from the pool, see fixtures.ts) in a browser context of their own, with a client address of their own. */
async function newCommenter(browser: Browser, baseURL: string, verifiedMember: (page: Page) => Promise<TestMember>, seed: string): Promise<Commenter> {
  const context = await browser.newContext({ baseURL, locale: 'zh-CN', extraHTTPHeaders: { 'x-forwarded-for': addressFor(seed) } })
  const page = await context.newPage()
  const member = await verifiedMember(page)
  return { page, member }
}

/** Several commenters, signed in one after the other: in parallel, Argon2 on a busy two-core machine outlasts the fixture's wait. */
async function newCommenters(
  browser: Browser,
  baseURL: string,
  verifiedMember: (page: Page) => Promise<TestMember>,
  testId: string,
  names: string[],
): Promise<Commenter[]> {
  const commenters: Commenter[] = []
  for (const name of names) commenters.push(await newCommenter(browser, baseURL, verifiedMember, `${testId}#${name}`))
  return commenters
}

/** Opens the article at its comment section and waits for the comments to load. */
async function openComments(page: Page, slug: string): Promise<Locator> {
  const path = `/archives/${slug}#comments`
  // Going to the URL the page is already at only scrolls (same document): load it again instead.
  if (page.url().endsWith(path)) await page.reload()
  else await page.goto(path)
  const section = page.locator('section#comments')
  await expect(section.getByText(/^(共 \d+ 条评论|还没有评论)$/)).toBeVisible()
  return section
}

function commentWith(page: Page, text: string): Locator {
  return page.locator('article.comment').filter({ hasText: text })
}

/** Posts a top-level comment through the form at the end of the section. */
async function postComment(page: Page, member: TestMember, body: string): Promise<Locator> {
  const form = page.getByRole('form', { name: `以 ${member.name} 的身份评论` })
  await form.getByLabel(`以 ${member.name} 的身份评论`).fill(body)
  await form.getByRole('button', { name: '发表评论' }).click()
  return commentWith(page, plainStart(body))
}

/** The start of a body that shows as typed: its first line, up to the first formula. */
function plainStart(body: string): string {
  return body.split('\n')[0]!.replace(/\$.*$/, '').trim() || body
}

/** Opens the reply form under the comment showing `parentText`, posts `body` and returns the new comment. */
async function reply(page: Page, parentText: string, parentAuthor: string, body: string): Promise<Locator> {
  const parent = commentWith(page, parentText).first()
  await parent.getByRole('button', { name: `回复 ${parentAuthor}` }).click()
  const form = page.getByRole('form', { name: `回复 ${parentAuthor}` })
  // Focus moves into the reply form.
  await expect(form.getByLabel(`回复 ${parentAuthor}`)).toBeFocused()
  await form.getByLabel(`回复 ${parentAuthor}`).fill(body)
  await form.getByRole('button', { name: '发表评论' }).click()
  const posted = commentWith(page, plainStart(body))
  await expect(posted).toBeVisible()
  return posted
}

/** How deep a comment is shown: the number of reply lists around it. */
function nesting(comment: Locator): Promise<number> {
  return comment.evaluate((element) => {
    let depth = 0
    for (let node = element.parentElement; node; node = node.parentElement) if (node.matches('ol.comment-list--replies')) depth++
    return depth
  })
}

test('a guest sees the comments, no form, and a sign-in link that returns to them', async ({ page }) => {
  const slug = 'adam-sign-descent'
  const section = await openComments(page, slug)
  await expect(section.getByRole('textbox')).toHaveCount(0)
  const link = section.getByRole('link', { name: '登录后评论' })
  await expect(link).toHaveAttribute('href', `/login?callbackUrl=${encodeURIComponent(`/archives/${slug}#comments`)}`)
  await link.click()
  await expect(page).toHaveURL(/\/login\?callbackUrl=/)
  await signInThroughForm(page, testUsers.member)
  await expect(page).toHaveURL(`/archives/${slug}#comments`)
  await expect(page.getByRole('form', { name: `以 ${testUsers.member.name} 的身份评论` })).toBeVisible()
})

test('members post math, reply three levels deep, and a fourth reply stays at the third level saying whom it answers', async ({
  browser,
  baseURL,
  verifiedMember,
}, testInfo) => {
  const slug = 'rope-from-complex-numbers'
  const tag = uniqueTag()
  const [a, b, c, d] = await newCommenters(browser, baseURL!, verifiedMember, testInfo.testId, ['a', 'b', 'c', 'd'])

  // Inline and display math, rendered by the server as MathML.
  await openComments(a!.page, slug)
  const top = await postComment(a!.page, a!.member, `顶层 ${tag}：旋转 $e^{i\\theta}$ 满足\n\n$$\n|e^{i\\theta}|^2 = \\cos^2\\theta + \\sin^2\\theta = 1\n$$`)
  await expect(top).toBeVisible()
  await expect(top.locator('.math-inline math')).toHaveCount(1)
  await expect(top.locator('.math-display math[display="block"]')).toHaveCount(1)
  await expect(top.locator('.katex-error, .math-error')).toHaveCount(0)
  await expect(a!.page.getByRole('form', { name: `以 ${a!.member.name} 的身份评论` }).getByRole('status')).toHaveText('评论已发布')

  await openComments(b!.page, slug)
  const second = await reply(b!.page, `顶层 ${tag}`, a!.member.name, `第二层 ${tag}`)
  await openComments(c!.page, slug)
  const third = await reply(c!.page, `第二层 ${tag}`, b!.member.name, `第三层 ${tag}`)
  await openComments(d!.page, slug)
  const fourth = await reply(d!.page, `第三层 ${tag}`, c!.member.name, `第四层 ${tag}`)

  expect(await nesting(top)).toBe(0)
  expect(await nesting(second)).toBe(1)
  expect(await nesting(third)).toBe(2)
  // Not deeper: beside the third, answering its author.
  expect(await nesting(fourth)).toBe(2)
  await expect(fourth).toContainText(`回复 @${c!.member.name}：`)
  await expect(third).not.toContainText('回复 @')

  // A permalink opens the article at the comment.
  const id = await fourth.getAttribute('id')
  const reader = await browser.newPage({ baseURL })
  await reader.goto(`/archives/${slug}#${id}`)
  await expect(reader.locator(`#${id}`)).toBeInViewport()
  await expect(reader.locator(`#${id}`)).toHaveClass(/comment--target/)

  // The newest comment appears in the side column's recent comments.
  await reader.reload()
  const recent = reader.getByRole('complementary', { name: '侧栏' }).getByRole('region', { name: '最近评论' })
  await expect(recent.getByRole('link', { name: `${d!.member.name}：` }).first()).toBeVisible()
  await expect(recent).toContainText(`第四层 ${tag}`)
  await reader.close()
})

test('a member edits a comment (已编辑), deletes one (该评论已删除, replies stay), and cannot touch another member’s comment', async ({
  browser,
  baseURL,
  verifiedMember,
}, testInfo) => {
  const slug = 'softmax-temperature-entropy'
  const tag = uniqueTag()
  const [author, replier] = await newCommenters(browser, baseURL!, verifiedMember, testInfo.testId, ['author', 'replier'])
  await openComments(author!.page, slug)
  const original = await postComment(author!.page, author!.member, `原来的评论 ${tag}`)
  await expect(original).toBeVisible()

  await original.getByRole('button', { name: `编辑评论：${author!.member.name}` }).click()
  const editForm = author!.page.getByRole('form', { name: '编辑评论' })
  await expect(editForm.getByLabel('编辑评论')).toHaveValue(`原来的评论 ${tag}`)
  await editForm.getByLabel('编辑评论').fill(`改过的评论 ${tag}，加上 $\\alpha$`)
  await editForm.getByRole('button', { name: '保存修改' }).click()
  const edited = commentWith(author!.page, `改过的评论 ${tag}`)
  await expect(edited).toBeVisible()
  await expect(edited.getByText('已编辑')).toBeVisible()
  await expect(edited.locator('math')).toHaveCount(1)

  await openComments(replier!.page, slug)
  await reply(replier!.page, `改过的评论 ${tag}`, author!.member.name, `回复会留下 ${tag}`)
  // Someone else's comment offers neither edit nor delete.
  await expect(commentWith(replier!.page, `改过的评论 ${tag}`).getByRole('button', { name: /编辑评论|删除评论/ })).toHaveCount(0)

  // Called directly, the actions refuse the other member and change nothing.
  const commentId = (await edited.getAttribute('id'))!.replace('comment-', '')
  const edit = await callServerAction(replier!.page.request, baseURL!, {
    path: `/archives/${slug}`,
    actionId: serverActionId(ACTIONS, 'editCommentAction'),
    fields: { id: commentId, body: '篡改' },
  })
  expect(actionOutcome(edit.text)).toEqual({ ok: false, error: FORBIDDEN })
  const remove = await callServerAction(replier!.page.request, baseURL!, {
    path: `/archives/${slug}`,
    actionId: serverActionId(ACTIONS, 'deleteCommentAction'),
    fields: { id: commentId },
  })
  expect(actionOutcome(remove.text)).toEqual({ ok: false, error: FORBIDDEN })
  const hide = await callServerAction(replier!.page.request, baseURL!, {
    path: `/archives/${slug}`,
    actionId: serverActionId(ACTIONS, 'setCommentHiddenAction'),
    fields: { id: commentId, hidden: 'true' },
  })
  expect(actionOutcome(hide.text)).toEqual({ ok: false, error: FORBIDDEN })
  await openComments(author!.page, slug)
  await expect(commentWith(author!.page, `改过的评论 ${tag}`)).toBeVisible()

  // The author deletes it: a placeholder keeps the reply's place.
  const mine = commentWith(author!.page, `改过的评论 ${tag}`)
  await mine.getByRole('button', { name: `删除评论：${author!.member.name}` }).click()
  await mine.getByRole('button', { name: '确认删除' }).click()
  const placeholder = author!.page.locator(`#comment-${commentId}`)
  await expect(placeholder).toContainText('该评论已删除')
  await expect(placeholder).not.toContainText('改过的评论')
  await expect(commentWith(author!.page, `回复会留下 ${tag}`)).toBeVisible()
  expect(await nesting(commentWith(author!.page, `回复会留下 ${tag}`))).toBe(1)
})

test('an editor hides a comment from the article page; a guest no longer sees it, the editor still does', async ({
  browser,
  baseURL,
  verifiedMember,
  signedInAs,
  page: guest,
}, testInfo) => {
  const slug = 'diffusion-notes-forward'
  const tag = uniqueTag()
  const writer = await newCommenter(browser, baseURL!, verifiedMember, `${testInfo.testId}#writer`)
  await openComments(writer.page, slug)
  await expect(await postComment(writer.page, writer.member, `不当言论 ${tag}`)).toBeVisible()

  const section = await openComments(guest, slug)
  await expect(commentWith(guest, `不当言论 ${tag}`)).toBeVisible()
  const recentExcerpts = async () =>
    ((await (await guest.request.get('/api/comments/recent')).json()) as { comments: { excerpt: string }[] }).comments.map((comment) => comment.excerpt)
  expect(await recentExcerpts()).toContain(`不当言论 ${tag}`)
  const countBefore = Number(/共 (\d+) 条评论/.exec((await section.locator('.comments__count').textContent()) ?? '')?.[1])

  const editor = await signedInAs('editor')
  await openComments(editor, slug)
  const target = commentWith(editor, `不当言论 ${tag}`)
  await target.getByRole('button', { name: `隐藏评论：${writer.member.name}` }).click()
  await expect(target.getByText('已隐藏，读者看不到')).toBeVisible()
  await expect(target.getByRole('button', { name: `取消隐藏评论：${writer.member.name}` })).toBeVisible()

  await openComments(guest, slug)
  await expect(guest.locator('section#comments')).toBeVisible()
  await expect(commentWith(guest, `不当言论 ${tag}`)).toHaveCount(0)
  await expect(guest.locator('.comments__count')).toHaveText(countBefore - 1 === 0 ? '还没有评论' : `共 ${countBefore - 1} 条评论`)
  // The author does not see it either, and it left the recent comments.
  await openComments(writer.page, slug)
  await expect(commentWith(writer.page, `不当言论 ${tag}`)).toHaveCount(0)
  expect(await recentExcerpts()).not.toContain(`不当言论 ${tag}`)
})

test('a visitor calling the create action directly is refused, and nothing is stored', async ({ playwright, baseURL, page }) => {
  const slug = 'linear-attention-kernel'
  const body = `访客直接调用 ${uniqueTag()}`
  const visitor = await playwright.request.newContext({ baseURL })
  for (const [name, fields] of [
    ['createCommentAction', { post: slug, body, idempotencyKey: 'a'.repeat(32), website: '' }],
    ['previewCommentAction', { post: slug, body }],
  ] as const) {
    const { status, text } = await callServerAction(visitor, baseURL!, { path: `/archives/${slug}`, actionId: serverActionId(ACTIONS, name), fields })
    expect(status, name).toBe(200)
    expect(actionOutcome(text), name).toEqual({ ok: false, error: '请先登录' })
  }
  await visitor.dispose()
  await openComments(page, slug)
  await expect(page.getByText(body)).toHaveCount(0)
})

test('the preview renders math as it will be posted; an error keeps the draft, also across a reload', async ({ browser, baseURL, verifiedMember }, testInfo) => {
  const slug = 'log-sum-exp-stability'
  const tag = uniqueTag()
  const { page, member } = await newCommenter(browser, baseURL!, verifiedMember, `${testInfo.testId}#writer`)
  await openComments(page, slug)
  const label = `以 ${member.name} 的身份评论`
  const form = page.getByRole('form', { name: label })
  const textarea = form.getByLabel(label)

  await textarea.fill(`预览 ${tag}：$\\log\\sum_i e^{x_i}$ 和坏公式 $\\frac{1}{$`)
  const preview = form.locator('.comment-preview')
  await expect(preview.locator('math')).toHaveCount(1)
  await expect(preview.locator('.math-error')).toHaveText('$\\frac{1}{$')
  // Previewing posts nothing.
  await expect(commentWith(page, `预览 ${tag}`)).toHaveCount(0)

  // Too long: refused by the server, the draft stays with the message next to it.
  const tooLong = `${tag} ${'长'.repeat(5000)}`
  await textarea.fill(tooLong)
  await form.getByRole('button', { name: '发表评论' }).click()
  await expect(form.getByRole('alert')).toHaveText('请检查标出的内容')
  await expect(textarea).toHaveAccessibleDescription(/评论内容最多 5000 个字符（现在是 5009 个）/)
  await expect(textarea).toHaveValue(tooLong)

  // A limit: the first comment goes through, the next within 10 seconds is refused and kept.
  await textarea.fill(`第一条 ${tag}`)
  await form.getByRole('button', { name: '发表评论' }).click()
  await expect(commentWith(page, `第一条 ${tag}`)).toBeVisible()
  await expect(textarea).toHaveValue('')
  await textarea.fill(`太快的第二条 ${tag}`)
  await form.getByRole('button', { name: '发表评论' }).click()
  await expect(form.getByRole('alert')).toHaveText(/^评论过于频繁，请在 \d+ 秒后重试$/)
  await expect(textarea).toHaveValue(`太快的第二条 ${tag}`)

  // The draft survives a reload (sessionStorage, per article).
  await page.reload()
  await expect(page.getByRole('form', { name: label }).getByLabel(label)).toHaveValue(`太快的第二条 ${tag}`)
})

test('a member whose session ended meanwhile is told to sign in again, and finds the draft when back', async ({ browser, baseURL, verifiedMember }, testInfo) => {
  const slug = 'vq-vae-straight-through'
  const { page, member } = await newCommenter(browser, baseURL!, verifiedMember, `${testInfo.testId}#writer`)
  await openComments(page, slug)
  const label = `以 ${member.name} 的身份评论`
  const draft = `会话过期前写的草稿 ${uniqueTag()}：$\\int_0^1 x\\,dx$`
  // Signed out elsewhere: the page still shows the form, the action refuses.
  await page.context().clearCookies()
  await page.getByRole('form', { name: label }).getByLabel(label).fill(draft)
  await page.getByRole('form', { name: label }).getByRole('button', { name: '发表评论' }).click()
  await expect(page.getByRole('form', { name: label }).getByRole('alert')).toHaveText('请先登录')
  await page.getByRole('link', { name: '重新登录' }).click()
  // A client-side navigation: wait until the sign-in page, with its return address, is the one shown.
  await expect(page).toHaveURL(`/login?callbackUrl=${encodeURIComponent(`/archives/${slug}#comments`)}`)
  await signInThroughForm(page, member)
  await expect(page).toHaveURL(`/archives/${slug}#comments`)
  await expect(page.getByRole('form', { name: label }).getByLabel(label)).toHaveValue(draft)
})

test('XSS payloads posted through the form are shown inert: no dialog, no script, no CSP violation', async ({ browser, baseURL, verifiedMember }, testInfo) => {
  const slug = 'moving-notebooks'
  const tag = uniqueTag()
  const { page, member } = await newCommenter(browser, baseURL!, verifiedMember, `${testInfo.testId}#writer`)
  const violations = await watchCspViolations(page)
  const dialogs: string[] = []
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message())
    void dialog.dismiss()
  })
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))

  await openComments(page, slug)
  const body = [`XSS ${tag}`, ...xssPayloads].join('\n\n')
  const posted = await postComment(page, member, body)
  await expect(posted).toBeVisible()
  // Reload: the stored HTML, as every reader gets it.
  await openComments(page, slug)
  const comment = commentWith(page, `XSS ${tag}`)
  await expect(comment).toBeVisible()
  // KaTeX's own SVG strokes and layout styles are the only ones allowed, inside its formulas.
  await expect(comment.locator('script, iframe, img, style, object, embed, details, form, input, svg:not(.katex svg)')).toHaveCount(0)
  const active = await comment.evaluate((element) =>
    [element, ...element.querySelectorAll('*')].flatMap((node) =>
      [...node.attributes]
        .filter(
          (attribute) =>
            /^on/i.test(attribute.name) ||
            /javascript:/i.test(attribute.value) ||
            // KaTeX's layout inside formulas; a long inline formula's own depth (lib/math/markup.ts).
            (attribute.name === 'style' && !node.closest('.katex') && !/^--math-depth:[\d.]+em$/.test(attribute.value)),
        )
        .map((attribute) => `${node.tagName} ${attribute.name}`),
    ),
  )
  expect(active).toEqual([])
  // Raw HTML is shown as the text that was typed.
  await expect(comment).toContainText('<script>alert(1)</script>')
  await pageSettled(page)
  expect(dialogs).toEqual([])
  expect(violations).toEqual([])
  expect(errors).toEqual([])
})

for (const scheme of ['light', 'dark'] as const) {
  test(`axe finds no violations in the comment section with a thread and the form open, in ${scheme} mode`, async ({
    browser,
    baseURL,
    verifiedMember,
  }, testInfo) => {
    const slug = 'diffusion-notes-reverse'
    const { page, member } = await newCommenter(browser, baseURL!, verifiedMember, `${testInfo.testId}#writer`)
    await page.emulateMedia({ colorScheme: scheme })
    await openComments(page, slug)
    await expect(await postComment(page, member, `无障碍检查 ${uniqueTag()}：$x^2$`)).toBeVisible()
    await page.locator('article.comment').last().getByRole('button', { name: /^回复 / }).click()
    const results = await new AxeBuilder({ page }).include('#comments').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze()
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`)).toEqual([])
  })
}

// Artifacts for a person to look at (test-results/screenshots), not assertions.
test('screenshot: a comment thread with math and the form, on a phone and a desktop, light and dark', async ({
  browser,
  baseURL,
  verifiedMember,
}, testInfo) => {
  const slug = 'weight-decay-vs-l2'
  const tag = uniqueTag()
  const [a, b, c] = await newCommenters(browser, baseURL!, verifiedMember, testInfo.testId, ['a', 'b', 'c'])
  await openComments(a!.page, slug)
  await expect(await postComment(a!.page, a!.member, `截图 ${tag}：AdamW 把衰减项 $\\lambda\\theta_t$ 移出了自适应缩放，\n\n$$\n\\theta_{t+1} = \\theta_t - \\eta\\left(\\frac{\\hat m_t}{\\sqrt{\\hat v_t}+\\epsilon} + \\lambda\\theta_t\\right)\n$$\n\n> 引用一句\n\n\`code\` 和 [链接](https://example.com)`)).toBeVisible()
  await openComments(b!.page, slug)
  await reply(b!.page, `截图 ${tag}`, a!.member.name, `同意，$\\lambda$ 取 0.1 时效果最好 ${tag}`)
  await openComments(c!.page, slug)
  await reply(c!.page, `同意，`, b!.member.name, `第三层的回复 ${tag}`)
  await c!.page.getByRole('form', { name: `以 ${c!.member.name} 的身份评论` }).getByLabel(`以 ${c!.member.name} 的身份评论`).fill('正在写的评论：$e^{i\\pi}+1=0$')
  await expect(c!.page.locator('.comment-preview math')).toHaveCount(1)
  for (const scheme of ['light', 'dark'] as const) {
    for (const width of [360, 1280]) {
      await c!.page.setViewportSize({ width, height: 900 })
      await c!.page.emulateMedia({ colorScheme: scheme })
      await c!.page.locator('#comments').screenshot({ path: `${testInfo.project.outputDir}/screenshots/comments-${width}-${scheme}.png` })
    }
  }
})

test('fifteen copies of one comment form sent at the same moment all get the first comment back, and one is stored', async ({ page, baseURL, verifiedMember }) => {
  const slug = 'gumbel-max-trick'
  const tag = uniqueTag()
  // A member of its own (verified, as commenting needs): nobody else's comments count against its one-per-10-seconds limit.
  await verifiedMember(page)
  const member = page.request
  const fields = { post: slug, body: `同一表单 ${tag}`, idempotencyKey: `same-key-${tag}-0123456789`, website: '' }
  const answers = await Promise.all(
    Array.from({ length: 15 }, () =>
      callServerAction(member, baseURL!, { path: `/archives/${slug}`, actionId: serverActionId(ACTIONS, 'createCommentAction'), fields }),
    ),
  )
  const outcomes = answers.map(({ status, text }) => ({ status, ...actionOutcome(text), id: /"ok":true,"data":\{"id":(\d+)\}/.exec(text)?.[1] ?? null }))
  expect(outcomes.filter((outcome) => outcome.status !== 200 || outcome.ok !== true)).toEqual([])
  expect(new Set(outcomes.map((outcome) => outcome.id)).size).toBe(1)
  expect(outcomes[0]!.id).toMatch(/^\d+$/)

  const stored: CommentView[] = []
  for (let page = 1, pages = 1; page <= pages; page++) {
    const listing = (await (await member.get(`/api/comments?post=${slug}&page=${page}`)).json()) as CommentsPageData
    pages = listing.pages
    stored.push(...flattenComments(listing.comments).filter((comment) => comment.bodyHtml?.includes(`同一表单 ${tag}`)))
  }
  expect(stored.map((comment) => String(comment.id))).toEqual([outcomes[0]!.id])
})
