import { useId } from 'react'
import type { ReactNode } from 'react'
import { Link, useParams } from 'react-router'
import { api, useRemote } from '../api'
import type { Criterion, TemplateDetail } from '../api'
import { useI18n } from '../i18n'
import type { Key } from '../i18n'
import { EmptyState, ErrorState, Loading, PageTitle } from '../ui'
import { CriteriaList, TemplateFacts } from './CatalogPage'

export function TemplatePage() {
  const { t } = useI18n()
  const id = useParams().id ?? ''
  const template = useRemote(() => api.template(id), id)

  const back = (
    <p className="back">
      <Link to="/">
        <span aria-hidden="true">← </span>
        {t('template.back')}
      </Link>
    </p>
  )

  if (template.state === 'ok') return <Detail template={template.data} back={back} />
  if (template.state === 'error' && template.error.status === 404) {
    return (
      <>
        {back}
        <PageTitle>{t('template.notFound')}</PageTitle>
        <EmptyState>
          <p>{t('template.notFoundText')}</p>
          <p className="muted">{template.error.message}</p>
        </EmptyState>
      </>
    )
  }
  return (
    <>
      {back}
      <PageTitle>{id}</PageTitle>
      {template.state === 'loading' ? (
        <Loading label={t('template.loading')} />
      ) : (
        <ErrorState error={template.error} onRetry={template.retry} />
      )}
    </>
  )
}

function Detail({ template, back }: { template: TemplateDetail; back: ReactNode }) {
  const { t, l, n } = useI18n()
  const { summary } = template
  const criteria = new Map(summary.criteria.map((c) => [c.id, c]))

  return (
    <>
      {back}
      <PageTitle>{l(summary.title)}</PageTitle>
      {summary.summary && <p className="lead">{l(summary.summary)}</p>}
      <TemplateFacts template={summary} />

      <Section title="criteria.title">
        <CriteriaList criteria={summary.criteria} />
      </Section>

      <Section title="template.machines">
        {(headingId) => (
          <Table labelledBy={headingId} wide>
            <thead>
              <tr>
                <th scope="col">{t('col.name')}</th>
                <th scope="col">{t('col.description')}</th>
                <th scope="col">{t('col.image')}</th>
                <th scope="col">{t('col.memory')}</th>
                <th scope="col">{t('col.cpus')}</th>
                <th scope="col">{t('col.consoles')}</th>
                <th scope="col">{t('col.addresses')}</th>
              </tr>
            </thead>
            <tbody>
              {template.nodes.map((node) => (
                <tr key={node.name}>
                  <th scope="row" className="nowrap">
                    <code>{node.name}</code>
                  </th>
                  <td>{l(node.description) || t('none')}</td>
                  <td className="nowrap">
                    <code>{node.image}</code>
                  </td>
                  <td className="nowrap">{t('memory', { n: node.memoryMiB })}</td>
                  <td>{node.cpus}</td>
                  <td>{node.consoles.map((c) => consoleName(c, t)).join(', ') || t('none')}</td>
                  <td>
                    <ul className="plain">
                      {node.nics.map((nic, i) => (
                        <li key={i} className="nowrap">
                          <code>{nic.ip ?? t('none')}</code> ({nic.network})
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </Section>

      <Section title="template.networks">
        {(headingId) =>
          template.networks.length === 0 ? (
            <p className="muted">{t('template.noNetworks')}</p>
          ) : (
            <Table labelledBy={headingId} wide>
              <thead>
                <tr>
                  <th scope="col">{t('col.name')}</th>
                  <th scope="col">{t('col.cidr')}</th>
                  <th scope="col">{t('col.gateway')}</th>
                  <th scope="col">{t('col.description')}</th>
                </tr>
              </thead>
              <tbody>
                {template.networks.map((net) => (
                  <tr key={net.name}>
                    <th scope="row">
                      <code>{net.name}</code>
                    </th>
                    <td>
                      <code>{net.cidr}</code>
                    </td>
                    <td>{net.gateway ? <code>{net.gateway}</code> : t('none')}</td>
                    <td>{l(net.description) || t('none')}</td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )
        }
      </Section>

      <Section title="template.tasks">
        {template.tasks.length === 0 ? (
          <p className="muted">{t('template.noTasks')}</p>
        ) : (
          <ol className="tasks">
            {template.tasks.map((task) => {
              const title = l(task.title)
              return (
                <li key={task.id} className="task">
                  <h3>
                    {title} <span className="task-points">{n('points', task.points)}</span>
                  </h3>
                  <Table label={t('template.checksOf', { title })}>
                    <thead>
                      <tr>
                        <th scope="col">{t('col.check')}</th>
                        <th scope="col">{t('col.criteria')}</th>
                        <th scope="col" className="number">
                          {t('col.points')}
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {task.checks.map((check) => (
                        <tr key={check.id}>
                          <td>{l(check.description) || check.id}</td>
                          <td>
                            {check.criteria.length === 0 ? (
                              t('none')
                            ) : (
                              <CriteriaList
                                criteria={check.criteria.map((cid) => criteria.get(cid) ?? unknownCriterion(cid))}
                              />
                            )}
                          </td>
                          <td className="number">{n('points', check.points)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </Table>
                </li>
              )
            })}
          </ol>
        )}
      </Section>
    </>
  )
}

function Section({ title, children }: { title: Key; children: ReactNode | ((headingId: string) => ReactNode) }) {
  const { t } = useI18n()
  const headingId = useId()
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{t(title)}</h2>
      {typeof children === 'function' ? children(headingId) : children}
    </section>
  )
}

/** A wide table scrolls sideways on narrow screens; its scroll area is reachable with the keyboard. */
function Table({ labelledBy, label, wide, children }: { labelledBy?: string; label?: string; wide?: boolean; children: ReactNode }) {
  const table = (
    <table aria-labelledby={labelledBy} aria-label={label}>
      {children}
    </table>
  )
  if (!wide) return table
  return (
    <div className="table-wrap" role="region" tabIndex={0} aria-labelledby={labelledBy} aria-label={label}>
      {table}
    </div>
  )
}

function consoleName(kind: string, t: (key: Key) => string): string {
  return ['vnc', 'serial', 'ssh'].includes(kind) ? t(`console.${kind}` as Key) : kind
}

function unknownCriterion(id: string): Criterion {
  return { id, text: { fr: '' }, competency: '', competencyTitle: null, block: null }
}
