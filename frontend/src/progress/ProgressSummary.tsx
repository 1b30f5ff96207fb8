import { useId } from 'react'
import type { TaskResult } from '../api'
import { useI18n } from '../i18n'

/** Passed and total tasks of per-task results (a submission does not count them itself). */
export function countPassed(results: TaskResult[]): { passed: number; total: number } {
  return { passed: results.filter((task) => task.passed).length, total: results.length }
}

/** "N tâches sur M réussies" as text and as a progress bar (the text labels the bar). */
export function ProgressSummary({ passed, total }: { passed: number; total: number }) {
  const { n } = useI18n()
  const labelId = useId()
  return (
    <div className="progress-summary">
      <p id={labelId} className="progress-count">
        {n('progress.passed', passed, { total })}
      </p>
      {total > 0 && <progress max={total} value={Math.min(passed, total)} aria-labelledby={labelId} />}
    </div>
  )
}
