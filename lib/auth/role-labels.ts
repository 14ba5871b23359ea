import type { UserRole } from '@/db/schema'

export const roleLabels: Record<UserRole, string> = {
  member: '成员',
  editor: '编辑',
  admin: '管理员',
}
