import { useId, useState } from 'react'
import { api, useRemote } from '../api'
import type { Session } from '../api'
import { formatDateTime, useI18n } from '../i18n'
import { EmptyState, ErrorState, Loading, Table } from '../ui'

/** What the audit records: when one of these changes, the open history is fetched again. */
function timeVersion(session: Session): string {
  return [
    session.state,
    session.extensionMinutes,
    ...session.trainees.map((row) => `${row.trainee}:${row.tiersTemps}:${row.extraMinutes}:${row.givenBackMinutes}`),
  ].join('|')
}

/** "Historique": every change of time, behind a disclosure; loaded when opened. */
export function AuditLog({ session }: { session: Session }) {
  const { t } = useI18n()
  const panelId = useId()
  const headingId = useId()
  const [open, setOpen] = useState(false)
  return (
    <section aria-labelledby={headingId} className="audit">
      <h2 id={headingId}>
        <button type="button" className="disclosure" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen((o) => !o)}>
          <span aria-hidden="true">{open ? '▾ ' : '▸ '}</span>
          {t('audit.title')}
        </button>
      </h2>
      <div id={panelId} hidden={!open}>
        {open && <AuditEntries sessionId={session.id} version={timeVersion(session)} />}
      </div>
    </section>
  )
}

function AuditEntries({ sessionId, version }: { sessionId: string; version: string }) {
  const { t, lang } = useI18n()
  const audit = useRemote(() => api.sessionAudit(sessionId), `${sessionId}|${version}`)
  return (
    <>
      <p className="muted">{t('audit.intro')}</p>
      {audit.state === 'loading' && <Loading label={t('audit.loading')} />}
      {audit.state === 'error' && <ErrorState error={audit.error} onRetry={audit.retry} />}
      {audit.state === 'ok' &&
        (audit.data.length === 0 ? (
          <EmptyState>
            <p>{t('audit.empty')}</p>
          </EmptyState>
        ) : (
          <Table label={t('audit.title')} wide>
            <thead>
              <tr>
                <th scope="col">{t('audit.col.at')}</th>
                <th scope="col">{t('audit.col.actor')}</th>
                <th scope="col">{t('audit.col.trainee')}</th>
                <th scope="col">{t('audit.col.what')}</th>
              </tr>
            </thead>
            <tbody>
              {audit.data.map((entry, i) => (
                <tr key={i}>
                  <td className="nowrap">
                    <time dateTime={entry.at}>{formatDateTime(entry.at, lang)}</time>
                  </td>
                  <td>
                    <code>{entry.actor}</code>
                  </td>
                  <td>{entry.trainee ? <code>{entry.trainee}</code> : t('audit.everyone')}</td>
                  <td>{entry.what}</td>
                </tr>
              ))}
            </tbody>
          </Table>
        ))}
      {audit.state !== 'loading' && (
        <p>
          <button type="button" className="button button-secondary button-small" onClick={audit.retry}>
            {t('audit.refresh')}
          </button>
        </p>
      )}
    </>
  )
}
