import { api, useRemote } from '../api'
import type { Lab, Submission } from '../api'
import { formatDateTime, formatNumber, useI18n } from '../i18n'
import { EmptyState, ErrorState, Loading } from '../ui'
import { labTasks } from './access'
import { ProgressSummary, countPassed } from './ProgressSummary'
import { TaskList } from './TaskList'

/** A lab handed in: its submission, fetched from the server, read-only. */
export function SubmissionLoader({ lab }: { lab: Lab }) {
  const { t } = useI18n()
  const submission = useRemote(() => api.submission(lab.id), lab.id)
  if (submission.state === 'loading') return <Loading label={t('submission.loading')} />
  if (submission.state === 'error') return <ErrorState error={submission.error} onRetry={submission.retry} />
  if (submission.data === null) {
    return (
      <>
        <EmptyState>
          <p>{t('submission.none')}</p>
        </EmptyState>
        <TaskList labId={lab.id} tasks={labTasks(lab)} results={null} canStart={false} />
      </>
    )
  }
  return <SubmissionView lab={lab} submission={submission.data} />
}

/** "Travail rendu le … — N critères acquis sur M", the points, and the final result of each task. */
export function SubmissionView({ lab, submission }: { lab: Lab; submission: Submission }) {
  const { t, lang, n } = useI18n()
  const { passed, total } = countPassed(submission.tasks)
  return (
    <>
      <div className="notice notice-ok submission">
        <p className="notice-title">
          {t('submission.summary', {
            at: formatDateTime(submission.submittedAt, lang),
            criteria: n('submission.criteria', submission.acquiredCriteria, { total: formatNumber(submission.totalCriteria, lang) }),
          })}
        </p>
        <dl className="facts">
          <div>
            <dt>{t('submission.points')}</dt>
            <dd>
              {t('submission.pointsValue', { points: formatNumber(submission.points, lang), max: formatNumber(submission.maxPoints, lang) })}
            </dd>
          </div>
          <div>
            <dt>{t('submission.by')}</dt>
            <dd>
              <code>{submission.submittedBy}</code>
            </dd>
          </div>
          <div>
            <dt>{t('submission.hash')}</dt>
            <dd>
              <code className="break">{submission.hash}</code>
            </dd>
          </div>
        </dl>
      </div>
      <ProgressSummary passed={passed} total={total} />
      <TaskList labId={lab.id} tasks={labTasks(lab)} results={submission.tasks} canStart={false} />
    </>
  )
}
