import { useId } from 'react'
import { Link } from 'react-router'
import { api, useRemote } from '../api'
import type { Role, Session } from '../api'
import { formatDateTime, useI18n } from '../i18n'
import { SessionStateBadge, managesSessions, modeLabel } from '../sessions/labels'
import { EmptyState, ErrorState, Loading, PageTitle } from '../ui'

/** The sessions the API shows (a trainer's own, all for a validator or an admin), newest first. */
export function SessionsPage({ roles }: { roles: readonly Role[] }) {
  const { t } = useI18n()
  const sessions = useRemote(api.sessions, 'sessions')
  const manages = managesSessions(roles)

  return (
    <>
      <PageTitle>{t('sessions.title')}</PageTitle>
      <p className="lead">{t('sessions.intro')}</p>
      {manages && (
        <p className="toolbar">
          <Link to="/sessions/nouvelle" className="button">
            {t('sessions.new')}
          </Link>
        </p>
      )}

      {sessions.state === 'loading' && <Loading label={t('sessions.loading')} />}
      {sessions.state === 'error' && <ErrorState error={sessions.error} onRetry={sessions.retry} />}
      {sessions.state === 'ok' && sessions.data.length === 0 && (
        <EmptyState>
          <p>{manages ? t('sessions.empty') : t('sessions.emptyReadOnly')}</p>
          {manages && (
            <p>
              <Link to="/sessions/nouvelle">{t('sessions.new')}</Link>
            </p>
          )}
        </EmptyState>
      )}
      {sessions.state === 'ok' && sessions.data.length > 0 && <SessionTable sessions={sessions.data} />}
    </>
  )
}

function SessionTable({ sessions }: { sessions: Session[] }) {
  const { t, l, n, lang } = useI18n()
  const captionId = useId()
  return (
    <div className="table-wrap" role="region" tabIndex={0} aria-labelledby={captionId}>
      <table>
        <caption id={captionId} className="table-caption">
          {t('sessions.title')} ({n('sessions.count', sessions.length)})
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('sessions.col.title')}</th>
            <th scope="col">{t('sessions.col.template')}</th>
            <th scope="col">{t('sessions.col.mode')}</th>
            <th scope="col">{t('sessions.col.state')}</th>
            <th scope="col">{t('sessions.col.start')}</th>
            <th scope="col" className="number">
              {t('sessions.col.trainees')}
            </th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((session) => {
            const start = session.startedAt ?? session.startAt
            return (
              <tr key={session.id}>
                <th scope="row">
                  <Link to={`/sessions/${encodeURIComponent(session.id)}`}>{session.title || l(session.templateTitle)}</Link>
                </th>
                <td>{l(session.templateTitle) || session.templateId}</td>
                <td>{modeLabel(session.mode, t)}</td>
                <td>
                  <SessionStateBadge state={session.state} />
                </td>
                <td>
                  {start ? (
                    <time dateTime={start}>
                      {session.startedAt ? formatDateTime(start, lang) : t('sessions.planned', { at: formatDateTime(start, lang) })}
                    </time>
                  ) : (
                    t('sessions.manual')
                  )}
                </td>
                <td className="number">{session.trainees.length}</td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}
