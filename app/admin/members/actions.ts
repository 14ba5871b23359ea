'use server'

import { changeMemberDisabled, changeMemberRole } from '@/lib/admin/actions'
import { adminAction } from '../admin-action'

export const changeRoleAction = adminAction(changeMemberRole)
export const setMemberDisabledAction = adminAction(changeMemberDisabled)
