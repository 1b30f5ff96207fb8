import type { CaughtUp, CheckOutcome, LabTask, TaskResult } from '../api'
import { formatDateTime, useI18n } from '../i18n'
import type { Localized } from '../i18n'
import { TaskCatchUp } from './TaskCatchUp'
import { TaskInstructions } from './TaskInstructions'
import { TaskStart } from './TaskStart'

type Row = { id: string; title: Localized; task: LabTask | null; result: TaskResult | null }

/**
 * The lab's tasks in order, each with its result when there is one. A result for a task
 * the lab does not list (an older lab, a changed template) still shows, after them.
 */
export function taskRows(tasks: LabTask[], results: TaskResult[] | null): Row[] {
  const byId = new Map((results ?? []).map((result) => [result.id, result]))
  const rows: Row[] = tasks.map((task) => ({ id: task.id, title: task.title, task, result: byId.get(task.id) ?? null }))
  const listed = new Set(tasks.map((task) => task.id))
  for (const result of results ?? []) {
    if (!listed.has(result.id)) rows.push({ id: result.id, title: result.title, task: null, result })
  }
  return rows
}

/**
 * The tasks with, once verified, a passed / not yet badge and each check's verdict in words
 * and its feedback. `canStart`: the viewer may start the startable tasks now. `catchUpFor`:
 * the lab's trainee, when the viewer may catch the lab up to a task (its trainer, an admin).
 */
export function TaskList({
  labId,
  tasks,
  results,
  canStart,
  onTaskStarted,
  catchUpFor,
  onCaughtUp,
}: {
  labId: string
  tasks: LabTask[]
  results: TaskResult[] | null
  canStart: boolean
  onTaskStarted?: (taskId: string, startedAt: string) => void
  catchUpFor?: string
  onCaughtUp?: (caughtUp: CaughtUp) => void
}) {
  const { t, l, lang } = useI18n()
  const rows = taskRows(tasks, results)
  if (rows.length === 0) return <p className="muted">{t('progress.noTasks')}</p>
  return (
    <ol className="tasks progress-tasks">
      {rows.map((row, index) => (
        <li key={row.id} className="task">
          <h3>
            {l(row.title)}
            {row.result && <TaskBadge passed={row.result.passed} />}
          </h3>
          {row.task && <TaskInstructions labId={labId} taskId={row.id} />}
          {row.task?.givenAt && (
            <p className="task-given">
              <time dateTime={row.task.givenAt}>{t('task.givenAt', { time: formatDateTime(row.task.givenAt, lang) })}</time>
            </p>
          )}
          {row.task && catchUpFor !== undefined && (
            <TaskCatchUp
              labId={labId}
              task={row.task}
              earlier={tasks.slice(0, index)}
              trainee={catchUpFor}
              onCaughtUp={(caughtUp) => onCaughtUp?.(caughtUp)}
            />
          )}
          {row.task && (
            <TaskStart
              labId={labId}
              task={row.task}
              canStart={canStart && onTaskStarted !== undefined}
              onStarted={(startedAt) => onTaskStarted?.(row.id, startedAt)}
            />
          )}
          {row.result && row.result.checks.length > 0 && (
            <ul className="checks" aria-label={t('task.checks', { title: l(row.title) })}>
              {row.result.checks.map((check) => (
                <CheckLine key={check.id} check={check} />
              ))}
            </ul>
          )}
        </li>
      ))}
    </ol>
  )
}

/** Passed or not yet, in words (the colour and the sign only repeat it). */
function TaskBadge({ passed }: { passed: boolean }) {
  const { t } = useI18n()
  return (
    <span className={`result ${passed ? 'result-pass' : 'result-todo'}`}>
      <span aria-hidden="true">{passed ? '✓ ' : '○ '}</span>
      {passed ? t('task.passed') : t('task.notYet')}
    </span>
  )
}

const VERDICT_SIGNS = { PASS: '✓', FAIL: '✗', ERROR: '?' } as const

function CheckLine({ check }: { check: CheckOutcome }) {
  const { t, l } = useI18n()
  const known = check.verdict in VERDICT_SIGNS
  return (
    <li className="check">
      <span className={`verdict verdict-${known ? check.verdict.toLowerCase() : 'error'}`}>
        {known && <span aria-hidden="true">{VERDICT_SIGNS[check.verdict]} </span>}
        {known ? t(`verdict.${check.verdict}`) : check.verdict}
      </span>{' '}
      <span className="check-text">{check.description ? l(check.description) : <code>{check.id}</code>}</span>
      {check.verdict !== 'PASS' && check.feedback && <p className="feedback">{l(check.feedback)}</p>}
    </li>
  )
}
