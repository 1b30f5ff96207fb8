import { useId, useState } from 'react'
import type { FormEvent } from 'react'
import { Link } from 'react-router'
import { api, toApiError } from '../api'
import type { Accommodation, ApiError, Session, TraineeRow } from '../api'
import { formatDuration, formatTime, useI18n } from '../i18n'
import { LabStateBadge } from '../pages/LabsPage'
import { ProgressError } from '../progress/ProgressError'
import { Section, Table } from '../ui'
import { GiveBackTime } from './GiveBackTime'
import { formatCountdown, secondsLeft } from './time'
import { MinutesInput } from './MinutesInput'

/** Changes one trainee's accommodation; answers whether it was accepted. */
export type Accommodate = (trainee: string, change: Accommodation, done: string) => Promise<boolean>

/**
 * The trainees of a session, one row each: their lab, progress, time left (counted down here
 * from the deadline, `now` ticking), and for whoever runs the session, the accommodations.
 */
export function TraineeGrid({
  session,
  now,
  manages,
  onChange,
  say,
}: {
  session: Session
  now: number
  manages: boolean
  onChange: (session: Session) => void
  say: (message: string) => void
}) {
  const { t } = useI18n()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiError | null>(null)

  const accommodate: Accommodate = async (trainee, change, done) => {
    if (busy) return false
    setBusy(true)
    setError(null)
    try {
      onChange(await api.accommodate(session.id, trainee, change))
      say(done)
      return true
    } catch (e) {
      setError(toApiError(e))
      return false
    } finally {
      setBusy(false)
    }
  }

  return (
    <Section title="grid.title">
      {(headingId) =>
        session.trainees.length === 0 ? (
          <p className="muted">{t('grid.empty')}</p>
        ) : (
          <>
            {error && <ProgressError error={error} />}
            <Table labelledBy={headingId} wide>
              <thead>
                <tr>
                  <th scope="col">{t('grid.col.trainee')}</th>
                  <th scope="col">{t('grid.col.lab')}</th>
                  <th scope="col">{t('grid.col.tasks')}</th>
                  <th scope="col">{t('grid.col.lastVerification')}</th>
                  <th scope="col">{t('grid.col.timeLeft')}</th>
                  <th scope="col">{t('grid.col.tiersTemps')}</th>
                  <th scope="col">{t('grid.col.extra')}</th>
                  <th scope="col">{t('grid.col.givenBack')}</th>
                  <th scope="col">{t('grid.col.open')}</th>
                </tr>
              </thead>
              <tbody>
                {session.trainees.map((row) => (
                  <TraineeLine
                    key={row.trainee}
                    row={row}
                    session={session}
                    now={now}
                    manages={manages && session.state !== 'ENDED'}
                    busy={busy}
                    accommodate={accommodate}
                  />
                ))}
              </tbody>
            </Table>
          </>
        )
      }
    </Section>
  )
}

function TraineeLine({
  row,
  session,
  now,
  manages,
  busy,
  accommodate,
}: {
  row: TraineeRow
  session: Session
  now: number
  manages: boolean
  busy: boolean
  accommodate: Accommodate
}) {
  const { t, lang } = useI18n()
  // After the visible label, a space then the trainee for screen readers: "Tiers temps pour stagiaire2".
  const forTrainee = (
    <>
      {' '}
      <span className="visually-hidden">{t('grid.for', { trainee: row.trainee })}</span>
    </>
  )
  return (
    <tr>
      <th scope="row">
        <code>{row.trainee}</code>
      </th>
      <td>
        <LabStateBadge state={row.labState} />
      </td>
      <td className="nowrap">
        {row.passedTasks === null ? (
          t('none')
        ) : (
          <>
            <span aria-hidden="true">
              {row.passedTasks}/{row.totalTasks}
            </span>
            <span className="visually-hidden">{t('grid.tasks', { n: row.passedTasks, total: row.totalTasks })}</span>
          </>
        )}
      </td>
      <td className="nowrap">
        {row.lastVerificationAt ? <time dateTime={row.lastVerificationAt}>{formatTime(row.lastVerificationAt, lang)}</time> : t('none')}
      </td>
      <td className="nowrap">
        <TimeLeft row={row} session={session} now={now} />
      </td>
      <td>
        {manages ? (
          <button
            type="button"
            className="button button-secondary button-small"
            aria-pressed={row.tiersTemps}
            aria-disabled={busy}
            onClick={() =>
              !busy &&
              accommodate(
                row.trainee,
                { tiersTemps: !row.tiersTemps },
                t(row.tiersTemps ? 'grid.done.tiersTempsOff' : 'grid.done.tiersTempsOn', { trainee: row.trainee }),
              )
            }
          >
            {t('grid.tiersTemps')}
            {forTrainee}
          </button>
        ) : row.tiersTemps ? (
          t('grid.yes')
        ) : (
          t('none')
        )}
      </td>
      <td>
        {manages ? (
          <ExtraMinutes key={row.extraMinutes} row={row} busy={busy} accommodate={accommodate} />
        ) : (
          t('grid.minutes', { n: row.extraMinutes })
        )}
      </td>
      <td>
        <span className="nowrap">{t('grid.minutes', { n: row.givenBackMinutes })}</span>
        {manages && <GiveBackTime trainee={row.trainee} busy={busy} accommodate={accommodate} />}
      </td>
      <td>
        <Link to={`/ateliers/${encodeURIComponent(row.labId)}`} className="nowrap">
          {t('grid.open')}
          {forTrainee}
        </Link>
      </td>
    </tr>
  )
}

/** The live countdown of one trainee, or why there is none. */
function TimeLeft({ row, session, now }: { row: TraineeRow; session: Session; now: number }) {
  const { t, lang } = useI18n()
  if (row.submittedAt) return <>{t('grid.submitted')}</>
  const seconds = secondsLeft(row.deadline, row.remainingSeconds, now)
  if (seconds === null) {
    return <>{session.state === 'ENDED' ? t('grid.ended') : t('grid.planned', { duration: formatDuration(row.allowedMinutes, lang) })}</>
  }
  if (session.state === 'ENDED') return <>{t('grid.ended')}</>
  if (seconds === 0) return <>{t('grid.timeUp')}</>
  return (
    <>
      <span className="countdown">{formatCountdown(seconds)}</span>
      {session.state === 'PAUSED' && <span className="muted"> ({t('grid.frozen')})</span>}
    </>
  )
}

/** The trainee's extra minutes: a field to set them, and "+5 min". */
function ExtraMinutes({ row, busy, accommodate }: { row: TraineeRow; busy: boolean; accommodate: Accommodate }) {
  const { t } = useI18n()
  const inputId = useId()
  const problemId = useId()
  const [draft, setDraft] = useState(String(row.extraMinutes))
  const [invalid, setInvalid] = useState(false)

  function save(minutes: number) {
    if (busy) return
    accommodate(row.trainee, { extraMinutes: minutes }, t('grid.done.extra', { trainee: row.trainee, minutes }))
  }

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault()
    if (!/^\d+$/.test(draft.trim())) {
      setInvalid(true)
      return
    }
    setInvalid(false)
    save(Number(draft))
  }

  // After the visible label, a space then the trainee for screen readers: "Tiers temps pour stagiaire2".
  const forTrainee = (
    <>
      {' '}
      <span className="visually-hidden">{t('grid.for', { trainee: row.trainee })}</span>
    </>
  )
  return (
    <form className="extra-minutes" onSubmit={submit} noValidate>
      <label htmlFor={inputId} className="visually-hidden">
        {t('grid.extraLabel', { trainee: row.trainee })}
      </label>
      <MinutesInput id={inputId} min={0} value={draft} onChange={setDraft} problemId={invalid ? problemId : undefined} />
      <button type="submit" className="button button-secondary button-small" aria-disabled={busy}>
        {t('grid.extraSave')}
        {forTrainee}
      </button>
      <button type="button" className="button button-secondary button-small" aria-disabled={busy} onClick={() => save(row.extraMinutes + 5)}>
        {t('grid.extraPlus')}
        {forTrainee}
      </button>
      {invalid && (
        <p id={problemId} className="field-error" role="alert">
          {t('grid.extraInvalid')}
        </p>
      )}
    </form>
  )
}
