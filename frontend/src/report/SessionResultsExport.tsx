import { useEffect, useRef, useState } from 'react'
import { api, toApiError } from '../api'
import type { ApiError, Session } from '../api'
import { useI18n } from '../i18n'
import { ErrorState, Section } from '../ui'
import { saveAs, sessionReportFileName } from './download'

/** Shown once a trainee of the session has handed in: before that, nothing can be graded. */
export function hasSubmissions(session: Session): boolean {
  return session.trainees.some((row) => row.submittedAt !== null)
}

/**
 * "Exporter les résultats (CSV)": every graded lab of the session in one spreadsheet, one row
 * per trainee and criterion. Fetched with the session's token, then saved from a Blob URL.
 * The server answers 404 while no lab is graded yet: said in words, not as an error.
 */
export function SessionResultsExport({ session }: { session: Session }) {
  const { t } = useI18n()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiError | null>(null)
  const [announce, setAnnounce] = useState('')
  const urls = useRef<string[]>([])

  useEffect(
    () => () => {
      for (const url of urls.current) URL.revokeObjectURL(url)
      urls.current = []
    },
    [],
  )

  async function exportResults() {
    if (busy) return
    setBusy(true)
    setError(null)
    setAnnounce('')
    try {
      const blob = await api.downloadSessionReport(session.id)
      const url = URL.createObjectURL(blob)
      urls.current.push(url)
      const fileName = sessionReportFileName(session)
      saveAs(url, fileName)
      setAnnounce(t('report.saved', { file: fileName }))
    } catch (e) {
      const failure = toApiError(e)
      if (failure.status === 404) setAnnounce(t('sessionReport.none'))
      else setError(failure)
    } finally {
      setBusy(false)
    }
  }

  return (
    <Section title="sessionReport.title">
      <p className="muted">{t('sessionReport.intro')}</p>
      <div className="actions">
        <button type="button" className="button button-secondary" aria-disabled={busy} onClick={exportResults}>
          {t('sessionReport.button')}
        </button>
      </div>
      <p className={busy ? 'loading' : 'announce'} role="status" aria-live="polite">
        {busy && <span className="spinner" aria-hidden="true" />}
        {busy ? t('sessionReport.working') : announce}
      </p>
      {error && <ErrorState error={error} />}
    </Section>
  )
}
