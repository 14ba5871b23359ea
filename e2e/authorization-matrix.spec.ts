import fs from 'node:fs'
import path from 'node:path'
import { expect, test } from '@playwright/test'
import { actors, can, permissions, type Actor, type Permission } from '@/lib/auth/permissions'
import { clientsForEveryActor, disposeClients, type ActorClients } from './support/actor-sessions'
import { describeProbe, permissionProbes, type PermissionProbe } from './support/permission-probes'
import { actionOutcome, callServerAction, serverActionId } from './support/server-actions'

/**
 * The authorization matrix, generated from lib/auth/permissions.ts: every
 * server action and every guarded page, called by a guest, a member, an
 * editor, an admin and a disabled member over HTTP against the production
 * server, with real sessions. The actors of the table must get past the
 * permission check; everyone else must be refused, each with their own reason.
 */

// What validatedAction answers (lib/actions/action-result.ts), stated again here as the contract.
const REFUSAL: Record<Actor, string> = {
  guest: '请先登录',
  disabled: '您的账户已被停用，无法进行此操作',
  member: '您没有权限进行此操作',
  editor: '您没有权限进行此操作',
  admin: '您没有权限进行此操作',
}
const INVALID_INPUT = '请检查标出的内容'

const permissionNames = Object.keys(permissions) as Permission[]

function probesOf(permission: Permission): readonly PermissionProbe[] | undefined {
  return (permissionProbes as Partial<Record<Permission, readonly PermissionProbe[]>>)[permission]
}

test('every permission in the table has a probe', () => {
  const unprobed = permissionNames.filter((permission) => !probesOf(permission)?.length)
  expect(unprobed, 'permissions without a probe in e2e/support/permission-probes.ts').toEqual([])
  for (const name of Object.keys(permissionProbes)) expect(permissionNames, `probe for unknown permission ${name}`).toContain(name)
})

test('every permission that guards a page or layout is probed through a page', () => {
  const sources = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const full = path.join(dir, entry.name)
      return entry.isDirectory() ? sources(full) : /^(page|layout)\.tsx$/.test(entry.name) ? [full] : []
    })
  const guarding = new Set<string>()
  for (const file of sources('app')) {
    for (const match of fs.readFileSync(file, 'utf8').matchAll(/requirePermission\('([^']+)'/g)) guarding.add(match[1]!)
  }
  expect(guarding.size).toBeGreaterThanOrEqual(6)
  const unprobed = [...guarding].filter(
    (permission) => !probesOf(permission as Permission)?.some((probe) => probe.kind === 'page'),
  )
  expect(unprobed, 'permissions guarding pages without a page probe').toEqual([])
})

test('every server action of the build is probed', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join('.next', 'server', 'server-reference-manifest.json'), 'utf8')) as {
    node: Record<string, { filename: string; exportedName: string }>
  }
  const built = Object.values(manifest.node).map((entry) => `${entry.filename}#${entry.exportedName}`)
  const probed = Object.values(permissionProbes)
    .flat()
    .flatMap((probe) => (probe.kind === 'action' ? [`${probe.file}#${probe.exportName}`] : []))
  expect(built.length).toBeGreaterThanOrEqual(12)
  expect(built.filter((action) => !probed.includes(action)).sort()).toEqual([])
})

test.describe('as every actor', () => {
  let clients: ActorClients | undefined

  test.beforeAll(async ({ playwright, baseURL }, workerInfo) => {
    clients = await clientsForEveryActor(playwright, baseURL!, `authorization-matrix#${workerInfo.workerIndex}`)
  })

  test.afterAll(async () => {
    if (clients) await disposeClients(clients)
  })

  for (const permission of permissionNames) {
    for (const probe of probesOf(permission) ?? []) {
      const allowed = actors.filter((actor) => can(actor, permission))
      test(`${permission}: ${describeProbe(probe)} lets through exactly ${allowed.join(', ')}`, async ({ baseURL }) => {
        const seen: Record<string, string> = {}
        const expected: Record<string, string> = {}
        for (const actor of actors) {
          const client = clients![actor]
          if (probe.kind === 'action') {
            const { status, text } = await callServerAction(client, baseURL!, {
              path: probe.path,
              actionId: serverActionId(probe.file, probe.exportName),
              fields: probe.invalidFields,
            })
            const outcome = actionOutcome(text)
            seen[actor] = `${status} ${outcome.ok === false ? outcome.error : JSON.stringify(outcome)}`
            expected[actor] = `200 ${can(actor, permission) ? INVALID_INPUT : REFUSAL[actor]}`
          } else {
            const response = await client.get(probe.path, { maxRedirects: 0 })
            const location = response.headers()['location'] ?? ''
            seen[actor] = `${response.status()}${location ? ` → ${location.replace(baseURL!, '')}` : ''}`
            // requirePermission: visitors are sent to sign in to pages members may see; everyone else gets a 404.
            const signInFirst = actor === 'guest' && can('member', permission)
            expected[actor] = can(actor, permission)
              ? '200'
              : signInFirst
                ? `307 → /login?callbackUrl=${encodeURIComponent(probe.path)}`
                : '404'
          }
        }
        expect(seen).toEqual(expected)
      })
    }
  }
})
