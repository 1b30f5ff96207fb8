import type { ApiError } from '../api'
import { useI18n } from '../i18n'
import { ErrorState } from '../ui'

/**
 * Why a "Vérifier", "Commencer" or "Rendre" did not happen: a 429 says how long to wait
 * (the server's Retry-After), a 409 gives the server's reason as is, anything else the
 * usual error with its detail.
 */
export function ProgressError({ error }: { error: ApiError }) {
  const { t } = useI18n()
  if (error.status === 429) {
    return (
      <div className="notice notice-error" role="alert">
        <p>{error.retryAfterSeconds !== null ? t('progress.wait', { seconds: error.retryAfterSeconds }) : error.message}</p>
      </div>
    )
  }
  if (error.status === 409) {
    return (
      <div className="notice notice-error" role="alert">
        <p className="notice-title">{t('progress.refused')}</p>
        <p>{error.message}</p>
      </div>
    )
  }
  return <ErrorState error={error} />
}
