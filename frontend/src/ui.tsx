import { useEffect, useId, useLayoutEffect, useRef } from 'react'
import type { KeyboardEvent, ReactNode } from 'react'
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

/**
 * A modal confirmation: focus goes to "Annuler" (the safe choice), Tab stays inside,
 * Escape cancels, and the focus returns to the button that opened it when it closes.
 * Rendered in place (no portal); the backdrop covers the page while it is open.
 */
export function ConfirmDialog({
  title,
  text,
  confirmLabel,
  busy = false,
  danger = true,
  onConfirm,
  onCancel,
  children,
}: {
  title: string
  text: string
  confirmLabel: string
  busy?: boolean
  /** false: the confirmation does nothing destructive (its button is then the plain one). */
  danger?: boolean
  onConfirm: () => void
  onCancel: () => void
  children?: ReactNode
}) {
  const { t } = useI18n()
  const titleId = useId()
  const textId = useId()
  const dialog = useRef<HTMLDivElement>(null)
  const cancel = useRef<HTMLButtonElement>(null)

  // A layout effect: its clean-up runs in the same commit that removes the dialog. A passive
  // effect's ran later, so for a moment the focus sat on <body> (lost by the removed button);
  // a screen reader could announce the page from its top, and a test under load saw it.
  useLayoutEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null
    cancel.current?.focus()
    return () => {
      // The opener may be gone (a reset hides its button): then back to the page's content.
      if (opener?.isConnected) opener.focus()
      else document.getElementById('contenu')?.focus()
    }
  }, [])

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    if (e.key === 'Escape') {
      e.preventDefault()
      if (!busy) onCancel()
      return
    }
    if (e.key !== 'Tab' || !dialog.current) return
    const focusable = [...dialog.current.querySelectorAll<HTMLElement>('button, a[href], input, select, textarea')]
    if (focusable.length === 0) return
    const first = focusable[0]
    const last = focusable[focusable.length - 1]
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault()
      last.focus()
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault()
      first.focus()
    }
  }

  return (
    <div className="dialog-backdrop">
      <div
        ref={dialog}
        className="dialog"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={textId}
        onKeyDown={onKeyDown}
      >
        <h2 id={titleId}>{title}</h2>
        <p id={textId}>{text}</p>
        {children}
        <div className="actions">
          <button type="button" className={danger ? 'button button-danger' : 'button'} onClick={() => !busy && onConfirm()} aria-disabled={busy}>
            {confirmLabel}
          </button>
          <button ref={cancel} type="button" className="button button-secondary" onClick={() => !busy && onCancel()}>
            {t('cancel')}
          </button>
        </div>
      </div>
    </div>
  )
}

/** A titled part of a page; `children` may take the heading's id to label a table with it. */
export function Section({ title, children }: { title: Key; children: ReactNode | ((headingId: string) => ReactNode) }) {
  const { t } = useI18n()
  const headingId = useId()
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{t(title)}</h2>
      {typeof children === 'function' ? children(headingId) : children}
    </section>
  )
}

/** A wide table scrolls sideways on narrow screens; its scroll area is reachable with the keyboard. */
export function Table({ labelledBy, label, wide, children }: { labelledBy?: string; label?: string; wide?: boolean; children: ReactNode }) {
  const table = (
    <table aria-labelledby={labelledBy} aria-label={label}>
      {children}
    </table>
  )
  if (!wide) return table
  return (
    <div className="table-wrap" role="region" tabIndex={0} aria-labelledby={labelledBy} aria-label={label}>
      {table}
    </div>
  )
}

/** A console kind's name (VNC, serial, SSH) in the interface language; `short` for a tab (Écran, Série, SSH). */
export function consoleName(kind: string, t: (key: Key) => string, short = false): string {
  return ['vnc', 'serial', 'ssh'].includes(kind) ? t(`console.${short ? 'short.' : ''}${kind}` as Key) : kind
}
