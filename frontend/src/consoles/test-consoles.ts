// Fakes for the console tests: the ticket API, the Guacamole global and the browser's WebSocket.
import { vi } from 'vitest'
import { setTokenProvider } from '../api'
import type { ConsoleTicket, Lab } from '../api'
import { sampleLab } from '../test-labs'

export const LAB_ID = sampleLab().id
export const CONSOLES_URL = `/api/labs/${LAB_ID}/consoles`

export function ticket(overrides: Partial<ConsoleTicket> = {}): ConsoleTicket {
  return {
    ticket: 'tk-1',
    url: '/api/consoles/display?ticket=tk-1',
    readOnly: false,
    expiresAt: '2026-11-23T10:00:30Z',
    ...overrides,
  }
}

/**
 * Fake server for POST …/consoles: each request takes the next answer (the last one repeats).
 * Returns the mock and the JSON bodies that were posted.
 */
export function mockTickets(...answers: [number, unknown][]) {
  setTokenProvider(async () => 'test-token')
  const bodies: unknown[] = []
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const key = `${init?.method ?? 'GET'} ${String(input)}`
    if (key !== `POST ${CONSOLES_URL}`) {
      return new Response(JSON.stringify({ status: 404, error: `no mock for ${key}` }), { status: 404 })
    }
    bodies.push(JSON.parse(String(init?.body)))
    const [status, body] = answers[Math.min(bodies.length - 1, answers.length - 1)]
    return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
  })
  vi.stubGlobal('fetch', fetchMock)
  return { fetchMock, bodies }
}

/** A lab whose machines have the given consoles, all running unless said otherwise. */
export function labWith(nodes: { name: string; consoles: string[]; running?: boolean | null }[]): Lab {
  const base = sampleLab().nodes[0]
  return sampleLab({ nodes: nodes.map((n) => ({ ...base, name: n.name, consoles: n.consoles, running: n.running ?? true })) })
}

// ---- Guacamole ----------------------------------------------------------

export class FakeStatus {
  code: number
  message?: string
  constructor(code: number, message?: string) {
    this.code = code
    this.message = message
  }
  isError() {
    return this.code !== 0
  }
}

class FakeTunnel {
  static State = { CONNECTING: 0, OPEN: 1, CLOSED: 2, UNSTABLE: 3 } as const
  state = 0
  onerror: ((status: FakeStatus) => void) | null = null
  onstatechange: ((state: number) => void) | null = null
  url: string
  constructor(url: string) {
    this.url = url
  }
}

class FakeDisplay {
  element = document.createElement('div')
  scale = vi.fn()
  onresize: (() => void) | null = null
  oncursor: unknown = null
  getElement() {
    return this.element
  }
  getWidth() {
    return 1024
  }
  getHeight() {
    return 768
  }
  getScale() {
    return 1
  }
  showCursor() {}
}

export class FakeClient {
  static State = { IDLE: 0, CONNECTING: 1, WAITING: 2, CONNECTED: 3, DISCONNECTING: 4, DISCONNECTED: 5 } as const
  static instances: FakeClient[] = []
  tunnel: FakeTunnel
  display = new FakeDisplay()
  connect = vi.fn()
  disconnect = vi.fn()
  sendKeyEvent = vi.fn()
  sendMouseState = vi.fn()
  createClipboardStream = vi.fn(() => ({ index: 7 }))
  onstatechange: ((state: number) => void) | null = null
  onerror: ((status: FakeStatus) => void) | null = null
  onclipboard: ((stream: unknown, mimetype: string) => void) | null = null
  constructor(tunnel: FakeTunnel) {
    this.tunnel = tunnel
    FakeClient.instances.push(this)
  }
  getDisplay() {
    return this.display
  }
}

export class FakeKeyboard {
  static instances: FakeKeyboard[] = []
  onkeydown: ((keysym: number) => boolean | void) | null = null
  onkeyup: ((keysym: number) => void) | null = null
  reset = vi.fn()
  element: Element
  constructor(element: Element) {
    this.element = element
    FakeKeyboard.instances.push(this)
  }
}

class FakeMouse {
  onEach() {}
  on() {}
  setCursor() {
    return true
  }
}

export class FakeStringReader {
  static instances: FakeStringReader[] = []
  ontext: ((text: string) => void) | null = null
  onend: (() => void) | null = null
  constructor() {
    FakeStringReader.instances.push(this)
  }
}

export class FakeStringWriter {
  static sent: string[] = []
  sendText(text: string) {
    FakeStringWriter.sent.push(text)
  }
  sendEnd() {}
}

/** Puts a fake `Guacamole` global in place, as if /guacamole-common-js/all.min.js had run. */
export function stubGuacamole() {
  FakeClient.instances = []
  FakeKeyboard.instances = []
  FakeStringReader.instances = []
  FakeStringWriter.sent = []
  vi.stubGlobal('Guacamole', {
    Client: FakeClient,
    WebSocketTunnel: FakeTunnel,
    Tunnel: FakeTunnel,
    Mouse: FakeMouse,
    Keyboard: FakeKeyboard,
    StringReader: FakeStringReader,
    StringWriter: FakeStringWriter,
    Status: FakeStatus,
  })
}

// ---- WebSocket ----------------------------------------------------------

export class FakeWebSocket {
  static CONNECTING = 0
  static OPEN = 1
  static CLOSING = 2
  static CLOSED = 3
  static instances: FakeWebSocket[] = []
  url: string
  readyState = 0
  binaryType = 'blob'
  sent: string[] = []
  onopen: ((event: Event) => void) | null = null
  onmessage: ((event: { data: unknown }) => void) | null = null
  onclose: ((event: { code: number; reason: string }) => void) | null = null
  onerror: ((event: Event) => void) | null = null
  close = vi.fn(() => {
    this.readyState = 3
  })
  constructor(url: string) {
    this.url = url
    FakeWebSocket.instances.push(this)
  }
  send(data: string) {
    this.sent.push(data)
  }
  /** The server accepted the connection. */
  open() {
    this.readyState = 1
    this.onopen?.(new Event('open'))
  }
  receive(data: string | ArrayBuffer) {
    this.onmessage?.({ data })
  }
  /** The messages sent so far, parsed. */
  messages(): unknown[] {
    return this.sent.map((m) => JSON.parse(m))
  }
}

export function stubWebSocket() {
  FakeWebSocket.instances = []
  vi.stubGlobal('WebSocket', FakeWebSocket)
}
