import { useEffect } from 'react'
import type { ReactNode } from 'react'
import type { ApiError } from './api'
import { useI18n } from './i18n'
import type { Key } from './i18n'

/** The page's <h1>, also used as the browser tab title. */
export function PageTitle({ children }: { children: string }) {
  const { t } = useI18n()
  const appName = t('app.name')
  useEffect(() => {
    document.title = `${children} — ${appName}`
  }, [children, appName])
  return <h1>{children}</h1>
}

export function Loading({ label }: { label?: string }) {
  const { t } = useI18n()
  return (
    <p className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label ?? t('loading')}
    </p>
  )
}

const KNOWN_STATUSES = [0, 401, 403, 404]

/** A readable error: what happened in plain words, the server's detail, and a retry button. */
export function ErrorState({ error, onRetry }: { error: ApiError; onRetry?: () => void }) {
  const { t } = useI18n()
  const explanation = t((KNOWN_STATUSES.includes(error.status) ? `error.${error.status}` : 'error.other') as Key)
  return (
    <div className="notice notice-error" role="alert" aria-live="assertive">
      <p className="notice-title">{t('error.title')}</p>
      <p>{explanation}</p>
      {error.message && (
        <p className="muted">
          {t('error.detail')} {error.message}
        </p>
      )}
      {onRetry && (
        <button type="button" className="button" onClick={onRetry}>
          {t('retry')}
        </button>
      )}
    </div>
  )
}

export function EmptyState({ children }: { children: ReactNode }) {
  return <div className="notice notice-empty">{children}</div>
}
