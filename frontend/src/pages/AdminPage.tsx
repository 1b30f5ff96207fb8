import { useId, useState } from 'react'
import { Link } from 'react-router'
import { api, toApiError, useRemote } from '../api'
import type { ApiError, CatalogReport } from '../api'
import { formatDateTime, useI18n } from '../i18n'
import { ErrorState, Loading, PageTitle, Table } from '../ui'

export function AdminPage() {
  const { t, n, lang } = useI18n()
  const report = useRemote(api.catalogReport, 'catalog-report')
  const [reloading, setReloading] = useState(false)
  const [reloadError, setReloadError] = useState<ApiError | null>(null)
  const [announce, setAnnounce] = useState('')

  async function reload() {
    if (reloading) return
    setReloading(true)
    setReloadError(null)
    setAnnounce('')
    try {
      const fresh = await api.reloadCatalog()
      report.set(fresh)
      setAnnounce(
        t('admin.reloaded', {
          templates: n('admin.templates', fresh.templates.length),
          problems: n('admin.problems', fresh.problems.length),
        }),
      )
    } catch (e) {
      setReloadError(toApiError(e))
    } finally {
      setReloading(false)
    }
  }

  return (
    <>
      <PageTitle>{t('admin.title')}</PageTitle>
      <p className="lead">{t('admin.intro')}</p>

      {report.state === 'loading' && <Loading label={t('admin.loading')} />}
      {report.state === 'error' && <ErrorState error={report.error} onRetry={report.retry} />}
      {report.state === 'ok' && (
        <>
          <div className="toolbar">
            <p>
              {t('admin.loadedAt')}{' '}
              <time dateTime={report.data.loadedAt}>{formatDateTime(report.data.loadedAt, lang)}</time>
            </p>
            {/* aria-disabled rather than disabled: the button keeps the keyboard focus while reloading. */}
            <button type="button" className="button" onClick={reload} aria-disabled={reloading}>
              {reloading ? t('admin.reloading') : t('admin.reload')}
            </button>
          </div>
          <p className="announce" role="status" aria-live="polite">
            {announce}
          </p>
          {reloadError && <ErrorState error={reloadError} />}
          <Report report={report.data} />
        </>
      )}
    </>
  )
}

function Report({ report }: { report: CatalogReport }) {
  const { t } = useI18n()
  const templatesId = useId()
  const problemsId = useId()
  return (
    <>
      <section aria-labelledby={templatesId}>
        <h2 id={templatesId}>
          {t('admin.templates')} ({report.templates.length})
        </h2>
        {report.templates.length === 0 ? (
          <p className="muted">{t('admin.noTemplates')}</p>
        ) : (
          <ul className="columns">
            {report.templates.map((id) => (
              <li key={id}>
                <Link to={`/modeles/${encodeURIComponent(id)}`}>
                  <code>{id}</code>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby={problemsId}>
        <h2 id={problemsId}>
          {t('admin.problems')} ({report.problems.length})
        </h2>
        {report.problems.length === 0 ? (
          <p className="notice notice-ok">{t('admin.noProblems')}</p>
        ) : (
          <Table labelledBy={problemsId} wide>
              <thead>
                <tr>
                  <th scope="col">{t('admin.col.location')}</th>
                  <th scope="col">{t('admin.col.path')}</th>
                  <th scope="col">{t('admin.col.message')}</th>
                </tr>
              </thead>
              <tbody>
                {report.problems.map((p, i) => (
                  <tr key={i}>
                    <td>
                      <code className="break">
                        {p.file}
                        {p.line != null ? `:${p.line}` : ''}
                      </code>
                    </td>
                    <td>{p.path ? <code className="break">{p.path}</code> : t('none')}</td>
                    <td>{p.message}</td>
                  </tr>
                ))}
              </tbody>
          </Table>
        )}
      </section>
    </>
  )
}
