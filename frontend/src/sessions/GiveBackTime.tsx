import { useId, useState } from 'react'
import { useI18n } from '../i18n'
import { ConfirmDialog } from '../ui'
import type { Accommodate } from './TraineeGrid'
import { MinutesInput } from './MinutesInput'

/**
 * "Rendre du temps": minutes lost to a platform fault, given back to one trainee with a
 * written reason (the server audits it), in a dialog.
 */
export function GiveBackTime({ trainee, busy, accommodate }: { trainee: string; busy: boolean; accommodate: Accommodate }) {
  const { t } = useI18n()
  const minutesId = useId()
  const reasonId = useId()
  const minutesProblemId = useId()
  const reasonProblemId = useId()
  const [open, setOpen] = useState(false)
  const [minutes, setMinutes] = useState('')
  const [reason, setReason] = useState('')
  const [problems, setProblems] = useState<{ minutes: boolean; reason: boolean }>({ minutes: false, reason: false })
  const [sending, setSending] = useState(false)

  function close() {
    setOpen(false)
    setMinutes('')
    setReason('')
    setProblems({ minutes: false, reason: false })
  }

  async function confirm() {
    const value = Number(minutes)
    const found = { minutes: !/^\d+$/.test(minutes.trim()) || value <= 0, reason: reason.trim() === '' }
    setProblems(found)
    if (found.minutes || found.reason) {
      document.getElementById(found.minutes ? minutesId : reasonId)?.focus()
      return
    }
    setSending(true)
    // Accepted or refused, the dialog closes: the grid announces the change or shows the server's reason.
    await accommodate(trainee, { givenBackMinutes: value, reason: reason.trim() }, t('grid.done.giveBack', { trainee, minutes: value }))
    setSending(false)
    close()
  }

  return (
    <>
      <button type="button" className="button button-secondary button-small" aria-disabled={busy} onClick={() => !busy && setOpen(true)}>
        {t('grid.giveBack')}{' '}
        <span className="visually-hidden">{t('grid.for', { trainee })}</span>
      </button>
      {open && (
        <ConfirmDialog
          title={t('giveBack.title', { trainee })}
          text={t('giveBack.text')}
          confirmLabel={t('giveBack.confirm')}
          danger={false}
          busy={sending}
          onConfirm={confirm}
          onCancel={close}
        >
          <div className="form-field">
            <label htmlFor={minutesId}>{t('giveBack.minutes')}</label>
            <MinutesInput id={minutesId} min={1} value={minutes} onChange={setMinutes}
              problemId={problems.minutes ? minutesProblemId : undefined} />
            {problems.minutes && (
              <p id={minutesProblemId} className="field-error">
                {t('giveBack.minutesInvalid')}
              </p>
            )}
          </div>
          <div className="form-field">
            <label htmlFor={reasonId}>{t('giveBack.reason')}</label>
            <textarea
              id={reasonId}
              rows={3}
              value={reason}
              aria-invalid={problems.reason || undefined}
              aria-describedby={problems.reason ? reasonProblemId : undefined}
              onChange={(e) => setReason(e.target.value)}
            />
            {problems.reason && (
              <p id={reasonProblemId} className="field-error">
                {t('giveBack.reasonRequired')}
              </p>
            )}
          </div>
        </ConfirmDialog>
      )}
    </>
  )
}
