import { useId } from 'react'
import type { GradeOverride } from '../api'
import { formatDateTime, useI18n } from '../i18n'
import { EmptyState } from '../ui'

/** "Journal des décisions": every criterion decided by hand, oldest first, with who, when and why. */
export function DecisionLog({ overrides }: { overrides: GradeOverride[] }) {
  const { t, lang } = useI18n()
  const headingId = useId()
  return (
    <section aria-labelledby={headingId} className="decision-log">
      <h3 id={headingId}>{t('journal.title')}</h3>
      {overrides.length === 0 ? (
        <EmptyState>
          <p>{t('journal.empty')}</p>
        </EmptyState>
      ) : (
        <>
          <p className="muted">{t('journal.intro')}</p>
          <ol aria-labelledby={headingId}>
            {overrides.map((entry, i) => (
              <li key={`${entry.at}-${entry.criterionId}-${i}`}>
                <p>
                  <time dateTime={entry.at}>{formatDateTime(entry.at, lang)}</time>
                  {' — '}
                  {t('journal.by', { actor: entry.actor })}
                  {' — '}
                  {t('journal.criterion', { criterion: entry.criterionId })}{' '}
                  <strong>{t(`decision.${entry.previous}`)}</strong> <span aria-hidden="true">→</span>
                  <span className="visually-hidden">{t('journal.becomes')}</span> <strong>{t(`decision.${entry.acquired}`)}</strong>
                </p>
                <p>
                  {t('journal.reason')} {entry.reason}
                </p>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  )
}
