import { Suspense, lazy, useCallback, useEffect, useReducer, useRef, useState } from 'react'
import { openConsole, toApiError } from '../api'
import type { ConsoleKind, ConsoleTicket, LabNode } from '../api'
import { useI18n } from '../i18n'
import { ConfirmDialog, Loading } from '../ui'
import { GuacamoleDisplay } from './GuacamoleDisplay'
import { loadGuacamole } from './loadGuacamole'
import { INITIAL, isFatalStatus, nextState } from './reconnect'

// xterm.js weighs more than the rest of the interface: loaded with the first terminal.
const TerminalView = lazy(() => import('./TerminalView').then((m) => ({ default: m.TerminalView })))

/**
 * What ConsoleView gives the part that draws a console (GuacamoleDisplay, TerminalView).
 * `ticket`: connect with it (once); a new ticket means a new connection, null means none.
 * The reports name the ticket they are about, so that a late one from an old connection is ignored.
 */
export type ConsoleConnection = {
  node: string
  ticket: ConsoleTicket | null
  /** What the server said last (null before the first ticket): read-only, or allowed to act. */
  readOnly: boolean | null
  onConnected: (ticket: ConsoleTicket, readOnly?: boolean) => void
  onClosed: (ticket: ConsoleTicket, message: string | null) => void
}

/** One console of one machine: its state in words, its tools, and the screen or terminal. */
export function ConsoleView({ labId, node, kind, staff }: { labId: string; node: LabNode; kind: ConsoleKind; staff: boolean }) {
  const { t } = useI18n()
  if (node.running === false) {
    return (
      <div className="console">
        <div className="console-status" role="status" aria-live="polite">
          <p className="console-state console-state-stopped">{t('consoles.stopped')}</p>
        </div>
        <p>{t('consoles.stoppedHint', { node: node.name })}</p>
      </div>
    )
  }
  return <LiveConsole labId={labId} node={node.name} kind={kind} staff={staff} />
}

function LiveConsole({ labId, node, kind, staff }: { labId: string; node: string; kind: ConsoleKind; staff: boolean }) {
  const { t } = useI18n()
  const [state, dispatch] = useReducer(nextState, INITIAL)
  const [ticket, setTicketState] = useState<ConsoleTicket | null>(null)
  const [readOnly, setReadOnly] = useState<boolean | null>(null)
  const [control, setControl] = useState(false)
  const [confirming, setConfirming] = useState(false)
  const [fullscreen, setFullscreen] = useState(false)
  const root = useRef<HTMLDivElement>(null)
  // The current ticket, for the reports (they may come before React renders again).
  const ticketRef = useRef<ConsoleTicket | null>(null)
  // Each attempt gets a number; an answer for an older attempt is dropped.
  const attempt = useRef(0)
  const controlRef = useRef(false)
  const tRef = useRef(t)
  useEffect(() => {
    tRef.current = t
  }, [t])

  const setTicket = useCallback((next: ConsoleTicket | null) => {
    ticketRef.current = next
    setTicketState(next)
  }, [])

  /** Closes the current connection (if any), then asks for a fresh ticket and connects with it. */
  const connect = useCallback(async () => {
    const current = ++attempt.current
    setTicket(null)
    dispatch({ type: 'connect' })
    try {
      if (kind === 'vnc') {
        await loadGuacamole().catch(() => {
          throw new Error(tRef.current('consoles.error.script'))
        })
      }
      const fresh = await openConsole(labId, node, kind, controlRef.current)
      if (current !== attempt.current) return
      setReadOnly(fresh.readOnly)
      setTicket(fresh)
    } catch (e) {
      if (current !== attempt.current) return
      const error = toApiError(e)
      dispatch({ type: 'lost', error: error.message, fatal: isFatalStatus(error.status) })
    }
  }, [labId, node, kind, setTicket])

  // Connect when shown; leaving the tab (unmount) drops any answer still on its way. Started on the
  // next turn, so that a mount undone at once (React's StrictMode in development) asks for no ticket.
  useEffect(() => {
    const timer = setTimeout(() => void connect(), 0)
    return () => {
      clearTimeout(timer)
      attempt.current++
      ticketRef.current = null
    }
  }, [connect])

  // Lost: try again after the back-off delay.
  useEffect(() => {
    if (state.phase !== 'waiting') return
    const timer = setTimeout(() => void connect(), state.delayMs)
    return () => clearTimeout(timer)
  }, [state, connect])

  useEffect(() => {
    const onChange = () => setFullscreen(document.fullscreenElement != null && document.fullscreenElement === root.current)
    document.addEventListener('fullscreenchange', onChange)
    return () => document.removeEventListener('fullscreenchange', onChange)
  }, [])

  const onConnected = useCallback((about: ConsoleTicket, ro?: boolean) => {
    if (about !== ticketRef.current) return
    dispatch({ type: 'connected' })
    if (ro !== undefined) setReadOnly(ro)
  }, [])

  const onClosed = useCallback(
    (about: ConsoleTicket, message: string | null) => {
      if (about !== ticketRef.current) return
      dispatch({ type: 'lost', error: message ?? tRef.current('consoles.error.closed') })
    },
    [],
  )

  /** "Reconnecter" after a refusal: asks again; the focus waits on the console (its button goes). */
  function reconnect() {
    root.current?.focus({ preventScroll: true })
    void connect()
  }

  function changeControl(next: boolean) {
    controlRef.current = next
    setControl(next)
    setConfirming(false)
    void connect()
  }

  function toggleFullscreen() {
    if (document.fullscreenElement) void document.exitFullscreen?.().catch(() => undefined)
    else void root.current?.requestFullscreen?.().catch(() => undefined)
  }

  const phaseText =
    state.phase === 'connecting'
      ? t('consoles.connecting')
      : state.phase === 'connected'
        ? t('consoles.connected')
        : state.phase === 'waiting'
          ? t('consoles.retrying', { seconds: Math.round(state.delayMs / 1000) })
          : t('consoles.closed')
  const lost = state.phase === 'waiting' || state.phase === 'failed'
  const failed = state.phase === 'failed'
  const connection: ConsoleConnection = { node, ticket, readOnly, onConnected, onClosed }

  return (
    <div className={`console${lost ? ' console-lost' : ''}`} ref={root} tabIndex={-1}>
      <div className="console-bar">
        <div className="console-status" role="status" aria-live="polite" aria-atomic="true">
          <p className={`console-state console-state-${state.phase}`}>
            {state.phase === 'connecting' && <span className="spinner" aria-hidden="true" />}
            {phaseText}
          </p>
          {state.error && !failed && <p className="console-error">{state.error}</p>}
        </div>
        <div className="console-tools">
          {readOnly === true && <span className="badge console-badge">{t('consoles.readOnly')}</span>}
          {control && readOnly === false && <span className="badge console-badge">{t('consoles.inControl')}</span>}
          {state.phase === 'waiting' && (
            <button type="button" className="button button-small" onClick={() => void connect()}>
              {t('consoles.reconnectNow')}
            </button>
          )}
          {staff && (control || readOnly === true) && (
            <button
              type="button"
              className="button button-secondary button-small"
              onClick={() => (control ? changeControl(false) : setConfirming(true))}
            >
              {control ? t('consoles.releaseControl') : t('consoles.takeControl')}
            </button>
          )}
          <button type="button" className="button button-secondary button-small" onClick={toggleFullscreen}>
            {fullscreen ? t('consoles.exitFullscreen') : t('consoles.fullscreen')}
          </button>
        </div>
      </div>

      {/* Closed for a reason waiting will not cure (the platform closed the lab, say): why, and a way back. */}
      {failed && (
        <div className="notice notice-error console-closed" role="alert">
          <p className="notice-title">{state.error ?? t('consoles.error.closed')}</p>
          <p>{t('consoles.closedHint')}</p>
          <p>
            <button type="button" className="button" onClick={reconnect}>
              {t('consoles.reconnect')}
            </button>
          </p>
        </div>
      )}

      {kind === 'vnc' ? (
        <GuacamoleDisplay {...connection} />
      ) : (
        <Suspense fallback={<Loading />}>
          <TerminalView {...connection} />
        </Suspense>
      )}

      {confirming && (
        <ConfirmDialog
          title={t('consoles.confirmControl.title', { node })}
          text={t('consoles.confirmControl.text')}
          confirmLabel={t('consoles.takeControl')}
          onConfirm={() => changeControl(true)}
          onCancel={() => setConfirming(false)}
        />
      )}
    </div>
  )
}
