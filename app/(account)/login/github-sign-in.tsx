'use client'

import { signIn } from 'next-auth/react'

/** Shown only when AUTH_GITHUB_ID and AUTH_GITHUB_SECRET are set. */
export function GitHubSignIn({ callbackUrl }: { callbackUrl: string }) {
  return (
    <button type="button" className="github-sign-in" onClick={() => void signIn('github', { callbackUrl })}>
      使用 GitHub 登录
    </button>
  )
}
