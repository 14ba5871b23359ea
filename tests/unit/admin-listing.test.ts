import { describe, expect, it } from 'vitest'
import { startOfShanghaiDay } from '@/lib/admin/dates'
import { containsPattern, pageOf, pageParam, queryString, textParam } from '@/lib/admin/listing'

describe('admin list helpers', () => {
  it('turns a text filter into a contains pattern in which % and _ match only themselves', () => {
    expect(containsPattern('abc')).toBe('%abc%')
    expect(containsPattern('100%')).toBe('%100\\%%')
    expect(containsPattern('a_b')).toBe('%a\\_b%')
    expect(containsPattern('C:\\temp')).toBe('%C:\\\\temp%')
  })

  it('reads the page number, falling back to the first page', () => {
    expect(pageParam({ page: '3' })).toBe(3)
    for (const page of [undefined, '0', '-1', 'abc', '2.5', '1e3', '99999999']) expect(pageParam({ page })).toBe(1)
    expect(pageParam({ page: ['2', '5'] })).toBe(2)
  })

  it('trims and bounds the text filter', () => {
    expect(textParam({ q: '  林析  ' })).toBe('林析')
    expect(textParam({ q: 'x'.repeat(500) })).toHaveLength(200)
    expect(textParam({})).toBe('')
  })

  it('counts pages, at least one', () => {
    expect(pageOf([], 0, 1).pageCount).toBe(1)
    expect(pageOf([], 50, 1).pageCount).toBe(1)
    expect(pageOf([], 51, 2).pageCount).toBe(2)
  })

  it('builds links that keep the filters and leave out defaults', () => {
    expect(queryString({ view: 'new', q: '100% 满意', page: 1 })).toBe('?view=new&q=100%25+%E6%BB%A1%E6%84%8F')
    expect(queryString({ view: undefined, q: '', page: 2 })).toBe('?page=2')
    expect(queryString({})).toBe('')
  })

  it('starts "today" at midnight in Shanghai', () => {
    expect(startOfShanghaiDay(new Date('2025-03-04T15:59:59Z')).toISOString()).toBe('2025-03-03T16:00:00.000Z')
    expect(startOfShanghaiDay(new Date('2025-03-04T16:00:00Z')).toISOString()).toBe('2025-03-04T16:00:00.000Z')
  })
})
