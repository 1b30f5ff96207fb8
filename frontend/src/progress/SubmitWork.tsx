import { useState } from 'react'
import { api, toApiError } from '../api'
import type { ApiError, Submission } from '../api'
import { useI18n } from '../i18n'
import { ConfirmDialog } from '../ui'
import { ProgressError } from './ProgressError'

/**
 * The trainee's "Rendre mon travail": a confirmation (the grade is final), then the final
 * verification and the grade, handed to `onSubmitted`. `blocked` while a verification runs.
 * `reboots`: the final run also reboots the machines (checks `after: reboot`), which the
 * confirmation says and the wait explains (a couple of minutes).
 */
export function SubmitWork({
  labId,
  blocked,
  reboots = false,
  onSubmitted,
}: {
  labId: string
  blocked: boolean
  reboots?: boolean
  onSubmitted: (submission: Submission) => void
}) {
  const { t } = useI18n()
  const [confirm, setConfirm] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiError | null>(null)

  async function submit() {
    if (busy) return
    setBusy(true)
    setError(null)
    try {
      const submission = await api.submit(labId)
      setConfirm(false)
      onSubmitted(submission)
    } catch (e) {
      setConfirm(false)
      setError(toApiError(e))
    } finally {
      setBusy(false)
    }
  }

  const unavailable = blocked || busy
  return (
    <div className="submit-work">
      <p className="muted">{t('submit.hint')}</p>
      <button type="button" className="button" aria-disabled={unavailable} onClick={() => !unavailable && setConfirm(true)}>
        {t('submit.button')}
      </button>
      {error && <ProgressError error={error} />}
      {confirm && (
        <ConfirmDialog
          title={t('submit.confirm.title')}
          text={reboots ? `${t('submit.confirm.text')} ${t('submit.confirm.reboot')}` : t('submit.confirm.text')}
          confirmLabel={t('submit.confirm.confirm')}
          busy={busy}
          onConfirm={submit}
          onCancel={() => setConfirm(false)}
        >
          {busy && (
            <p className="loading" role="status" aria-live="polite">
              <span className="spinner" aria-hidden="true" />
              {reboots ? t('submit.workingReboot') : t('submit.working')}
            </p>
          )}
        </ConfirmDialog>
      )}
    </div>
  )
}
