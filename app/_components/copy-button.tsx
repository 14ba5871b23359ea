'use client'

import { useState } from 'react'

/** Copies `text`, then says so (visibly and to screen readers) for a moment. */
export function CopyButton({ text, label }: { text: string | (() => string); label: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle')
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(typeof text === 'function' ? text() : text)
      setState('copied')
    } catch {
      setState('failed')
    }
    setTimeout(() => setState('idle'), 2000)
  }
  return (
    <button type="button" className="copy-button" onClick={copy} aria-label={`复制${label}`}>
      <span aria-live="polite">{state === 'copied' ? '已复制' : state === 'failed' ? '复制失败' : '复制'}</span>
    </button>
  )
}
