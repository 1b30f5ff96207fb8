import { useId, useState } from 'react'
import type { FormEvent, ReactNode } from 'react'
import { Link, useNavigate, useParams } from 'react-router'
import { api, toApiError, useRemote } from '../api'
import type { ApiError, Criterion, Role, TemplateDetail } from '../api'
import { useI18n } from '../i18n'
import { USER_NAME } from '../sessions/time'
import { EmptyState, ErrorState, Loading, PageTitle, Section, Table, consoleName } from '../ui'
import { CriteriaList, TemplateFacts } from './CatalogPage'

/** `roles`: the signed-in user's roles (from App), to offer the right way to start a lab. */
export function TemplatePage({ roles = [] }: { roles?: readonly Role[] }) {
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

  if (template.state === 'ok') return <Detail template={template.data} back={back} roles={roles} />
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

function Detail({ template, back, roles }: { template: TemplateDetail; back: ReactNode; roles: readonly Role[] }) {
  const { t, l, n } = useI18n()
  const { summary } = template
  const criteria = new Map(summary.criteria.map((c) => [c.id, c]))

  return (
    <>
      {back}
      <PageTitle>{l(summary.title)}</PageTitle>
      {summary.summary && <p className="lead">{l(summary.summary)}</p>}
      <TemplateFacts template={summary} />

      <LaunchLab templateId={summary.id} practice={summary.practice} roles={roles} />

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

/**
 * Trainers and admins start a lab for a named trainee; a trainee starts a practice lab for
 * themselves when the template is open for practice. Either way, on to the new lab's page.
 */
function LaunchLab({ templateId, practice, roles }: { templateId: string; practice: boolean; roles: readonly Role[] }) {
  const staff = roles.includes('trainer') || roles.includes('admin')
  const trainee = roles.includes('trainee')
  if (!staff && !(trainee && practice)) return null
  return (
    <>
      {staff && <LaunchForTrainee templateId={templateId} />}
      {trainee && practice && <Practice templateId={templateId} />}
    </>
  )
}

function LaunchForTrainee({ templateId }: { templateId: string }) {
  const { t } = useI18n()
  const navigate = useNavigate()
  const headingId = useId()
  const inputId = useId()
  const hintId = useId()
  const problemId = useId()
  const [trainee, setTrainee] = useState('')
  // What is wrong with the name typed, said next to the field: nothing typed, or not a user name.
  const [problem, setProblem] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiError | null>(null)

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault()
    if (busy) return
    const name = trainee.trim()
    const found = !name ? t('launch.traineeRequired') : USER_NAME.test(name) ? null : t('launch.traineeInvalid', { name })
    setProblem(found)
    if (found) {
      document.getElementById(inputId)?.focus()
      return
    }
    setBusy(true)
    setError(null)
    try {
      const lab = await api.createLab(templateId, name)
      navigate(`/ateliers/${encodeURIComponent(lab.id)}`)
    } catch (err) {
      setError(toApiError(err))
      setBusy(false)
    }
  }

  return (
    <section aria-labelledby={headingId} className="launch">
      <h2 id={headingId}>{t('launch.title')}</h2>
      <form onSubmit={submit} noValidate aria-labelledby={headingId}>
        <div className="field">
          <label htmlFor={inputId}>{t('launch.trainee')}</label>
          <input
            id={inputId}
            name="trainee"
            type="text"
            required
            aria-required="true"
            autoComplete="off"
            spellCheck={false}
            autoCapitalize="none"
            value={trainee}
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? `${problemId} ${hintId}` : hintId}
            onChange={(e) => {
              setTrainee(e.target.value)
              setProblem(null)
            }}
          />
          <button type="submit" className="button" aria-disabled={busy}>
            {busy ? t('launch.working') : t('launch.submit')}
          </button>
        </div>
        <p id={hintId} className="muted hint">
          {t('launch.traineeHint')}
        </p>
        {problem && (
          <p id={problemId} className="field-error" role="alert">
            {problem}
          </p>
        )}
      </form>
      {error && <ErrorState error={error} />}
    </section>
  )
}

function Practice({ templateId }: { templateId: string }) {
  const { t } = useI18n()
  const navigate = useNavigate()
  const headingId = useId()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiError | null>(null)

  async function start() {
    if (busy) return
    setBusy(true)
    setError(null)
    try {
      const lab = await api.createLab(templateId)
      navigate(`/ateliers/${encodeURIComponent(lab.id)}`)
    } catch (err) {
      setError(toApiError(err))
      setBusy(false)
    }
  }

  return (
    <section aria-labelledby={headingId} className="launch">
      <h2 id={headingId}>{t('practice.title')}</h2>
      <p>{t('practice.text')}</p>
      <p className="actions">
        <button type="button" className="button" aria-disabled={busy} onClick={start}>
          {busy ? t('launch.working') : t('practice.button')}
        </button>
      </p>
      {error && <ErrorState error={error} />}
    </section>
  )
}

function unknownCriterion(id: string): Criterion {
  return { id, text: { fr: '' }, competency: '', competencyTitle: null, block: null }
}
