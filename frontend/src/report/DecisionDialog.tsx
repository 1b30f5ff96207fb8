import { useId, useState } from 'react'
import { api, toApiError } from '../api'
import type { ApiError, CriterionGrade, Report } from '../api'
import { useI18n } from '../i18n'
import { ConfirmDialog, ErrorState } from '../ui'

const MAX_REASON = 2000

/**
 * "Modifier la décision" of one criterion: acquired or not, and the reason (required, here
 * and by the server). Sent as `PUT …/report/criteria/{id}`; on success the dialog closes and
 * hands the updated grid over; a refusal is shown inside, the reason kept for another try.
 */
export function DecisionDialog({
  labId,
  criterion,
  onSaved,
  onCancel,
}: {
  labId: string
  criterion: CriterionGrade
  onSaved: (report: Report, acquired: boolean) => void
  onCancel: () => void
}) {
  const { t } = useI18n()
  const name = useId()
  const reasonId = useId()
  const hintId = useId()
  const problemId = useId()
  // A change is what is asked for: the other decision is offered first.
  const [acquired, setAcquired] = useState(!criterion.acquired)
  const [reason, setReason] = useState('')
  const [missing, setMissing] = useState(false)
  const [sending, setSending] = useState(false)
  const [error, setError] = useState<ApiError | null>(null)

  async function confirm() {
    const text = reason.trim()
    if (text === '') {
      setMissing(true)
      document.getElementById(reasonId)?.focus()
      return
    }
    setMissing(false)
    setSending(true)
    setError(null)
    try {
      const report = await api.decideCriterion(labId, criterion.id, { acquired, reason: text })
      onSaved(report, acquired)
    } catch (e) {
      setError(toApiError(e))
      setSending(false)
    }
  }

  return (
    <ConfirmDialog
      title={t('override.title', { criterion: criterion.id })}
      text={t('override.text', { computed: t(`decision.${criterion.computed}`) })}
      confirmLabel={t('override.confirm')}
      danger={false}
      busy={sending}
      onConfirm={confirm}
      onCancel={onCancel}
    >
      <fieldset className="form-field">
        <legend>{t('override.decision')}</legend>
        {[true, false].map((value) => (
          <label key={String(value)} className="choice">
            <input
              type="radio"
              name={name}
              value={String(value)}
              checked={acquired === value}
              disabled={sending}
              onChange={() => setAcquired(value)}
            />
            <span>{t(`decision.${value}`)}</span>
          </label>
        ))}
      </fieldset>
      <div className="form-field">
        <label htmlFor={reasonId}>{t('override.reason')}</label>
        <textarea
          id={reasonId}
          rows={4}
          maxLength={MAX_REASON}
          required
          value={reason}
          readOnly={sending}
          aria-invalid={missing || undefined}
          aria-describedby={missing ? `${hintId} ${problemId}` : hintId}
          onChange={(e) => {
            setReason(e.target.value)
            if (missing && e.target.value.trim() !== '') setMissing(false)
          }}
        />
        <p id={hintId} className="hint muted">
          {t('override.reasonHint')}
        </p>
        {missing && (
          <p id={problemId} className="field-error">
            {t('override.reasonRequired')}
          </p>
        )}
      </div>
      {error && <ErrorState error={error} />}
    </ConfirmDialog>
  )
}
