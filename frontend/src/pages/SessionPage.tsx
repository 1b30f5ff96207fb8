import { useEffect, useRef, useState } from 'react'
import type { ReactNode } from 'react'
import { Link, useParams } from 'react-router'
import { api, useRemote } from '../api'
import type { Role, Session } from '../api'
import { formatDateTime, formatDuration, useI18n } from '../i18n'
import type { Key } from '../i18n'
import { SessionResultsExport, hasSubmissions } from '../report/SessionResultsExport'
import { AuditLog } from '../sessions/AuditLog'
import { describeChanges } from '../sessions/changes'
import { SessionStateBadge, managesSessions, modeLabel } from '../sessions/labels'
import { ProvisioningProgress } from '../sessions/ProvisioningProgress'
import { SessionControls } from '../sessions/SessionControls'
import { TraineeGrid } from '../sessions/TraineeGrid'
import { useNow } from '../sessions/useNow'
import { useSessionStream } from '../sessions/useSessionStream'
import type { StreamOptions } from '../sessions/useSessionStream'
import { EmptyState, ErrorState, Loading, PageTitle } from '../ui'

/**
 * A session's live grid: its state and controls, the labs being prepared, each trainee's
 * progress and time, the results to export once someone has handed in, the history of time
 * changes. Kept up to date by the session's event stream. `roles`: a trainer or an admin runs
 * the session, a validator only reads.
 */
export function SessionPage({ roles, stream }: { roles: readonly Role[]; stream?: StreamOptions }) {
  const { t } = useI18n()
  const id = useParams().id ?? ''
  const session = useRemote(() => api.session(id), id)

  const back = (
    <p className="back">
      <Link to="/sessions">
        <span aria-hidden="true">← </span>
        {t('session.back')}
      </Link>
    </p>
  )

  if (session.state === 'ok') {
    return <SessionDetail session={session.data} onChange={session.set} back={back} manages={managesSessions(roles)} stream={stream} />
  }
  if (session.state === 'error' && session.error.status === 404) {
    return (
      <>
        {back}
        <PageTitle>{t('session.notFound')}</PageTitle>
        <EmptyState>
          <p>{t('session.notFoundText')}</p>
          <p className="muted">{session.error.message}</p>
        </EmptyState>
      </>
    )
  }
  return (
    <>
      {back}
      <PageTitle>{t('sessions.title')}</PageTitle>
      {session.state === 'loading' ? (
        <Loading label={t('session.loading')} />
      ) : (
        <ErrorState error={session.error} onRetry={session.retry} />
      )}
    </>
  )
}

function SessionDetail({
  session,
  onChange,
  back,
  manages,
  stream,
}: {
  session: Session
  onChange: (session: Session) => void
  back: ReactNode
  manages: boolean
  stream?: StreamOptions
}) {
  const { t, l, n } = useI18n()
  const live = useSessionStream(session.id, onChange, stream)
  const now = useNow(session.state === 'RUNNING')
  const [announce, setAnnounce] = useState('')
  const shown = useRef(session)

  // Say what matters when the session changes (from the stream or an action), not every tick.
  useEffect(() => {
    const before = shown.current
    shown.current = session
    if (before === session) return
    const said = describeChanges(before, session, t, n)
    if (said.length > 0) setAnnounce(said.join(' '))
  }, [session, t, n])

  return (
    <>
      {back}
      <PageTitle>{session.title || l(session.templateTitle) || session.templateId}</PageTitle>
      <SessionFacts session={session} />
      <p className={`live-status live-${live}`} role="status">
        <span className="live-dot" aria-hidden="true" />
        {t(`live.${live}` as Key)}
      </p>
      <p className="announce" role="status" aria-live="polite" aria-atomic="true">
        {announce}
      </p>
      {session.state !== 'ENDED' && <ProvisioningProgress trainees={session.trainees} />}
      {manages && <SessionControls session={session} onChange={onChange} say={setAnnounce} />}
      <TraineeGrid session={session} now={now} manages={manages} onChange={onChange} say={setAnnounce} />
      {hasSubmissions(session) && <SessionResultsExport session={session} />}
      <AuditLog session={session} />
    </>
  )
}

function SessionFacts({ session }: { session: Session }) {
  const { t, l, n, lang } = useI18n()
  const duration = formatDuration(session.durationMinutes + session.extensionMinutes, lang)
  const fact = (label: Key, value: ReactNode) => (
    <div>
      <dt>{t(label)}</dt>
      <dd>{value}</dd>
    </div>
  )
  const date = (iso: string) => <time dateTime={iso}>{formatDateTime(iso, lang)}</time>
  return (
    <dl className="facts lab-facts">
      {fact('session.state', <SessionStateBadge state={session.state} />)}
      {fact('session.mode', modeLabel(session.mode, t))}
      {fact('session.template', <Link to={`/modeles/${encodeURIComponent(session.templateId)}`}>{l(session.templateTitle) || session.templateId}</Link>)}
      {fact(
        'session.duration',
        session.extensionMinutes > 0
          ? t('session.extended', { duration, extension: formatDuration(session.extensionMinutes, lang) })
          : duration,
      )}
      {session.mode === 'examen' &&
        fact(
          'session.verifications',
          session.verificationLimit === null
            ? t('session.verificationsUnlimited')
            : session.verificationLimit === 0
              ? t('session.verificationsOff')
              : n('session.verificationsLimit', session.verificationLimit),
        )}
      {!session.startedAt && session.startAt && fact('session.startAt', date(session.startAt))}
      {session.startedAt && fact('session.startedAt', date(session.startedAt))}
      {session.state === 'PAUSED' && session.pausedSince && fact('session.pausedSince', date(session.pausedSince))}
      {session.endedAt && fact('session.endedAt', date(session.endedAt))}
      {fact('session.createdBy', <code>{session.createdBy}</code>)}
    </dl>
  )
}
