'use client'

import { useActionState, useId } from 'react'
import type { UserRole } from '@/db/schema'
import { roleLabels } from '@/lib/auth/role-labels'
import { ActionMessage } from '../_components/action-button'
import { changeRoleAction } from './actions'

const roles = ['member', 'editor', 'admin'] as const satisfies readonly UserRole[]

/** The role of one member: a select and a button, with the outcome announced beside them. */
export function RoleForm({ memberId, memberName, role }: { memberId: string; memberName: string; role: UserRole }) {
  const [state, formAction, pending] = useActionState(changeRoleAction, null)
  const id = useId()
  return (
    <form action={formAction} className="admin-action admin-role-form">
      <input type="hidden" name="id" value={memberId} />
      <label htmlFor={id} className="visually-hidden">
        角色：{memberName}
      </label>
      <select id={id} name="role" defaultValue={role} key={role}>
        {roles.map((value) => (
          <option key={value} value={value}>
            {roleLabels[value]}
          </option>
        ))}
      </select>
      <button type="submit" disabled={pending} className="admin-button" aria-label={`更改角色：${memberName}`}>
        更改角色
      </button>
      <ActionMessage state={state} showSuccess />
    </form>
  )
}
