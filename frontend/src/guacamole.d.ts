// The part of guacamole-common-js 1.6.0 that the consoles use, written by hand from its
// documentation. The library itself is not bundled: the platform serves the official build at
// /guacamole-common-js/all.min.js, which defines the global `Guacamole` (see loadGuacamole.ts).

declare namespace Guacamole {
  /** A status code and message from the remote side (0 = success; 0x02xx server, 0x03xx client). */
  class Status {
    constructor(code: number, message?: string)
    code: number
    message?: string
    isError(): boolean
  }

  /** Tunnel.State: CONNECTING 0, OPEN 1, CLOSED 2 (UNSTABLE 3). */
  class Tunnel {
    static readonly State: { CONNECTING: 0; OPEN: 1; CLOSED: 2; UNSTABLE: 3 }
    state: number
    onerror: ((status: Status) => void) | null
    onstatechange: ((state: number) => void) | null
  }

  /** Opens `tunnelURL + "?" + data` (made absolute ws:// or wss:// from the page) with the subprotocol "guacamole". */
  class WebSocketTunnel extends Tunnel {
    constructor(tunnelURL: string)
  }

  class InputStream {
    index: number
    sendAck(message: string, code: number): void
  }

  class OutputStream {
    index: number
  }

  class StringReader {
    constructor(stream: InputStream)
    ontext: ((text: string) => void) | null
    onend: (() => void) | null
  }

  class StringWriter {
    constructor(stream: OutputStream)
    sendText(text: string): void
    sendEnd(): void
  }

  class Display {
    getElement(): HTMLElement
    getWidth(): number
    getHeight(): number
    scale(scale: number): void
    getScale(): number
    showCursor(shown: boolean): void
    onresize: ((width: number, height: number) => void) | null
    oncursor: ((canvas: HTMLCanvasElement, x: number, y: number) => void) | null
  }

  /** Client.State: IDLE 0, CONNECTING 1, WAITING 2, CONNECTED 3, DISCONNECTING 4, DISCONNECTED 5. */
  class Client {
    static readonly State: { IDLE: 0; CONNECTING: 1; WAITING: 2; CONNECTED: 3; DISCONNECTING: 4; DISCONNECTED: 5 }
    constructor(tunnel: Tunnel)
    connect(data?: string): void
    disconnect(): void
    getDisplay(): Display
    sendKeyEvent(pressed: 0 | 1 | boolean, keysym: number): void
    sendMouseState(state: Mouse.State, applyDisplayScale?: boolean): void
    createClipboardStream(mimetype: string): OutputStream
    onstatechange: ((state: number) => void) | null
    onerror: ((status: Status) => void) | null
    onclipboard: ((stream: InputStream, mimetype: string) => void) | null
  }

  class Mouse {
    constructor(element: Element)
    onEach(types: string[], listener: (event: Mouse.Event) => void): void
    on(type: string, listener: (event: Mouse.Event) => void): void
    setCursor(canvas: HTMLCanvasElement, x: number, y: number): boolean
  }

  namespace Mouse {
    class State {
      x: number
      y: number
      left: boolean
      middle: boolean
      right: boolean
      up: boolean
      down: boolean
    }
    class Event {
      type: string
      state: State
    }
  }

  /** Listens to key events on `element`; the handlers run only while set (null = the browser keeps the keys). */
  class Keyboard {
    constructor(element?: Element | Document)
    /** Returns false to stop the browser's own handling of the key (Tab, Escape…). */
    onkeydown: ((keysym: number) => boolean | void) | null
    onkeyup: ((keysym: number) => void) | null
    /** Releases every key believed pressed (each through onkeyup). */
    reset(): void
  }
}

interface Window {
  /** Present once /guacamole-common-js/all.min.js has run. */
  Guacamole?: typeof Guacamole
}
