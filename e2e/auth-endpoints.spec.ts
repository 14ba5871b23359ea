import { expect, test } from '@playwright/test'

/**
 * next-auth's endpoints (app/api/auth/[...nextauth]/route.ts) answer requests
 * no client of ours sends with a 4xx that says what is wrong, never a 500.
 */

const NOT_JSON = { error: '请求内容不是有效的 JSON' }

test('GET on the credentials callback is refused with 405 and names the method to use', async ({ request }) => {
  const response = await request.get('/api/auth/callback/credentials', { maxRedirects: 0 })
  expect(response.status()).toBe(405)
  expect(response.headers().allow).toBe('POST')
  expect(await response.json()).toEqual({ error: '邮箱和密码登录只接受 POST 请求' })
})

test('a POST with a body that is not JSON gets 400 at every next-auth endpoint', async ({ request }) => {
  const endpoints = ['signin', 'signin/credentials', 'signin/github', 'callback/credentials', 'callback/github', 'signout', 'session', 'csrf', 'providers', '_log', 'no-such-action']
  const bodies = ['{bad', '', '{"email":', "{'single':'quotes'}", '\u0000', '[1,]']
  for (const endpoint of endpoints) {
    for (const body of bodies) {
      // A Buffer is sent as it is; Playwright would encode a string as JSON.
      const response = await request.post(`/api/auth/${endpoint}`, { headers: { 'content-type': 'application/json' }, data: Buffer.from(body), maxRedirects: 0 })
      expect(response.status(), `${endpoint} ${JSON.stringify(body)}`).toBe(400)
      expect(await response.json(), `${endpoint} ${JSON.stringify(body)}`).toEqual(NOT_JSON)
    }
  }
})

test('well-formed JSON still reaches next-auth: a wrong password is an ordinary refusal', async ({ request }) => {
  const { csrfToken } = (await (await request.get('/api/auth/csrf')).json()) as { csrfToken: string }
  const response = await request.post('/api/auth/callback/credentials', {
    headers: { 'content-type': 'application/json' },
    data: JSON.stringify({ email: 'nobody@example.test', password: 'not the password at all', csrfToken, json: 'true' }),
    maxRedirects: 0,
  })
  expect(response.status()).toBe(401)
  expect(((await response.json()) as { url: string }).url).toContain('error=CredentialsSignin')
})
