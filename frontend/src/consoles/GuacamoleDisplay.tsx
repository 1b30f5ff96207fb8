import { useCallback, useEffect, useId, useRef, useState } from 'react'
import type { KeyboardEvent } from 'react'
import { useI18n } from '../i18n'
import type { ConsoleConnection } from './ConsoleView'
import { splitTunnelUrl } from './urls'

/** Guacamole status codes worth a plain sentence (guacamole-common-js Status.Code). */
const UNREACHABLE = [0x0202, 0x0207, 0x0208]
const REFUSED = [0x0301, 0x0303]

/** Waits this long after the last edit of the clipboard field before sending it to the machine. */
const CLIPBOARD_DELAY_MS = 300

/**
 * A graphical console through guacamole-common-js (loaded by ConsoleView before the ticket is asked).
 * The screen follows the width of its container. Unless read-only, the mouse goes to the machine,
 * the keyboard only while "Capturer le clavier" is on and the screen has the focus.
 */
export function GuacamoleDisplay({ node, ticket, readOnly: knownReadOnly, onConnected, onClosed }: ConsoleConnection) {
  const { t } = useI18n()
  const hintId = useId()
  const clipboardId = useId()
  const clipboardHintId = useId()
  const screen = useRef<HTMLDivElement>(null)
  const surface = useRef<HTMLDivElement>(null)
  const clientRef = useRef<Guacamole.Client | null>(null)
  const keyboardRef = useRef<Guacamole.Keyboard | null>(null)
  const [capture, setCapture] = useState(false)
  const [clipboard, setClipboard] = useState('')
  // Set by the user's edits only: the text received from the machine is not sent back to it.
  const edited = useRef(false)
  const reports = useRef({ onConnected, onClosed })
  const tRef = useRef(t)
  useEffect(() => {
    reports.current = { onConnected, onClosed }
    tRef.current = t
  })
  // Watching only until the server says otherwise (the answer stays between two connections).
  const readOnly = knownReadOnly !== false

  const rescale = useCallback(() => {
    const client = clientRef.current
    const box = screen.current
    if (!client || !box) return
    const display = client.getDisplay()
    const width = display.getWidth()
    const height = display.getHeight()
    if (!width || !height || !box.clientWidth) return
    let scale = box.clientWidth / width
    // In full screen, the whole picture must also fit in the height left under the tools.
    if (document.fullscreenElement?.contains(box)) {
      const room = window.innerHeight - box.getBoundingClientRect().top
      if (room > 0) scale = Math.min(scale, room / height)
    }
    display.scale(scale)
  }, [])

  // One Guacamole client per ticket.
  useEffect(() => {
    const G = window.Guacamole
    const box = screen.current
    const target = surface.current
    if (!ticket || !G || !box || !target) return

    function describe(status: Guacamole.Status): string {
      const message = status.message && !/^\d+$/.test(status.message.trim()) ? status.message : null
      if (message) return message
      if (UNREACHABLE.includes(status.code)) return tRef.current('consoles.error.unreachable')
      if (REFUSED.includes(status.code)) return tRef.current('consoles.error.refused')
      const code = Number.isFinite(status.code) ? `0x${status.code.toString(16).padStart(4, '0')}` : '?'
      return tRef.current('consoles.error.remote', { code })
    }

    const { base, query } = splitTunnelUrl(ticket.url)
    const tunnel = new G.WebSocketTunnel(base)
    const client = new G.Client(tunnel)
    const display = client.getDisplay()
    const element = display.getElement()
    let over = false
    let lastError: string | null = null
    const closed = () => {
      if (over) return
      over = true
      reports.current.onClosed(ticket, lastError)
    }

    // The client does not watch its tunnel: a dropped WebSocket is seen here.
    tunnel.onerror = (status) => {
      lastError = describe(status)
    }
    tunnel.onstatechange = (state) => {
      if (state === G.Tunnel.State.CLOSED) closed()
    }
    client.onerror = (status) => {
      lastError = describe(status)
    }
    client.onstatechange = (state) => {
      if (state === G.Client.State.CONNECTED) {
        if (!over) reports.current.onConnected(ticket, ticket.readOnly)
      } else if (state === G.Client.State.DISCONNECTED) closed()
    }
    display.onresize = rescale

    if (!ticket.readOnly) {
      const mouse = new G.Mouse(element)
      mouse.onEach(['mousedown', 'mousemove', 'mouseup'], (e) => client.sendMouseState(e.state, true))
      mouse.on('mousedown', () => box.focus({ preventScroll: true }))
      mouse.on('mouseout', () => display.showCursor(false))
      // The machine's pointer as the local one when the browser allows it, drawn otherwise.
      display.oncursor = (canvas, x, y) => display.showCursor(!mouse.setCursor(canvas, x, y))
    }

    client.onclipboard = (stream, mimetype) => {
      if (!mimetype.startsWith('text/')) {
        stream.sendAck('Only text is supported', 0x0100)
        return
      }
      const reader = new G.StringReader(stream)
      let text = ''
      reader.ontext = (chunk) => {
        text += chunk
      }
      reader.onend = () => {
        edited.current = false
        setClipboard(text)
      }
    }

    if (!keyboardRef.current) keyboardRef.current = new G.Keyboard(box)
    // The last picture of the previous connection stays until this one has its own.
    target.replaceChildren(element)
    clientRef.current = client
    // On the next turn: a ticket serves once, and a mount undone at once (StrictMode) must not spend it.
    const start = setTimeout(() => {
      try {
        client.connect(query)
      } catch (status) {
        lastError = typeof (status as Partial<Guacamole.Status> | null)?.code === 'number' ? describe(status as Guacamole.Status) : String(status)
        closed()
      }
    }, 0)

    return () => {
      clearTimeout(start)
      over = true
      if (clientRef.current === client) clientRef.current = null
      client.disconnect()
    }
  }, [ticket, rescale])

  // The screen follows the width of the page (and the window in full screen).
  useEffect(() => {
    const box = screen.current
    if (!box) return
    window.addEventListener('resize', rescale)
    document.addEventListener('fullscreenchange', rescale)
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(rescale)
    observer?.observe(box)
    return () => {
      window.removeEventListener('resize', rescale)
      document.removeEventListener('fullscreenchange', rescale)
      observer?.disconnect()
    }
  }, [rescale])

  // Keys go to the machine only while captured (and the screen has the focus: the keyboard listens on it).
  useEffect(() => {
    const keyboard = keyboardRef.current
    if (!keyboard || !capture || readOnly) return
    keyboard.onkeydown = (keysym) => {
      clientRef.current?.sendKeyEvent(1, keysym)
      return false
    }
    keyboard.onkeyup = (keysym) => {
      clientRef.current?.sendKeyEvent(0, keysym)
    }
    return () => {
      keyboard.reset()
      keyboard.onkeydown = null
      keyboard.onkeyup = null
    }
  }, [capture, readOnly, ticket])

  // The clipboard field, once the user stops typing, becomes the machine's clipboard.
  useEffect(() => {
    if (readOnly || !edited.current) return
    const timer = setTimeout(() => {
      const G = window.Guacamole
      const client = clientRef.current
      if (!G || !client) return
      edited.current = false
      const writer = new G.StringWriter(client.createClipboardStream('text/plain'))
      writer.sendText(clipboard)
      writer.sendEnd()
    }, CLIPBOARD_DELAY_MS)
    return () => clearTimeout(timer)
  }, [clipboard, readOnly])

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    // The way out of the capture that works with the keyboard alone.
    if (capture && e.ctrlKey && e.altKey && e.shiftKey) setCapture(false)
  }

  return (
    <div className="guac">
      {!readOnly && (
        <div className="console-options">
          <button type="button" className="button button-secondary button-small" aria-pressed={capture} onClick={() => setCapture((c) => !c)}>
            {t('consoles.captureKeyboard')}
          </button>
          <p className="hint muted" id={hintId}>
            {capture ? t('consoles.captureOn') : t('consoles.captureOff')}
          </p>
        </div>
      )}
      <div
        ref={screen}
        className={`guac-screen${capture ? ' guac-captured' : ''}`}
        data-testid="guac-display"
        role="application"
        aria-label={t('consoles.screen', { node })}
        aria-describedby={readOnly ? undefined : hintId}
        tabIndex={0}
        onKeyDown={onKeyDown}
        onBlur={() => keyboardRef.current?.reset()}
      >
        <div ref={surface} className="guac-surface" />
      </div>
      <div className="guac-clipboard">
        <label htmlFor={clipboardId}>{t('consoles.clipboard')}</label>
        <textarea
          id={clipboardId}
          rows={3}
          value={clipboard}
          readOnly={readOnly}
          aria-describedby={clipboardHintId}
          onChange={(e) => {
            edited.current = true
            setClipboard(e.target.value)
          }}
        />
        <p className="hint muted" id={clipboardHintId}>
          {t('consoles.clipboardHint')}
        </p>
      </div>
    </div>
  )
}
