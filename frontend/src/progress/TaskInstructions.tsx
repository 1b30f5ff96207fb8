import { useId, useState } from 'react'
import { api, toApiError } from '../api'
import type { ApiError, TaskInstructions as Instructions } from '../api'
import { useI18n } from '../i18n'
import { ErrorState, Loading } from '../ui'

type State = { kind: 'closed' } | { kind: 'loading' } | { kind: 'shown'; data: Instructions } | { kind: 'error'; error: ApiError }

/**
 * "Consignes" of a task: a disclosure that loads, on first opening, the task's instructions
 * (HTML the server rendered from the template's Markdown, raw HTML escaped) and its hints,
 * hidden behind their own disclosure so that a trainee opens them on purpose.
 */
export function TaskInstructions({ labId, taskId }: { labId: string; taskId: string }) {
  const { t, l } = useI18n()
  const regionId = useId()
  const [open, setOpen] = useState(false)
  const [state, setState] = useState<State>({ kind: 'closed' })

  async function load() {
    setState({ kind: 'loading' })
    try {
      setState({ kind: 'shown', data: await api.taskInstructions(labId, taskId) })
    } catch (e) {
      setState({ kind: 'error', error: toApiError(e) })
    }
  }

  function toggle() {
    const next = !open
    setOpen(next)
    if (next && (state.kind === 'closed' || state.kind === 'error')) void load()
  }

  return (
    <div className="task-instructions">
      <button type="button" className="button button-secondary" aria-expanded={open} aria-controls={regionId} onClick={toggle}>
        {open ? t('instructions.hide') : t('instructions.show')}
      </button>
      <div id={regionId} hidden={!open}>
        {state.kind === 'loading' && <Loading label={t('instructions.loading')} />}
        {state.kind === 'error' && <ErrorState error={state.error} onRetry={() => void load()} />}
        {state.kind === 'shown' && (
          <>
            {/* Rendered by the server from the template's Markdown, with raw HTML escaped. */}
            <div className="instructions" dangerouslySetInnerHTML={{ __html: l(state.data.html) }} />
            {state.data.hints.length > 0 && (
              <details className="hints">
                <summary>{t('instructions.hints', { n: state.data.hints.length })}</summary>
                <ul>
                  {state.data.hints.map((hint, i) => (
                    <li key={i}>{l(hint)}</li>
                  ))}
                </ul>
              </details>
            )}
          </>
        )}
      </div>
    </div>
  )
}
