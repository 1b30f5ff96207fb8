import { useId } from 'react'
import { Link, useSearchParams } from 'react-router'
import { api, useRemote } from '../api'
import type { Criterion, TemplateSummary } from '../api'
import { formatDuration, useI18n } from '../i18n'
import { EmptyState, ErrorState, Loading, PageTitle } from '../ui'

export function CatalogPage() {
  const { t } = useI18n()
  const templates = useRemote(api.templates, 'templates')

  return (
    <>
      <PageTitle>{t('catalog.title')}</PageTitle>
      <p className="lead">{t('catalog.intro')}</p>

      {templates.state === 'loading' && <Loading label={t('catalog.loading')} />}
      {templates.state === 'error' && <ErrorState error={templates.error} onRetry={templates.retry} />}
      {templates.state === 'ok' && templates.data.length === 0 && (
        <EmptyState>
          <p>{t('catalog.empty')}</p>
        </EmptyState>
      )}
      {templates.state === 'ok' && templates.data.length > 0 && <CatalogList templates={templates.data} />}
    </>
  )
}

/** The cards, with a filter by referential when the catalog spans several (kept in `?referentiel=`). */
function CatalogList({ templates }: { templates: TemplateSummary[] }) {
  const { t, l, n } = useI18n()
  const [params, setParams] = useSearchParams()
  const filterId = useId()
  const selected = params.get('referentiel') ?? ''
  const referentials = [
    ...new Map(templates.flatMap((tpl) => (tpl.referential ? [[tpl.referential.id, tpl.referential] as const] : []))).values(),
  ]
  const shown = selected ? templates.filter((tpl) => tpl.referential?.id === selected) : templates

  return (
    <>
      <div className="toolbar">
        {referentials.length > 1 && (
          <div className="field">
            <label htmlFor={filterId}>{t('catalog.filter')}</label>
            <select
              id={filterId}
              value={selected}
              onChange={(e) => setParams(e.target.value ? { referentiel: e.target.value } : {}, { replace: true })}
            >
              <option value="">{t('catalog.filterAll')}</option>
              {referentials.map((ref) => (
                <option key={ref.id} value={ref.id}>
                  {l(ref.title)}
                </option>
              ))}
            </select>
          </div>
        )}
        <p className="muted" role="status">
          {n('catalog.count', shown.length)}
        </p>
      </div>
      {shown.length === 0 ? (
        <EmptyState>
          <p>{t('catalog.emptyFiltered')}</p>
        </EmptyState>
      ) : (
        <div className="cards">
          {shown.map((tpl) => (
            <TemplateCard key={tpl.id} template={tpl} />
          ))}
        </div>
      )}
    </>
  )
}

function TemplateCard({ template }: { template: TemplateSummary }) {
  const { t, l } = useI18n()
  const headingId = useId()
  const title = l(template.title)
  return (
    <article className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      {template.summary && <p>{l(template.summary)}</p>}
      <TemplateFacts template={template} />
      <h3>{t('criteria.title')}</h3>
      <CriteriaList criteria={template.criteria} />
      <p className="card-link">
        <Link to={`/modeles/${encodeURIComponent(template.id)}`}>
          {t('catalog.details')}
          <span className="visually-hidden"> : {title}</span>
        </Link>
      </p>
    </article>
  )
}

/** Referential, duration, machines, tasks, points: shared by the card and the detail page. */
export function TemplateFacts({ template }: { template: TemplateSummary }) {
  const { t, l, n, lang } = useI18n()
  return (
    <>
      {template.practice && <p className="badge">{t('facts.practice')}</p>}
      <dl className="facts">
        {template.referential && (
          <div>
            <dt>{t('facts.referential')}</dt>
            <dd>{l(template.referential.title)}</dd>
          </div>
        )}
        <div>
          <dt>{t('facts.duration')}</dt>
          <dd className="nowrap">{formatDuration(template.durationMinutes, lang)}</dd>
        </div>
        <div>
          <dt>{t('facts.machines')}</dt>
          <dd>{n('machines', template.nodeCount)}</dd>
        </div>
        <div>
          <dt>{t('facts.tasks')}</dt>
          <dd>
            {n('tasks', template.taskCount)} ({n('checks', template.checkCount)})
          </dd>
        </div>
        <div>
          <dt>{t('facts.points')}</dt>
          <dd>{n('points', template.totalPoints)}</dd>
        </div>
        {template.tags.length > 0 && (
          <div>
            <dt>{t('facts.tags')}</dt>
            <dd>
              <ul className="tags">
                {template.tags.map((tag) => (
                  <li key={tag}>{tag}</li>
                ))}
              </ul>
            </dd>
          </div>
        )}
      </dl>
    </>
  )
}

export function CriteriaList({ criteria }: { criteria: Criterion[] }) {
  const { t, l } = useI18n()
  if (criteria.length === 0) return <p className="muted">{t('criteria.none')}</p>
  return (
    <ul className="criteria">
      {criteria.map((c) => (
        <li key={c.id}>
          <span className="criterion-id">{c.id}</span> <span>{l(c.text)}</span>
        </li>
      ))}
    </ul>
  )
}
