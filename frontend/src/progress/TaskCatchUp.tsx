import { useState } from 'react'
import { api, toApiError } from '../api'
import type { ApiError, CaughtUp, LabTask } from '../api'
import { useI18n } from '../i18n'
import { ConfirmDialog } from '../ui'
import { ProgressError } from './ProgressError'

/**
 * "Rattraper jusqu'à cette tâche", for the lab's trainer: after a confirmation (it changes the
 * trainee's machines) the platform applies the solutions of the earlier tasks; the button
 * stays focused and says it is busy, a status line tells screen readers what happens, then
 * which tasks were given. `earlier`: the tasks before this one, in order.
 */
export function TaskCatchUp({
  labId,
  task,
  earlier,
  trainee,
  onCaughtUp,
}: {
  labId: string
  task: LabTask
  earlier: LabTask[]
  trainee: string
  onCaughtUp: (caughtUp: CaughtUp) => void
}) {
  const { t, l } = useI18n()
  const [confirm, setConfirm] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiError | null>(null)
  const [done, setDone] = useState<CaughtUp | null>(null)

  if (earlier.length === 0) return null
  const titles = (ids: string[]) => ids.map((id) => l(earlier.find((e) => e.id === id)?.title ?? { fr: id, en: id })).join(', ')

  async function catchUp() {
    if (busy) return
    setBusy(true)
    setError(null)
    setDone(null)
    try {
      const caughtUp = await api.catchUp(labId, task.id)
      setConfirm(false)
      setDone(caughtUp)
      onCaughtUp(caughtUp)
    } catch (e) {
      setConfirm(false)
      setError(toApiError(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="task-catch-up">
      <button type="button" className="button button-secondary button-small" aria-disabled={busy}
        onClick={() => !busy && setConfirm(true)}>
        {t('catchUp.button')}{' '}
        <span className="visually-hidden">{t('catchUp.for', { title: l(task.title) })}</span>
      </button>
      {/* Present from the start, so that what happens is announced when it changes. */}
      <p className={busy ? 'loading' : 'announce'} role="status" aria-live="polite">
        {busy && <span className="spinner" aria-hidden="true" />}
        {busy
          ? t('catchUp.working')
          : done
            ? done.given.length > 0
              ? t('catchUp.done', { tasks: titles(done.given) })
              : t('catchUp.nothing', { tasks: titles(done.alreadyGiven) })
            : ''}
      </p>
      {error && <ProgressError error={error} />}
      {confirm && (
        <ConfirmDialog
          title={t('catchUp.confirm.title', { title: l(task.title) })}
          text={t('catchUp.confirm.text', { trainee, tasks: titles(earlier.map((e) => e.id)) })}
          confirmLabel={t('catchUp.confirm.confirm')}
          busy={busy}
          onConfirm={catchUp}
          onCancel={() => setConfirm(false)}
        >
          {busy && (
            <p className="loading">
              <span className="spinner" aria-hidden="true" />
              {t('catchUp.working')}
            </p>
          )}
        </ConfirmDialog>
      )}
    </div>
  )
}
