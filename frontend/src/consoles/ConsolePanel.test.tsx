import { act, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { renderAt } from '../test-utils'
import { sampleLab } from '../test-labs'
import { ConsolePanel } from './ConsolePanel'
import {
  FakeClient,
  FakeKeyboard,
  FakeStatus,
  FakeStringReader,
  FakeStringWriter,
  FakeWebSocket,
  labWith,
  mockTickets,
  stubGuacamole,
  stubWebSocket,
  ticket,
} from './test-consoles'

// xterm.js needs a real layout: a small stand-in records what the view does with it.
const xterm = vi.hoisted(() => ({
  terminals: [] as {
    cols: number
    rows: number
    options: Record<string, unknown>
    written: Uint8Array[]
    data: ((data: string) => void)[]
    resize: ((size: { cols: number; rows: number }) => void)[]
  }[],
}))

vi.mock('@xterm/xterm', () => ({
  Terminal: class {
    cols = 80
    rows = 24
    options: Record<string, unknown>
    written: Uint8Array[] = []
    data: ((data: string) => void)[] = []
    resize: ((size: { cols: number; rows: number }) => void)[] = []
    constructor(options: Record<string, unknown>) {
      this.options = { ...options }
      xterm.terminals.push(this)
    }
    open(element: HTMLElement) {
      element.appendChild(document.createElement('textarea'))
    }
    loadAddon() {}
    attachCustomKeyEventHandler() {}
    getSelection() {
      return ''
    }
    onData(listener: (data: string) => void) {
      this.data.push(listener)
      return { dispose() {} }
    }
    onResize(listener: (size: { cols: number; rows: number }) => void) {
      this.resize.push(listener)
      return { dispose() {} }
    }
    write(data: Uint8Array) {
      this.written.push(data)
    }
    dispose() {}
  },
}))

vi.mock('@xterm/addon-fit', () => ({
  FitAddon: class {
    fit() {}
  },
}))

function renderPanel(lab = sampleLab(), staff = false) {
  return renderAt(<ConsolePanel lab={lab} staff={staff} />)
}

function posts(fetchMock: ReturnType<typeof mockTickets>['fetchMock']) {
  return fetchMock.mock.calls.filter(([, init]) => init?.method === 'POST').length
}

beforeEach(() => {
  xterm.terminals = []
  stubGuacamole()
  stubWebSocket()
})

describe('ConsolePanel: tabs', () => {
  it('has one tab per machine and console kind, and moves between them with the arrow keys', async () => {
    mockTickets([201, ticket()])
    renderPanel()

    const list = screen.getByRole('tablist', { name: 'Consoles' })
    const tabs = within(list).getAllByRole('tab')
    expect(tabs.map((tab) => tab.textContent)).toEqual(['fw — Écran', 'fw — SSH', 'client — Série'])
    const [screenTab, sshTab, serialTab] = tabs
    expect(screenTab.getAttribute('aria-selected')).toBe('true')
    expect(screenTab.tabIndex).toBe(0)
    expect(sshTab.tabIndex).toBe(-1)
    const panel = screen.getByRole('tabpanel', { name: 'fw — Écran' })
    expect(screenTab.getAttribute('aria-controls')).toBe(panel.id)
    expect(within(panel).getByTestId('guac-display')).toBeTruthy()

    screenTab.focus()
    fireEvent.keyDown(screenTab, { key: 'ArrowRight' })
    expect(sshTab.getAttribute('aria-selected')).toBe('true')
    expect(document.activeElement).toBe(sshTab)
    expect(screen.getByRole('tabpanel', { name: 'fw — SSH' })).toBeTruthy()

    fireEvent.keyDown(sshTab, { key: 'End' })
    expect(document.activeElement).toBe(serialTab)
    fireEvent.keyDown(serialTab, { key: 'ArrowRight' })
    expect(document.activeElement).toBe(screenTab)
    fireEvent.keyDown(screenTab, { key: 'ArrowLeft' })
    expect(serialTab.getAttribute('aria-selected')).toBe('true')
    fireEvent.keyDown(serialTab, { key: 'Home' })
    expect(screenTab.getAttribute('aria-selected')).toBe('true')

    fireEvent.click(sshTab)
    expect(sshTab.getAttribute('aria-selected')).toBe('true')
  })

  it('says so when no machine has a console', () => {
    mockTickets([201, ticket()])
    renderPanel(labWith([{ name: 'srv', consoles: [] }]))
    expect(screen.getByText('Aucune machine de cet atelier n’a de console.')).toBeTruthy()
    expect(screen.queryByRole('tablist')).toBeNull()
  })

  it('names the tabs in English too', () => {
    mockTickets([201, ticket()])
    renderAt(<ConsolePanel lab={sampleLab()} staff={false} />, { lang: 'en' })
    expect(screen.getAllByRole('tab').map((tab) => tab.textContent)).toEqual(['fw — Screen', 'fw — SSH', 'client — Serial'])
  })
})

describe('ConsoleView: states', () => {
  it('shows a stopped machine as such and asks for no ticket', async () => {
    const { fetchMock } = mockTickets([201, ticket()])
    renderPanel(labWith([{ name: 'poste-a', consoles: ['serial'], running: false }]))

    const status = screen.getByRole('status')
    expect(status.getAttribute('aria-live')).toBe('polite')
    expect(status.textContent).toBe('Machine arrêtée')
    expect(screen.getByText(/La machine poste-a est arrêtée.*«\s?Démarrer\s?»/)).toBeTruthy()
    expect(screen.queryByRole('button', { name: 'Reconnecter maintenant' })).toBeNull()
    expect(screen.queryByTestId('terminal')).toBeNull()
    await act(() => new Promise((resolve) => setTimeout(resolve, 20)))
    expect(posts(fetchMock)).toBe(0)
  })

  it('shows the API message when the ticket request fails for a passing reason, then tries again after 1 s', async () => {
    const { fetchMock, bodies } = mockTickets(
      [503, { status: 503, error: 'L’hyperviseur ne répond pas.' }],
      [201, ticket()],
    )
    renderPanel(labWith([{ name: 'poste-a', consoles: ['vnc'] }]))

    expect(screen.getByRole('status').textContent).toContain('Connexion…')
    expect(await screen.findByText('L’hyperviseur ne répond pas.')).toBeTruthy()
    expect(screen.getByText('Déconnecté — nouvelle tentative dans 1 s')).toBeTruthy()
    expect(screen.getByRole('button', { name: 'Reconnecter maintenant' })).toBeTruthy()
    expect(screen.queryByRole('alert')).toBeNull()
    expect(bodies[0]).toEqual({ node: 'poste-a', kind: 'vnc' })

    await waitFor(() => expect(posts(fetchMock)).toBe(2), { timeout: 2000 })
    await waitFor(() => expect(FakeClient.instances).toHaveLength(1))
    expect(screen.queryByText('L’hyperviseur ne répond pas.')).toBeNull()
  })

  it('tries again by itself when the network drops the ticket request', async () => {
    const { fetchMock } = mockTickets([201, ticket()])
    fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'))
    renderPanel(labWith([{ name: 'poste-a', consoles: ['vnc'] }]))

    expect(await screen.findByText(/nouvelle tentative dans 1 s/)).toBeTruthy()
    await waitFor(() => expect(FakeClient.instances).toHaveLength(1), { timeout: 2000 })
    expect(fetchMock).toHaveBeenCalledTimes(2)
  })

  it('reconnects at once with "Reconnecter maintenant", with a fresh ticket', async () => {
    const { fetchMock } = mockTickets([503, { status: 503, error: 'L’hyperviseur ne répond pas.' }], [201, ticket()])
    renderPanel(labWith([{ name: 'poste-a', consoles: ['vnc'] }]))

    fireEvent.click(await screen.findByRole('button', { name: 'Reconnecter maintenant' }))
    await waitFor(() => expect(posts(fetchMock)).toBe(2))
    expect(screen.queryByRole('button', { name: 'Reconnecter maintenant' })).toBeNull()
  })

  it('does not retry by itself when the lab or machine is unknown (404), and offers Reconnecter', async () => {
    const { fetchMock } = mockTickets([404, { status: 404, error: 'Pas de machine poste-z.' }])
    renderPanel(labWith([{ name: 'poste-z', consoles: ['vnc'] }]))

    const alert = await screen.findByRole('alert')
    expect(within(alert).getByText('Pas de machine poste-z.')).toBeTruthy()
    expect(screen.getByRole('status').textContent).toBe('Console fermée')
    await act(() => new Promise((resolve) => setTimeout(resolve, 1200)))
    expect(posts(fetchMock)).toBe(1)
    expect(within(alert).getByRole('button', { name: 'Reconnecter' })).toBeTruthy()
    expect(screen.queryByRole('button', { name: 'Reconnecter maintenant' })).toBeNull()
  })
})

describe('ConsoleView: consoles closed by the platform (ticket API, Guacamole and WebSocket mocked; fake clock)', () => {
  const CLOSED = 'La session est en pause : les consoles sont fermées jusqu’à la reprise.'

  beforeEach(() => {
    // Real time still runs (the screen queries wait on it); the tests jump ahead far beyond 30 s.
    vi.useFakeTimers({ shouldAdvanceTime: true })
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  /** Lets `ms` of the fake clock pass, with every timer it fires. */
  async function elapse(ms: number) {
    await act(() => vi.advanceTimersByTimeAsync(ms))
  }

  it('shows why when the ticket request answers 409, asks no more by itself, and Reconnecter asks again', async () => {
    const { fetchMock } = mockTickets([409, { status: 409, error: CLOSED }], [201, ticket()])
    renderPanel(labWith([{ name: 'poste-a', consoles: ['vnc'] }]))

    const alert = await screen.findByRole('alert')
    expect(within(alert).getByText(CLOSED)).toBeTruthy()
    expect(within(alert).getByText(/ne se reconnecte pas d’elle-même/)).toBeTruthy()
    expect(screen.getByRole('status').textContent).toBe('Console fermée')
    expect(screen.queryByText(/nouvelle tentative/)).toBeNull()

    // Two minutes later (beyond the 30 s back-off): still the one request.
    await elapse(120_000)
    expect(posts(fetchMock)).toBe(1)
    expect(FakeClient.instances).toHaveLength(0)

    fireEvent.click(within(alert).getByRole('button', { name: 'Reconnecter' }))
    await waitFor(() => expect(posts(fetchMock)).toBe(2))
    await waitFor(() => expect(FakeClient.instances).toHaveLength(1))
    expect(screen.queryByRole('alert')).toBeNull()
    act(() => FakeClient.instances[0].onstatechange?.(FakeClient.State.CONNECTED))
    expect(screen.getByRole('status').textContent).toBe('Connecté')
  })

  it('a terminal the platform closes says why, and stops once the ticket request answers 409', async () => {
    const { fetchMock } = mockTickets(
      [201, ticket({ url: '/api/consoles/terminal?ticket=t1' })],
      [409, { status: 409, error: CLOSED }],
      [201, ticket({ ticket: 't3', url: '/api/consoles/terminal?ticket=t3' })],
    )
    renderPanel(labWith([{ name: 'poste-a', consoles: ['ssh'] }]))
    await waitFor(() => expect(FakeWebSocket.instances).toHaveLength(1))
    const socket = FakeWebSocket.instances[0]
    act(() => {
      socket.open()
      socket.receive(JSON.stringify({ type: 'status', state: 'connected', readOnly: false }))
    })
    expect(screen.getByRole('status').textContent).toBe('Connecté')

    // The server's words, then its close.
    act(() => {
      socket.receive(JSON.stringify({ type: 'status', state: 'closed', message: CLOSED }))
      socket.onclose?.({ code: 1000, reason: '' })
    })
    expect(socket.close).toHaveBeenCalled()
    expect(screen.getByText(CLOSED)).toBeTruthy()

    // One more ticket request (a closed socket may be a network drop): 409, so no further one.
    await elapse(1000)
    const alert = await screen.findByRole('alert')
    expect(within(alert).getByText(CLOSED)).toBeTruthy()
    await elapse(120_000)
    expect(posts(fetchMock)).toBe(2)
    expect(FakeWebSocket.instances).toHaveLength(1)

    fireEvent.click(within(alert).getByRole('button', { name: 'Reconnecter' }))
    await waitFor(() => expect(FakeWebSocket.instances).toHaveLength(2))
    expect(FakeWebSocket.instances[1].url).toMatch(/ticket=t3$/)
    expect(posts(fetchMock)).toBe(3)
  })

  it('a display the platform closes (Guacamole error with the reason) says why, and stops on the 409', async () => {
    const { fetchMock } = mockTickets([201, ticket()], [409, { status: 409, error: CLOSED }])
    renderPanel(labWith([{ name: 'poste-a', consoles: ['vnc'] }]))
    await waitFor(() => expect(FakeClient.instances).toHaveLength(1))
    const client = FakeClient.instances[0]
    act(() => client.onstatechange?.(FakeClient.State.CONNECTED))

    act(() => {
      client.onerror?.(new FakeStatus(0x0209, CLOSED))
      client.onstatechange?.(FakeClient.State.DISCONNECTED)
    })
    expect(screen.getByText(CLOSED)).toBeTruthy()

    await elapse(1000)
    const alert = await screen.findByRole('alert')
    expect(within(alert).getByText(CLOSED)).toBeTruthy()
    await elapse(120_000)
    expect(posts(fetchMock)).toBe(2)
    expect(FakeClient.instances).toHaveLength(1)
  })

  it('names the closed console in English too', async () => {
    mockTickets([409, { status: 409, error: 'The session is paused.' }])
    renderAt(<ConsolePanel lab={labWith([{ name: 'poste-a', consoles: ['serial'] }])} staff={false} />, { lang: 'en' })

    const alert = await screen.findByRole('alert')
    expect(within(alert).getByText('The session is paused.')).toBeTruthy()
    expect(within(alert).getByText('It does not reconnect by itself: press “Reconnect” once it is open again.')).toBeTruthy()
    expect(within(alert).getByRole('button', { name: 'Reconnect' })).toBeTruthy()
    expect(screen.getByRole('status').textContent).toBe('Console closed')
  })
})

describe('ConsoleView: graphical console (Guacamole mocked)', () => {
  it('connects the tunnel with the ticket, shows the display and follows the client state', async () => {
    mockTickets([201, ticket({ ticket: 'abc', url: '/api/consoles/display?ticket=abc' })])
    const view = renderPanel(labWith([{ name: 'poste-a', consoles: ['vnc'] }]))

    await waitFor(() => expect(FakeClient.instances).toHaveLength(1))
    const client = FakeClient.instances[0]
    expect(client.tunnel.url).toBe('/api/consoles/display')
    await waitFor(() => expect(client.connect).toHaveBeenCalledWith('ticket=abc'))
    const display = screen.getByTestId('guac-display')
    expect(display.contains(client.display.getElement())).toBe(true)
    expect(display.getAttribute('aria-label')).toBe('Écran de poste-a')

    act(() => client.onstatechange?.(FakeClient.State.CONNECTED))
    expect(screen.getByRole('status').textContent).toBe('Connecté')
    expect(screen.queryByText('Lecture seule')).toBeNull()
    expect(screen.getByRole('button', { name: 'Plein écran' })).toBeTruthy()

    // The tunnel drops: its error is told, and the next attempt is announced.
    act(() => {
      client.tunnel.onerror?.(new FakeStatus(0x0207))
      client.tunnel.onstatechange?.(2)
    })
    expect(screen.getByText('Déconnecté — nouvelle tentative dans 1 s')).toBeTruthy()
    expect(screen.getByText('La console de la machine ne répond pas.')).toBeTruthy()

    view.unmount()
    expect(client.disconnect).toHaveBeenCalled()
  })

  it('shows the message of a Guacamole error', async () => {
    mockTickets([201, ticket()])
    renderPanel(labWith([{ name: 'poste-a', consoles: ['vnc'] }]))
    await waitFor(() => expect(FakeClient.instances).toHaveLength(1))
    const client = FakeClient.instances[0]

    act(() => {
      client.onerror?.(new FakeStatus(0x0203, 'VNC server refused the connection'))
      client.onstatechange?.(FakeClient.State.DISCONNECTED)
    })
    expect(screen.getByText('VNC server refused the connection')).toBeTruthy()
    expect(screen.getByText(/nouvelle tentative dans 1 s/)).toBeTruthy()
  })

  it('sends keys only while the keyboard is captured, and Ctrl+Alt+Shift releases it', async () => {
    mockTickets([201, ticket()])
    renderPanel(labWith([{ name: 'poste-a', consoles: ['vnc'] }]))
    await waitFor(() => expect(FakeClient.instances).toHaveLength(1))
    const client = FakeClient.instances[0]
    const keyboard = FakeKeyboard.instances[0]
    expect(keyboard.element).toBe(screen.getByTestId('guac-display'))
    expect(keyboard.onkeydown).toBeNull()

    const toggle = await screen.findByRole('button', { name: 'Capturer le clavier' })
    expect(toggle.getAttribute('aria-pressed')).toBe('false')
    fireEvent.click(toggle)
    expect(toggle.getAttribute('aria-pressed')).toBe('true')
    expect(screen.getByText(/Clavier capturé/)).toBeTruthy()
    expect(keyboard.onkeydown?.(0xff09)).toBe(false) // Tab goes to the machine
    expect(client.sendKeyEvent).toHaveBeenCalledWith(1, 0xff09)

    fireEvent.keyDown(screen.getByTestId('guac-display'), { key: 'Shift', ctrlKey: true, altKey: true, shiftKey: true })
    expect(toggle.getAttribute('aria-pressed')).toBe('false')
    expect(keyboard.reset).toHaveBeenCalled()
    expect(keyboard.onkeydown).toBeNull()
  })

  it('shares the clipboard both ways', async () => {
    mockTickets([201, ticket()])
    renderPanel(labWith([{ name: 'poste-a', consoles: ['vnc'] }]))
    await waitFor(() => expect(FakeClient.instances).toHaveLength(1))
    const client = FakeClient.instances[0]
    const field = screen.getByRole('textbox', { name: 'Presse-papiers' })

    act(() => client.onclipboard?.({ index: 3 }, 'text/plain'))
    const reader = FakeStringReader.instances[0]
    act(() => {
      reader.ontext?.('copié dans ')
      reader.ontext?.('la VM')
      reader.onend?.()
    })
    expect((field as HTMLTextAreaElement).value).toBe('copié dans la VM')
    // Neither the connection nor the machine's own text sends anything back.
    await act(() => new Promise((resolve) => setTimeout(resolve, 400)))
    expect(FakeStringWriter.sent).toEqual([])

    fireEvent.change(field, { target: { value: 'sudo nft list ruleset' } })
    await waitFor(() => expect(FakeStringWriter.sent).toEqual(['sudo nft list ruleset']))
    expect(client.createClipboardStream).toHaveBeenCalledWith('text/plain')
  })

  it('lets a trainer take control after confirming: a new ticket with control:true', async () => {
    const { bodies } = mockTickets([201, ticket({ readOnly: true })], [201, ticket({ ticket: 'tk-2', readOnly: false })])
    renderPanel(labWith([{ name: 'poste-a', consoles: ['vnc'] }]), true)

    expect(await screen.findByText('Lecture seule')).toBeTruthy()
    expect(screen.queryByRole('button', { name: 'Capturer le clavier' })).toBeNull()
    const take = screen.getByRole('button', { name: 'Prendre la main' })
    fireEvent.click(take)
    const dialog = screen.getByRole('alertdialog', { name: /^Prendre la main sur poste-a\s?\?$/ })

    fireEvent.click(within(dialog).getByRole('button', { name: 'Annuler' }))
    expect(bodies).toHaveLength(1)

    fireEvent.click(take)
    fireEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Prendre la main' }))
    expect(await screen.findByText('Vous avez la main')).toBeTruthy()
    expect(bodies).toEqual([
      { node: 'poste-a', kind: 'vnc' },
      { node: 'poste-a', kind: 'vnc', control: true },
    ])
    expect(FakeClient.instances[0].disconnect).toHaveBeenCalled()
    expect(screen.queryByText('Lecture seule')).toBeNull()
    expect(screen.getByRole('button', { name: 'Rendre la main' })).toBeTruthy()
    expect(screen.getByRole('button', { name: 'Capturer le clavier' })).toBeTruthy()
  })

  it('shows "Lecture seule" but no "Prendre la main" to a trainee', async () => {
    mockTickets([201, ticket({ readOnly: true })])
    renderPanel(labWith([{ name: 'poste-a', consoles: ['vnc'] }]), false)

    expect(await screen.findByText('Lecture seule')).toBeTruthy()
    expect(screen.queryByRole('button', { name: 'Prendre la main' })).toBeNull()
  })

  it('offers nothing to take to a trainer already in control of his own lab', async () => {
    mockTickets([201, ticket({ readOnly: false })])
    renderPanel(labWith([{ name: 'poste-a', consoles: ['vnc'] }]), true)
    await waitFor(() => expect(FakeClient.instances).toHaveLength(1))
    expect(screen.queryByRole('button', { name: 'Prendre la main' })).toBeNull()
  })
})

describe('ConsoleView: terminal (xterm and WebSocket mocked)', () => {
  it('opens the WebSocket, sends the size first, then what is typed, and writes the output', async () => {
    const { bodies } = mockTickets([201, ticket({ url: '/api/consoles/terminal?ticket=t1' })])
    const view = renderPanel(labWith([{ name: 'poste-a', consoles: ['ssh'] }]))

    await waitFor(() => expect(FakeWebSocket.instances).toHaveLength(1))
    expect(bodies).toEqual([{ node: 'poste-a', kind: 'ssh' }])
    const socket = FakeWebSocket.instances[0]
    expect(socket.url).toBe(`ws://${location.host}/api/consoles/terminal?ticket=t1`)
    expect(socket.binaryType).toBe('arraybuffer')
    const box = screen.getByTestId('terminal')
    expect(box.getAttribute('aria-label')).toBe('Terminal de poste-a')
    const term = xterm.terminals[0]

    act(() => socket.open())
    expect(socket.messages()).toEqual([{ type: 'resize', cols: 80, rows: 24 }])
    act(() => socket.receive(JSON.stringify({ type: 'status', state: 'connected', readOnly: false })))
    expect(screen.getByRole('status').textContent).toBe('Connecté')

    act(() => term.data[0]('ls -l\r'))
    act(() => term.resize[0]({ cols: 120, rows: 30 }))
    expect(socket.messages().slice(1)).toEqual([
      { type: 'input', data: 'ls -l\r' },
      { type: 'resize', cols: 120, rows: 30 },
    ])

    act(() => socket.receive(new TextEncoder().encode('total 0\r\n').buffer))
    expect(new TextDecoder().decode(term.written[0])).toBe('total 0\r\n')

    view.unmount()
    expect(socket.close).toHaveBeenCalled()
  })

  it('reads only when the server says so, and shows the reason of a close', async () => {
    mockTickets([201, ticket({ url: '/api/consoles/terminal?ticket=t1', readOnly: true })])
    renderPanel(labWith([{ name: 'poste-a', consoles: ['serial'] }]))

    await waitFor(() => expect(FakeWebSocket.instances).toHaveLength(1))
    const socket = FakeWebSocket.instances[0]
    const term = xterm.terminals[0]
    act(() => socket.open())
    expect(term.options.disableStdin).toBe(true)
    expect(screen.getByText('Lecture seule')).toBeTruthy()
    act(() => term.data[0]('x'))
    expect(socket.messages().filter((m) => (m as { type: string }).type === 'input')).toEqual([])

    act(() => socket.receive(JSON.stringify({ type: 'status', state: 'closed', message: 'La machine poste-a a été arrêtée.' })))
    expect(screen.getByText('La machine poste-a a été arrêtée.')).toBeTruthy()
    expect(screen.getByText('Déconnecté — nouvelle tentative dans 1 s')).toBeTruthy()
    expect(socket.close).toHaveBeenCalled()
  })

  it('turns the screen reader mode on and remembers it', async () => {
    mockTickets([201, ticket({ url: '/api/consoles/terminal?ticket=t1' })])
    renderPanel(labWith([{ name: 'poste-a', consoles: ['serial'] }]))

    const toggle = await screen.findByRole('button', { name: "Mode lecteur d'écran" })
    expect(toggle.getAttribute('aria-pressed')).toBe('false')
    fireEvent.click(toggle)
    expect(toggle.getAttribute('aria-pressed')).toBe('true')
    expect(xterm.terminals[0].options.screenReaderMode).toBe(true)
    expect(localStorage.getItem('atelier.screenReader')).toBe('true')
  })
})
