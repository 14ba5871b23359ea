interface DeleteConfirmProps {
  busy: boolean
  onConfirm: () => void
  onCancel: () => void
}

/** The second step of deleting: nothing is deleted on the first click. */
export function DeleteConfirm({ busy, onConfirm, onCancel }: DeleteConfirmProps) {
  return (
    <span className="comment__confirm">
      确定删除这条评论？
      <button type="button" className="comments__link-button comments__link-button--danger" disabled={busy} onClick={onConfirm}>
        确认删除
      </button>
      <button type="button" className="comments__link-button" onClick={onCancel}>
        取消
      </button>
    </span>
  )
}
