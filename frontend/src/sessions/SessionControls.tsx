import { useId, useState } from 'react'
import type { FormEvent } from 'react'
import { api, toApiError } from '../api'
import type { ApiError, Session, SessionAction } from '../api'
import { useI18n } from '../i18n'
import type { Key } from '../i18n'
import { ProgressError } from '../progress/ProgressError'
import { ConfirmDialog, Loading } from '../ui'
import { MinutesInput } from './MinutesInput'

/** Which buttons each state offers (the API still has the last word, and its 409 is shown). */
export function sessionActions(state: Session['state']): SessionAction[] {
  switch (state) {
    case 'PLANNED':
      return ['start', 'end']
    case 'RUNNING':
      return ['pause', 'end']
    case 'PAUSED':
      return ['resume', 'end']
    default:
      return []
  }
}

const LABELS: Record<SessionAction, Key> = {
  start: 'controls.start',
  pause: 'controls.pause',
  resume: 'controls.resume',
  end: 'controls.end',
}

/** Pausing stops everyone's time, ending hands every open lab in: both ask first. */
const CONFIRM: Partial<Record<SessionAction, { title: Key; text: Key }>> = {
  pause: { title: 'controls.confirmPause.title', text: 'controls.confirmPause.text' },
  end: { title: 'controls.confirmEnd.title', text: 'controls.confirmEnd.text' },
}

/** "Déroulement": start, pause, resume, end, and "Prolonger tout le monde". */
export function SessionControls({
  session,
  onChange,
  say,
}: {
  session: Session
  onChange: (session: Session) => void
  say: (message: string) => void
}) {
  const { t } = useI18n()
  const headingId = useId()
  const [busy, setBusy] = useState<SessionAction | null>(null)
  const [confirm, setConfirm] = useState<SessionAction | null>(null)
  const [error, setError] = useState<ApiError | null>(null)
  const actions = sessionActions(session.state)

  async function run(action: SessionAction) {
    if (busy) return
    setBusy(action)
    setError(null)
    try {
      onChange(await api.sessionAction(session.id, action))
    } catch (e) {
      setError(toApiError(e))
    } finally {
      setConfirm(null)
      setBusy(null)
    }
  }

  const asked = confirm ? CONFIRM[confirm] : undefined
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{t('controls.title')}</h2>
      {actions.length === 0 ? (
        <p className="muted">{t('controls.ended')}</p>
      ) : (
        <div className="actions">
          {actions.map((action) => (
            <button
              key={action}
              type="button"
              className={action === 'end' ? 'button button-danger-outline' : action === 'pause' ? 'button button-secondary' : 'button'}
              aria-disabled={busy !== null}
              onClick={() => busy === null && (CONFIRM[action] ? setConfirm(action) : run(action))}
            >
              {t(LABELS[action])}
            </button>
          ))}
        </div>
      )}
      <p className="announce" role="status" aria-live="polite">
        {busy && !confirm ? t('controls.working') : ''}
      </p>
      {error && <ProgressError error={error} />}
      {session.state !== 'ENDED' && <ExtendAll session={session} onChange={onChange} say={say} />}

      {confirm && asked && (
        <ConfirmDialog
          title={t(asked.title)}
          text={t(asked.text)}
          confirmLabel={t(LABELS[confirm])}
          danger={confirm === 'end'}
          busy={busy === confirm}
          onConfirm={() => run(confirm)}
          onCancel={() => setConfirm(null)}
        >
          {busy === confirm && <Loading label={t('controls.working')} />}
        </ConfirmDialog>
      )}
    </section>
  )
}

/** "+N minutes" for every trainee of the session. */
function ExtendAll({ session, onChange, say }: { session: Session; onChange: (session: Session) => void; say: (message: string) => void }) {
  const { t } = useI18n()
  const inputId = useId()
  const problemId = useId()
  const [minutes, setMinutes] = useState('10')
  const [invalid, setInvalid] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiError | null>(null)

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault()
    if (busy) return
    const value = Number(minutes)
    if (!/^\d+$/.test(minutes.trim()) || value <= 0) {
      setInvalid(true)
      document.getElementById(inputId)?.focus()
      return
    }
    setInvalid(false)
    setBusy(true)
    setError(null)
    try {
      onChange(await api.extendSession(session.id, value))
      say(t('extend.done', { minutes: value }))
    } catch (err) {
      setError(toApiError(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="extend" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor={inputId}>{t('extend.label')}</label>
        <MinutesInput id={inputId} min={1} value={minutes} onChange={setMinutes} problemId={invalid ? problemId : undefined} />
        <button type="submit" className="button button-secondary" aria-disabled={busy}>
          {t('extend.button')}
        </button>
      </div>
      {invalid && (
        <p id={problemId} className="field-error" role="alert">
          {t('extend.invalid')}
        </p>
      )}
      {error && <ProgressError error={error} />}
    </form>
  )
}
