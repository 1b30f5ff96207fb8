import { useState } from 'react'
import { api, toApiError, useRemote } from '../api'
import type { ApiError, Lab, Submission } from '../api'
import { formatDateTime, useI18n } from '../i18n'
import { EmptyState, ErrorState, Loading } from '../ui'
import { labTasks } from './access'
import { ProgressError } from './ProgressError'
import { ProgressSummary } from './ProgressSummary'
import { SubmitWork } from './SubmitWork'
import { TaskList } from './TaskList'

/**
 * A lab being worked on: the last verification (or why there is none), "Vérifier" for
 * whoever may operate the lab, "Rendre mon travail" for its trainee, and the tasks.
 */
export function LiveProgress({
  lab,
  canOperate,
  isTrainee,
  canCatchUp = false,
  onLabChange,
  onSubmitted,
}: {
  lab: Lab
  canOperate: boolean
  isTrainee: boolean
  /** The viewer may catch the lab up to a task (its trainer, an admin). */
  canCatchUp?: boolean
  onLabChange: (lab: Lab) => void
  onSubmitted: (submission: Submission) => void
}) {
  const { t, lang, n } = useI18n()
  const latest = useRemote(() => api.latestVerification(lab.id), lab.id)
  const { set } = latest
  const [verifying, setVerifying] = useState(false)
  const [error, setError] = useState<ApiError | null>(null)
  const [announce, setAnnounce] = useState('')
  const ready = lab.state === 'READY'
  const canVerify = canOperate && ready

  async function verify() {
    if (verifying) return
    setVerifying(true)
    setError(null)
    setAnnounce('')
    try {
      const verification = await api.verify(lab.id)
      set(verification)
      setAnnounce(t('progress.verified', { result: n('progress.passed', verification.passedTasks, { total: verification.totalTasks }) }))
    } catch (e) {
      setError(toApiError(e))
    } finally {
      setVerifying(false)
    }
  }

  function taskStarted(taskId: string, startedAt: string) {
    onLabChange({ ...lab, tasks: labTasks(lab).map((task) => (task.id === taskId ? { ...task, startedAt } : task)) })
  }

  function caughtUp() {
    // The tasks given and started are the server's: the page shows them once it says so.
    api.lab(lab.id).then(onLabChange, () => {})
  }

  const verification = latest.state === 'ok' ? latest.data : null
  return (
    <>
      {canVerify && (
        <div className="progress-actions">
          <div className="verify">
            <p className="muted">{t('progress.verifyHint')}</p>
            {/* aria-disabled rather than disabled: the button keeps the keyboard focus while it runs. */}
            <button type="button" className="button" aria-disabled={verifying} onClick={verify}>
              {t('progress.verify')}
            </button>
          </div>
          {isTrainee && <SubmitWork
              labId={lab.id}
              blocked={verifying}
              reboots={lab.rebootsAtSubmission === true}
              onSubmitted={onSubmitted}
            />}
        </div>
      )}
      <p className={verifying ? 'loading' : 'announce'} role="status" aria-live="polite">
        {verifying && <span className="spinner" aria-hidden="true" />}
        {verifying ? t('progress.verifying') : announce}
      </p>
      {error && <ProgressError error={error} />}

      <div className="progress-results" aria-busy={verifying}>
        {latest.state === 'loading' ? (
          <Loading label={t('progress.loading')} />
        ) : latest.state === 'error' ? (
          <ErrorState error={latest.error} onRetry={latest.retry} />
        ) : verification === null ? (
          <EmptyState>
            <p>{canVerify ? t('progress.empty') : t('progress.emptyWatch')}</p>
          </EmptyState>
        ) : (
          <>
            <p className="muted">
              <time dateTime={verification.at}>{t('progress.lastVerification', { at: formatDateTime(verification.at, lang) })}</time>
            </p>
            <ProgressSummary passed={verification.passedTasks} total={verification.totalTasks} />
          </>
        )}
        <TaskList
          labId={lab.id}
          tasks={labTasks(lab)}
          results={verification?.tasks ?? null}
          canStart={canOperate && ready}
          onTaskStarted={taskStarted}
          catchUpFor={canCatchUp && ready ? lab.trainee : undefined}
          onCaughtUp={caughtUp}
        />
      </div>
    </>
  )
}
