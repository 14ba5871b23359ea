'use client'

import { useActionState, useRef } from 'react'
import { FormField, FormTextArea } from '@/app/_components/form-field'
import { FormStatus } from '@/app/_components/form-status'
import { fieldError, submittedValue } from '@/lib/actions/action-result'
import { DISPLAY_NAME_MAX_LENGTH, EMAIL_MAX_LENGTH } from '@/lib/auth/field-limits'
import { FEEDBACK_BODY_MAX_LENGTH, FEEDBACK_HONEYPOT_FIELD } from '@/lib/feedback/limits'
import { sendFeedbackAction } from './actions'

interface FeedbackFormProps {
  /** A member's name and email; empty for visitors. */
  defaults: { name: string; email: string }
}

export function FeedbackForm({ defaults }: FeedbackFormProps) {
  const [state, formAction, pending] = useActionState(sendFeedbackAction, null)
  const formRef = useRef<HTMLFormElement>(null)
  return (
    <form ref={formRef} action={formAction} className="account-form feedback-form" aria-label="留言">
      <FormStatus state={state} formRef={formRef} />
      <FormField
        label="称呼"
        name="name"
        autoComplete="name"
        required
        // The server counts code points; the browser counts UTF-16 units, so leave room for emoji.
        maxLength={DISPLAY_NAME_MAX_LENGTH * 2}
        hint={`编辑回复时如何称呼您，最多 ${DISPLAY_NAME_MAX_LENGTH} 个字符`}
        defaultValue={submittedValue(state, 'name', defaults.name)}
        error={fieldError(state, 'name')}
      />
      <FormField
        label="邮箱（选填）"
        name="email"
        type="email"
        autoComplete="email"
        inputMode="email"
        spellCheck={false}
        maxLength={EMAIL_MAX_LENGTH}
        hint="需要回复时填写；只有编辑能看到"
        defaultValue={submittedValue(state, 'email', defaults.email)}
        error={fieldError(state, 'email')}
      />
      <FormTextArea
        label="留言内容"
        name="body"
        required
        rows={8}
        maxLength={FEEDBACK_BODY_MAX_LENGTH * 2}
        hint={`最多 ${FEEDBACK_BODY_MAX_LENGTH} 个字符，只有编辑能看到`}
        defaultValue={submittedValue(state, 'body')}
        error={fieldError(state, 'body')}
      />
      {/* People never see this field; bots that fill it in are answered as if sent. */}
      <div className="honeypot" aria-hidden="true">
        <label htmlFor="feedback-website">网站（请留空）</label>
        <input id="feedback-website" name={FEEDBACK_HONEYPOT_FIELD} type="text" tabIndex={-1} autoComplete="off" defaultValue="" />
      </div>
      <button type="submit" disabled={pending}>
        {pending ? '正在发送…' : '发送留言'}
      </button>
    </form>
  )
}
