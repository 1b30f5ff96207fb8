import { useId } from 'react'
import type { TraineeRow } from '../api'
import { useI18n } from '../i18n'
import { preparing } from './changes'

/**
 * "3 ateliers prêts sur 4" and its bar while labs are still being prepared (or one failed);
 * nothing once every lab is past its preparation.
 */
export function ProvisioningProgress({ trainees }: { trainees: TraineeRow[] }) {
  const { n, t } = useI18n()
  const labelId = useId()
  const waiting = preparing(trainees)
  const failed = trainees.filter((row) => row.labState === 'FAILED').length
  if (trainees.length === 0 || (waiting === 0 && failed === 0)) return null
  const ready = trainees.length - waiting - failed
  return (
    <div className="provisioning">
      <p id={labelId} className="progress-count">
        {n('provisioning.count', ready, { total: trainees.length })}
      </p>
      <progress max={trainees.length} value={ready} aria-labelledby={labelId} />
      {waiting > 0 && (
        <p className="loading">
          <span className="spinner" aria-hidden="true" />
          {t('provisioning.hint')}
        </p>
      )}
      {failed > 0 && <p className="notice notice-error">{n('provisioning.failed', failed)}</p>}
    </div>
  )
}
