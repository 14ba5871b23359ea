import { describe, expect, it } from 'vitest'
import { actors, can, isPermission, permissions, type Actor, type Permission } from '@/lib/auth/permissions'

function holders(permission: Permission): Actor[] {
  return actors.filter((actor) => can(actor, permission))
}

describe('permissions table', () => {
  it('names only known actors', () => {
    for (const allowed of Object.values(permissions)) {
      for (const actor of allowed) expect(actors).toContain(actor)
    }
  })

  it('gives account pages to enabled members of every role', () => {
    for (const permission of ['account.view', 'account.rename', 'account.changePassword', 'account.delete'] as const) {
      expect(holders(permission)).toEqual(['member', 'editor', 'admin'])
    }
    expect(holders('account.register')).toEqual(['guest'])
  })

  it('lets editors moderate and only admins manage members', () => {
    expect(holders('comment.moderate')).toEqual(['editor', 'admin'])
    expect(holders('admin.view')).toEqual(['editor', 'admin'])
    expect(holders('admin.members')).toEqual(['admin'])
    expect(holders('admin.audit')).toEqual(['admin'])
  })

  it('opens feedback to visitors but not to disabled members', () => {
    expect(holders('feedback.create')).toEqual(['guest', 'member', 'editor', 'admin'])
  })

  it('lets a disabled member do nothing but sign in', () => {
    const allowed = Object.keys(permissions).filter((name) => isPermission(name) && can('disabled', name))
    expect(allowed).toEqual(['account.signIn'])
  })

  it('recognizes permission names', () => {
    expect(isPermission('comment.create')).toBe(true)
    expect(isPermission('comment.destroyEverything')).toBe(false)
    expect(isPermission('toString')).toBe(false)
  })
})
