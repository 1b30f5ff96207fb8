import { useState } from 'react'
import { api, toApiError } from '../api'
import type { ApiError, LabTask } from '../api'
import { formatTime, useI18n } from '../i18n'
import { ConfirmDialog } from '../ui'
import { ProgressError } from './ProgressError'

/**
 * A startable task's "Commencer cette tâche": after a confirmation the platform sets up the
 * task's starting situation on the machines; then the task says when it started.
 * `canStart`: the viewer may act on a READY lab; others only read whether it started.
 */
export function TaskStart({
  labId,
  task,
  canStart,
  onStarted,
}: {
  labId: string
  task: LabTask
  canStart: boolean
  onStarted: (startedAt: string) => void
}) {
  const { t, l, lang } = useI18n()
  const [confirm, setConfirm] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiError | null>(null)

  if (!task.startable && !task.startedAt) return null

  async function start() {
    if (busy) return
    setBusy(true)
    setError(null)
    try {
      const started = await api.startTask(labId, task.id)
      setConfirm(false)
      onStarted(started.startedAt)
    } catch (e) {
      setConfirm(false)
      setError(toApiError(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="task-start">
      {!task.startedAt && canStart && (
        <button type="button" className="button button-secondary" aria-disabled={busy} onClick={() => !busy && setConfirm(true)}>
          {t('task.start')}
        </button>
      )}
      {/* Present from the start, so that the start time is announced when it appears. */}
      <p className="announce" role="status" aria-live="polite">
        {task.startedAt ? (
          <time dateTime={task.startedAt}>{t('task.startedAt', { time: formatTime(task.startedAt, lang) })}</time>
        ) : busy ? (
          t('task.starting')
        ) : canStart ? (
          ''
        ) : (
          t('task.notStarted')
        )}
      </p>
      {error && <ProgressError error={error} />}
      {confirm && (
        <ConfirmDialog
          title={t('task.confirmStart.title', { title: l(task.title) })}
          text={t('task.confirmStart.text')}
          confirmLabel={t('task.confirmStart.confirm')}
          busy={busy}
          danger={false}
          onConfirm={start}
          onCancel={() => setConfirm(false)}
        >
          {busy && (
            <p className="loading">
              <span className="spinner" aria-hidden="true" />
              {t('task.starting')}
            </p>
          )}
        </ConfirmDialog>
      )}
    </div>
  )
}
