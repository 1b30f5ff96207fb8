import { useEffect, useId, useRef, useState } from 'react'
import { FitAddon } from '@xterm/addon-fit'
import { Terminal } from '@xterm/xterm'
import '@xterm/xterm/css/xterm.css'
import { useI18n } from '../i18n'
import type { ConsoleTicket } from '../api'
import type { ConsoleConnection } from './ConsoleView'
import { webSocketUrl } from './urls'

const SCREEN_READER_KEY = 'atelier.screenReader'

/** Client → server messages (TEXT frames); the server answers with raw output (BINARY) and status (TEXT). */
export type TerminalMessage = { type: 'input'; data: string } | { type: 'resize'; cols: number; rows: number }

type StatusMessage = { type: 'status'; state?: 'connected' | 'closed'; readOnly?: boolean; message?: string }

function storedScreenReader(): boolean {
  try {
    return localStorage.getItem(SCREEN_READER_KEY) === 'true'
  } catch {
    return false
  }
}

function parseStatus(text: string): StatusMessage | null {
  try {
    const parsed = JSON.parse(text) as { type?: unknown }
    return parsed && parsed.type === 'status' ? (parsed as StatusMessage) : null
  } catch {
    return null
  }
}

/** Ctrl+Shift+C copies the selection; Ctrl+Shift+V is left to the browser, whose paste reaches the terminal. */
function copyPasteKeys(term: Terminal) {
  return (e: KeyboardEvent): boolean => {
    if (e.type !== 'keydown' || !e.ctrlKey || !e.shiftKey || e.altKey) return true
    const key = e.key.toLowerCase()
    if (key === 'c') {
      e.preventDefault()
      const text = term.getSelection()
      if (text) void navigator.clipboard?.writeText(text).catch(() => undefined)
      return false
    }
    return key !== 'v'
  }
}

/** A serial or SSH console: xterm.js over the platform's terminal WebSocket. */
export function TerminalView({ node, ticket, readOnly: knownReadOnly, onConnected, onClosed }: ConsoleConnection) {
  const { t } = useI18n()
  const hintId = useId()
  const box = useRef<HTMLDivElement>(null)
  const termRef = useRef<Terminal | null>(null)
  const socketRef = useRef<WebSocket | null>(null)
  const [screenReader, setScreenReader] = useState(storedScreenReader)
  // Watching only until the server says otherwise.
  const readOnly = knownReadOnly !== false
  const readOnlyRef = useRef(readOnly)
  const reports = useRef({ onConnected, onClosed })
  useEffect(() => {
    reports.current = { onConnected, onClosed }
  })

  function send(message: TerminalMessage) {
    const socket = socketRef.current
    if (socket && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message))
  }
  const sendRef = useRef(send)
  useEffect(() => {
    sendRef.current = send
  })

  // The terminal lives as long as the view: its text stays across reconnections.
  useEffect(() => {
    const element = box.current
    if (!element) return
    const term = new Terminal({
      screenReaderMode: storedScreenReader(),
      rightClickSelectsWord: true,
      disableStdin: readOnlyRef.current,
      cursorBlink: true,
      fontSize: 15,
      scrollback: 5000,
    })
    const fit = new FitAddon()
    term.loadAddon(fit)
    term.open(element)
    term.attachCustomKeyEventHandler(copyPasteKeys(term))
    const input = term.onData((data) => {
      if (!readOnlyRef.current) sendRef.current({ type: 'input', data })
    })
    const resize = term.onResize(({ cols, rows }) => sendRef.current({ type: 'resize', cols, rows }))
    termRef.current = term
    const refit = () => {
      try {
        fit.fit()
      } catch {
        // Not laid out yet (hidden, or no renderer): the next resize will do.
      }
    }
    refit()
    window.addEventListener('resize', refit)
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(refit)
    observer?.observe(element)
    return () => {
      observer?.disconnect()
      window.removeEventListener('resize', refit)
      input.dispose()
      resize.dispose()
      termRef.current = null
      term.dispose()
    }
  }, [])

  useEffect(() => {
    readOnlyRef.current = readOnly
    if (termRef.current) termRef.current.options.disableStdin = readOnly
  }, [readOnly])

  useEffect(() => {
    if (termRef.current) termRef.current.options.screenReaderMode = screenReader
  }, [screenReader])

  function toggleScreenReader() {
    const next = !screenReader
    setScreenReader(next)
    try {
      localStorage.setItem(SCREEN_READER_KEY, String(next))
    } catch {
      // Storage disabled: the choice lasts for this page only.
    }
  }

  // One WebSocket per ticket.
  useEffect(() => {
    const term = termRef.current
    if (!ticket || !term) return
    let socket: WebSocket | null = null
    let over = false
    let connected = false
    const connectedOnce = (ro?: boolean) => {
      if (over || connected) return
      connected = true
      reports.current.onConnected(ticket, ro)
    }
    const closed = (message: string | null) => {
      if (over) return
      over = true
      reports.current.onClosed(ticket, message)
    }

    function open(ticket: ConsoleTicket, term: Terminal): WebSocket {
      const ws = new WebSocket(webSocketUrl(ticket.url))
      ws.binaryType = 'arraybuffer'
      // The server learns the size at once, then at each change (term.onResize, after each fit).
      ws.onopen = () => sendRef.current({ type: 'resize', cols: term.cols, rows: term.rows })
      ws.onmessage = (event: MessageEvent<ArrayBuffer | string>) => {
        if (typeof event.data !== 'string') {
          term.write(new Uint8Array(event.data))
          connectedOnce()
          return
        }
        const status = parseStatus(event.data)
        if (!status) return
        if (typeof status.readOnly === 'boolean' && connected) reports.current.onConnected(ticket, status.readOnly)
        if (status.state === 'connected') connectedOnce(status.readOnly)
        else if (status.state === 'closed') {
          closed(status.message || null)
          ws.close()
        }
      }
      ws.onclose = (event) => closed(event.reason || null)
      return ws
    }

    // On the next turn: a ticket serves once, and a mount undone at once (StrictMode) must not spend it.
    const start = setTimeout(() => {
      socket = open(ticket, term)
      socketRef.current = socket
    }, 0)

    return () => {
      clearTimeout(start)
      over = true
      if (!socket) return
      if (socketRef.current === socket) socketRef.current = null
      socket.onopen = null
      socket.onmessage = null
      socket.onclose = null
      socket.close()
    }
  }, [ticket])

  return (
    <div className="terminal">
      <div className="console-options">
        <button
          type="button"
          className="button button-secondary button-small"
          aria-pressed={screenReader}
          onClick={toggleScreenReader}
        >
          {t('consoles.screenReader')}
        </button>
        <p className="hint muted" id={hintId}>
          {t('consoles.copyHint')}
        </p>
      </div>
      <div
        ref={box}
        className="terminal-box"
        data-testid="terminal"
        role="group"
        aria-label={t('consoles.terminal', { node })}
        aria-describedby={hintId}
      />
    </div>
  )
}
