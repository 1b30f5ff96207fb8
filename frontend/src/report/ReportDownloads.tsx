import { useEffect, useRef, useState } from 'react'
import { api, toApiError } from '../api'
import type { ApiError, Lab, ReportFormat } from '../api'
import { useI18n } from '../i18n'
import type { Key } from '../i18n'
import { ErrorState, Section } from '../ui'
import { CriterionDecisions } from './CriterionDecisions'
import { openInNewTab, reportFileName, saveAs } from './download'

const FORMATS: ReportFormat[] = ['html', 'csv', 'json']

/**
 * The staff's "Grille d'évaluation" of a graded lab: the printable grid opens in a new tab,
 * the spreadsheet and the data are downloaded. Fetched with the session's token (a plain
 * link could not carry it), then handed to the browser as Blob URLs. Below, the decisions
 * per criterion, which the staff may change with a reason.
 */
export function ReportDownloads({ lab }: { lab: Lab }) {
  const { t } = useI18n()
  const [busy, setBusy] = useState<ReportFormat | null>(null)
  const [error, setError] = useState<ApiError | null>(null)
  const [announce, setAnnounce] = useState('')
  const [printable, setPrintable] = useState<string | null>(null)
  const urls = useRef<string[]>([])

  // The documents stay reachable while the page is shown, and are released with it.
  useEffect(
    () => () => {
      for (const url of urls.current) URL.revokeObjectURL(url)
      urls.current = []
    },
    [],
  )

  async function fetchReport(format: ReportFormat) {
    if (busy) return
    setBusy(format)
    setError(null)
    setAnnounce('')
    try {
      const blob = await api.downloadReport(lab.id, format)
      const url = URL.createObjectURL(blob)
      urls.current.push(url)
      if (format === 'html') {
        setPrintable(url)
        openInNewTab(url)
        setAnnounce(t('report.opened'))
      } else {
        const fileName = reportFileName(lab, format)
        saveAs(url, fileName)
        setAnnounce(t('report.saved', { file: fileName }))
      }
    } catch (e) {
      setError(toApiError(e))
    } finally {
      setBusy(null)
    }
  }

  return (
    <Section title="report.title">
      <p className="muted">{t('report.intro')}</p>
      <div className="actions">
        {FORMATS.map((format) => (
          <button
            key={format}
            type="button"
            className={format === 'html' ? 'button' : 'button button-secondary'}
            aria-disabled={busy !== null}
            onClick={() => fetchReport(format)}
          >
            {t(`report.${format}` as Key)}
          </button>
        ))}
      </div>
      <p className={busy ? 'loading' : 'announce'} role="status" aria-live="polite">
        {busy && <span className="spinner" aria-hidden="true" />}
        {busy ? t('report.working') : announce}
      </p>
      {printable && !busy && (
        <p>
          <a href={printable} target="_blank" rel="noopener">
            {t('report.openAgain')}
          </a>
        </p>
      )}
      {error && <ErrorState error={error} />}
      <CriterionDecisions lab={lab} />
    </Section>
  )
}
