import { useId, useState } from 'react'
import { api, useRemote } from '../api'
import type { CriterionGrade, Lab, Report } from '../api'
import { formatDateTime, formatNumber, useI18n } from '../i18n'
import { EmptyState, ErrorState, Loading, Table } from '../ui'
import { DecisionDialog } from './DecisionDialog'
import { DecisionLog } from './DecisionLog'

/**
 * "Décisions par critère": the grid's criteria by block and competency, each with its decision
 * and a way to change it with a reason, then the journal of those changes. The grid is read
 * as JSON when this part of the page is shown; a saved decision replaces it with the server's.
 */
export function CriterionDecisions({ lab }: { lab: Lab }) {
  const { t } = useI18n()
  const headingId = useId()
  const report = useRemote(() => api.report(lab.id), lab.id)
  const [editing, setEditing] = useState<CriterionGrade | null>(null)
  const [announce, setAnnounce] = useState('')

  function saved(updated: Report, criterionId: string, asked: boolean) {
    const criterion = allCriteria(updated).find((c) => c.id === criterionId)
    const acquired = criterion ? criterion.acquired : asked
    report.set(updated)
    setEditing(null)
    setAnnounce(t('decisions.saved', { criterion: criterionId, decision: t(`decision.${acquired}`) }))
  }

  return (
    <>
      <section aria-labelledby={headingId} className="decisions">
        <h3 id={headingId}>{t('decisions.title')}</h3>
        <p className="announce" role="status" aria-live="polite" aria-atomic="true">
          {announce}
        </p>
        {report.state === 'loading' && <Loading label={t('decisions.loading')} />}
        {report.state === 'error' && <ErrorState error={report.error} onRetry={report.retry} />}
        {report.state === 'ok' && <DecisionTables report={report.data} onChange={setEditing} />}
      </section>
      {report.state === 'ok' && <DecisionLog overrides={report.data.overrides} />}
      {editing && (
        <DecisionDialog
          labId={lab.id}
          criterion={editing}
          onSaved={(updated, acquired) => saved(updated, editing.id, acquired)}
          onCancel={() => setEditing(null)}
        />
      )}
    </>
  )
}

function allCriteria(report: Report): CriterionGrade[] {
  return report.grade.blocks.flatMap((block) => block.competencies.flatMap((competency) => competency.criteria))
}

function DecisionTables({ report, onChange }: { report: Report; onChange: (criterion: CriterionGrade) => void }) {
  const { t, l, n, lang } = useI18n()
  const idPrefix = useId()
  const { grade } = report
  const number = (value: number) => formatNumber(value, lang)
  const groupPoints = (points: number, max: number) => (
    <>
      {' '}
      <span className="muted heading-note">({t('decisions.groupPoints', { points: number(points), max: number(max) })})</span>
    </>
  )

  return (
    <>
      {!report.intact && (
        <div className="notice notice-error" role="alert">
          <p className="notice-title">{t('integrity.title')}</p>
          <p>{t('integrity.text')}</p>
        </div>
      )}
      <p className="muted">{t('decisions.intro')}</p>
      {allCriteria(report).length === 0 ? (
        <EmptyState>
          <p>{t('decisions.empty')}</p>
        </EmptyState>
      ) : (
        <>
          {report.givenTasks && report.givenTasks.length > 0 && (
            <div className="notice">
              <p>{t('decisions.givenTasks')}</p>
              <ul>
                {report.givenTasks.map((g, i) => (
                  <li key={i}>{t('decisions.givenTask', { task: g.taskId, actor: g.givenBy, at: formatDateTime(g.givenAt, lang) })}</li>
                ))}
              </ul>
            </div>
          )}
          <p className="decisions-summary">
            {n('submission.criteria', grade.acquiredCriteria, { total: number(grade.totalCriteria) })}
            {' — '}
            {n('decisions.points', grade.points, { max: number(grade.maxPoints) })}
          </p>
          {grade.blocks.map((block, b) => (
            <div key={block.id} className="decision-block">
              <h4>
                {block.id} — {l(block.title)}
                {groupPoints(block.points, block.maxPoints)}
              </h4>
              {block.competencies.map((competency, c) => {
                const headingId = `${idPrefix}-${b}-${c}`
                return (
                  <div key={competency.id} className="decision-competency">
                    <h5 id={headingId}>
                      {competency.id} — {l(competency.title)}
                      {groupPoints(competency.points, competency.maxPoints)}
                    </h5>
                    <Table labelledBy={headingId} wide>
                      <thead>
                        <tr>
                          <th scope="col">{t('decisions.col.criterion')}</th>
                          <th scope="col">{t('decisions.col.text')}</th>
                          <th scope="col">{t('decisions.col.points')}</th>
                          <th scope="col">{t('decisions.col.threshold')}</th>
                          <th scope="col">{t('decisions.col.decision')}</th>
                          <th scope="col">{t('decisions.col.action')}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {competency.criteria.map((criterion) => (
                          <tr key={criterion.id}>
                            <th scope="row">
                              <code>{criterion.id}</code>
                            </th>
                            <td>{l(criterion.text)}</td>
                            <td className="nowrap">
                              {t('decisions.pointsValue', { points: number(criterion.points), max: number(criterion.maxPoints) })}
                            </td>
                            <td className="nowrap">{t('decisions.threshold', { n: number(criterion.threshold) })}</td>
                            <td>
                              <Decision criterion={criterion} />
                            </td>
                            <td>
                              <button type="button" className="button button-secondary button-small" onClick={() => onChange(criterion)}>
                                {t('decisions.change')}{' '}
                                <span className="visually-hidden">{t('decisions.for', { criterion: criterion.id })}</span>
                              </button>
                            </td>
                          </tr>
                        ))}
                      </tbody>
                    </Table>
                  </div>
                )
              })}
            </div>
          ))}
        </>
      )}
    </>
  )
}

/** The decision in words: what counts, then what the checks said when someone decided otherwise, and a check that could not run. */
function Decision({ criterion }: { criterion: CriterionGrade }) {
  const { t } = useI18n()
  return (
    <span className="decision">
      <strong className={criterion.acquired ? 'decision-acquired' : 'decision-not-acquired'}>{t(`decision.${criterion.acquired}`)}</strong>
      {criterion.override && (
        <>
          {' '}
          <span className="decision-note">
            ({t('decision.overridden', { actor: criterion.override.actor })}, {t(`decision.byChecks.${criterion.computed}`)})
          </span>
        </>
      )}
      {criterion.given && (
        <>
          {' '}
          <span className="decision-note decision-given">({t('decision.given')})</span>
        </>
      )}
      {criterion.unverified && (
        <>
          {' '}
          <span className="decision-note decision-unverified">({t('decision.unverified')})</span>
        </>
      )}
    </span>
  )
}
