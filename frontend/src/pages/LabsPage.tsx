import { useId } from 'react'
import { Link } from 'react-router'
import { LAB_STATES, api, useRemote } from '../api'
import type { Lab, LabState } from '../api'
import { formatDateTime, useI18n } from '../i18n'
import type { Key } from '../i18n'
import { EmptyState, ErrorState, Loading, PageTitle } from '../ui'

/** "Mes ateliers": the labs the API shows to the caller, newest first, each linking to its page. */
export function LabsPage() {
  const { t } = useI18n()
  const labs = useRemote(api.labs, 'labs')

  return (
    <>
      <PageTitle>{t('myLabs.title')}</PageTitle>
      <p className="lead">{t('myLabs.intro')}</p>

      {labs.state === 'loading' && <Loading label={t('myLabs.loading')} />}
      {labs.state === 'error' && <ErrorState error={labs.error} onRetry={labs.retry} />}
      {labs.state === 'ok' && labs.data.length === 0 && (
        <EmptyState>
          <p>{t('myLabs.empty')}</p>
          <p>
            <Link to="/">{t('myLabs.toCatalog')}</Link>
          </p>
        </EmptyState>
      )}
      {labs.state === 'ok' && labs.data.length > 0 && <LabTable labs={labs.data} />}
    </>
  )
}

function LabTable({ labs }: { labs: Lab[] }) {
  const { t, l, n, lang } = useI18n()
  const captionId = useId()
  const sorted = [...labs].sort((a, b) => b.createdAt.localeCompare(a.createdAt))
  return (
    <div className="table-wrap" role="region" tabIndex={0} aria-labelledby={captionId}>
      <table>
        <caption id={captionId} className="table-caption">
          {t('myLabs.title')} ({n('myLabs.count', labs.length)})
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('myLabs.col.template')}</th>
            <th scope="col">{t('myLabs.col.trainee')}</th>
            <th scope="col">{t('myLabs.col.state')}</th>
            <th scope="col">{t('myLabs.col.createdAt')}</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((lab) => (
            <tr key={lab.id}>
              <th scope="row">
                <Link to={`/ateliers/${encodeURIComponent(lab.id)}`}>{l(lab.templateTitle) || lab.templateId}</Link>
              </th>
              <td>
                <code>{lab.trainee}</code>
              </td>
              <td>
                <LabStateBadge state={lab.state} />
              </td>
              <td>
                <time dateTime={lab.createdAt}>{formatDateTime(lab.createdAt, lang)}</time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

/** The state's French (or English) label; an unknown state from a newer server shows as is. */
export function labStateLabel(state: string, t: (key: Key) => string): string {
  return (LAB_STATES as string[]).includes(state) ? t(`labState.${state}` as Key) : state
}

export function LabStateBadge({ state }: { state: LabState }) {
  const { t } = useI18n()
  return <span className={`state state-${state.toLowerCase()}`}>{labStateLabel(state, t)}</span>
}
