import { act, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { Route, Routes } from 'react-router'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Role, Session } from '../api'
import type { StreamOptions } from '../sessions/useSessionStream'
import { eventStream, sampleRow, sampleSession } from '../test-sessions'
import { mockApi, renderAt } from '../test-utils'
import type { MockReply } from '../test-utils'
import { SessionPage } from './SessionPage'

const URL = '/api/sessions/s1'
const T0 = Date.parse('2026-11-23T09:00:00Z')

function at(seconds: number): string {
  return new Date(T0 + seconds * 1000).toISOString()
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
}

function renderSession(roles: Role[] = ['trainer'], stream?: StreamOptions) {
  return renderAt(
    <Routes>
      <Route path="/sessions/:id" element={<SessionPage roles={roles} stream={stream} />} />
    </Routes>,
    { route: '/sessions/s1' },
  )
}

/** The session, its stream (open, quiet until the test writes into it) and other routes. */
function serve(session: Session, routes: Record<string, MockReply> = {}) {
  const stream = eventStream()
  const fetchMock = mockApi({ [`GET ${URL}`]: [200, session], [`GET ${URL}/events`]: stream.response, ...routes })
  return { stream, fetchMock }
}

function calls(fetchMock: ReturnType<typeof mockApi>): string[] {
  return fetchMock.mock.calls.map(([url, init]) => `${init?.method ?? 'GET'} ${String(url)}`)
}

function row(trainee: string): HTMLElement {
  return screen.getByRole('rowheader', { name: trainee }).closest('tr')!
}

/** The text of a row's cell under the column named `column`. */
function cell(trainee: string, column: string): string {
  const headers = screen.getAllByRole('columnheader').map((th) => th.textContent)
  const index = headers.indexOf(column)
  return (row(trainee).children[index] as HTMLElement).textContent ?? ''
}

afterEach(() => {
  vi.useRealTimers()
})

describe('Session live grid', () => {
  it('shows the labs being prepared: "3 ateliers prêts sur 4" and a bar', async () => {
    serve(
      sampleSession({
        trainees: [
          sampleRow({ trainee: 'a' }),
          sampleRow({ trainee: 'b' }),
          sampleRow({ trainee: 'c' }),
          sampleRow({ trainee: 'd', labState: 'PROVISIONING' }),
        ],
      }),
    )
    renderSession()
    const bar = await screen.findByRole('progressbar', { name: '3 ateliers prêts sur 4' })
    expect(bar.getAttribute('value')).toBe('3')
    expect(bar.getAttribute('max')).toBe('4')
    expect(cell('d', 'État de l’atelier')).toBe('En préparation')
    expect(cell('a', 'Temps restant')).toBe('2 h prévues')
    expect(await screen.findByText('Suivi en direct')).toBeTruthy()
  })

  it('counts each trainee’s time down from their deadline, and freezes it while paused', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true })
    vi.setSystemTime(T0)
    const running = sampleSession({
      state: 'RUNNING',
      startedAt: at(-600),
      trainees: [
        sampleRow({ deadline: at(754.5), remainingSeconds: 754, passedTasks: 1, lastVerificationAt: '2026-11-23T08:55:00Z' }),
        sampleRow({ trainee: 'stagiaire2', labId: 'lab-2', tiersTemps: true, allowedMinutes: 160, deadline: at(5025.5), remainingSeconds: 5025 }),
        sampleRow({ trainee: 'stagiaire3', labId: 'lab-3', deadline: at(754.5), submittedAt: at(-5), passedTasks: 3 }),
      ],
    })
    const { stream } = serve(running)
    renderSession()

    await screen.findByRole('rowheader', { name: 'stagiaire1' })
    expect(cell('stagiaire1', 'Temps restant')).toBe('12:35')
    expect(cell('stagiaire2', 'Temps restant')).toBe('1:23:46')
    expect(cell('stagiaire3', 'Temps restant')).toBe('Rendu')
    expect(cell('stagiaire1', 'Tâches réussies')).toBe('1/31 tâches réussies sur 3')
    expect(within(row('stagiaire1')).getByText('1/3').getAttribute('aria-hidden')).toBe('true')
    expect(cell('stagiaire2', 'Tâches réussies')).toBe('—')
    expect(cell('stagiaire2', 'Dernière vérification')).toBe('—')

    await act(async () => {
      vi.advanceTimersByTime(2000)
    })
    expect(cell('stagiaire1', 'Temps restant')).toBe('12:33')
    expect(cell('stagiaire2', 'Temps restant')).toBe('1:23:44')

    // Paused: no deadline, the server's frozen time, which no longer moves.
    await act(async () => {
      stream.send({
        ...running,
        state: 'PAUSED',
        pausedSince: at(2),
        trainees: running.trainees.map((r) => ({ ...r, deadline: null, remainingSeconds: r.trainee === 'stagiaire1' ? 752 : r.remainingSeconds })),
      })
    })
    await waitFor(() => expect(cell('stagiaire1', 'Temps restant')).toBe('12:32 (en pause)'))
    expect(screen.getByText('La session est en pause.')).toBeTruthy()
    await act(async () => {
      vi.advanceTimersByTime(5000)
    })
    expect(cell('stagiaire1', 'Temps restant')).toBe('12:32 (en pause)')
  })

  it('updates a row from the stream without asking for the session again, and says so politely', async () => {
    const running = sampleSession({ state: 'RUNNING', trainees: [sampleRow({ deadline: at(3600) }), sampleRow({ trainee: 'stagiaire2', labId: 'lab-2' })] })
    const { stream, fetchMock } = serve(running)
    const view = renderSession()
    await screen.findByRole('rowheader', { name: 'stagiaire1' })
    expect(cell('stagiaire1', 'Tâches réussies')).toBe('—')

    // Chunks cut anywhere: the event counts once it is complete.
    await act(async () => {
      stream.send({
        ...running,
        trainees: [sampleRow({ deadline: at(3600), passedTasks: 2, lastVerificationAt: '2026-11-23T09:10:00Z' }), running.trainees[1]],
      })
    })
    await waitFor(() => expect(cell('stagiaire1', 'Tâches réussies')).toBe('2/32 tâches réussies sur 3'))
    expect(screen.getByText(/^stagiaire1\s: 2 tâches sur 3 réussies\.$/).getAttribute('aria-live')).toBe('polite')
    expect(calls(fetchMock).filter((c) => c === `GET ${URL}`)).toHaveLength(1)

    view.unmount()
    await waitFor(() => expect(stream.cancelled).toBe(true))
  })

  it('falls back to asking every few seconds when the stream keeps failing', async () => {
    let answers = 0
    const fetchMock = mockApi({
      [`GET ${URL}`]: () => json(200, sampleSession({ trainees: [sampleRow({ passedTasks: answers++ === 0 ? null : 1 })] })),
      [`GET ${URL}/events`]: [503, { status: 503, error: 'Unavailable' }],
    })
    const view = renderSession(['trainer'], { maxFailures: 2, firstDelayMs: 5, pollMs: 20 })
    expect(await screen.findByText('Suivi en direct indisponible — mise à jour toutes les 5 secondes')).toBeTruthy()
    await waitFor(() => expect(cell('stagiaire1', 'Tâches réussies')).toBe('1/31 tâches réussies sur 3'))
    expect(calls(fetchMock).filter((c) => c === `GET ${URL}/events`)).toHaveLength(2)
    view.unmount()
    const before = fetchMock.mock.calls.length
    await new Promise((resolve) => setTimeout(resolve, 60))
    expect(fetchMock.mock.calls.length).toBe(before)
  })

  it('reconnects to the stream after it ends', async () => {
    const first = eventStream()
    const second = eventStream()
    const streams = [first, second]
    let opened = 0
    mockApi({
      [`GET ${URL}`]: [200, sampleSession()],
      [`GET ${URL}/events`]: () => streams[Math.min(opened++, 1)].response(),
    })
    renderSession(['trainer'], { firstDelayMs: 5 })
    await screen.findByText('Suivi en direct')
    first.close()
    await waitFor(() => expect(opened).toBe(2))
    await act(async () => {
      second.send(sampleSession({ state: 'RUNNING' }))
    })
    expect(await screen.findByText('La session est en cours.')).toBeTruthy()
  })

  it('grants tiers temps with one click: PUT …/accommodation {"tiersTemps": true}', async () => {
    const session = sampleSession({ state: 'RUNNING' })
    const granted = sampleSession({ state: 'RUNNING', trainees: [session.trainees[0], { ...session.trainees[1], tiersTemps: true, allowedMinutes: 160 }] })
    const { fetchMock } = serve(session, { [`PUT ${URL}/trainees/stagiaire2/accommodation`]: [200, granted] })
    renderSession()

    const toggle = await screen.findByRole('button', { name: 'Tiers temps pour stagiaire2' })
    expect(toggle.getAttribute('aria-pressed')).toBe('false')
    fireEvent.click(toggle)

    await waitFor(() => expect(screen.getByRole('button', { name: 'Tiers temps pour stagiaire2' }).getAttribute('aria-pressed')).toBe('true'))
    expect(screen.getByText('Tiers temps accordé à stagiaire2.')).toBeTruthy()
    const put = fetchMock.mock.calls.find(([, init]) => init?.method === 'PUT')!
    expect(put[0]).toBe(`${URL}/trainees/stagiaire2/accommodation`)
    expect(JSON.parse(String(put[1]!.body))).toEqual({ tiersTemps: true })
    expect(screen.getByRole('button', { name: 'Tiers temps pour stagiaire1' }).getAttribute('aria-pressed')).toBe('false')
  })

  it('sets extra minutes, with the field or +5', async () => {
    const session = sampleSession({ state: 'RUNNING', trainees: [sampleRow({ extraMinutes: 10 })] })
    const { fetchMock } = serve(session, {
      [`PUT ${URL}/trainees/stagiaire1/accommodation`]: [200, sampleSession({ state: 'RUNNING', trainees: [sampleRow({ extraMinutes: 15 })] })],
    })
    renderSession()
    const field = (await screen.findByLabelText('Minutes en plus pour stagiaire1')) as HTMLInputElement
    expect(field.value).toBe('10')
    fireEvent.click(screen.getByRole('button', { name: '+5 min pour stagiaire1' }))
    await waitFor(() => expect((screen.getByLabelText('Minutes en plus pour stagiaire1') as HTMLInputElement).value).toBe('15'))
    fireEvent.change(screen.getByLabelText('Minutes en plus pour stagiaire1'), { target: { value: '25' } })
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer pour stagiaire1' }))
    await waitFor(() => expect(fetchMock.mock.calls.filter(([, init]) => init?.method === 'PUT')).toHaveLength(2))
    const bodies = fetchMock.mock.calls.filter(([, init]) => init?.method === 'PUT').map(([, init]) => JSON.parse(String(init!.body)))
    expect(bodies).toEqual([{ extraMinutes: 15 }, { extraMinutes: 25 }])
  })

  it('gives time back with minutes and a reason, in a dialog', async () => {
    const session = sampleSession({ state: 'RUNNING' })
    const { fetchMock } = serve(session, {
      [`PUT ${URL}/trainees/stagiaire1/accommodation`]: [200, sampleSession({ state: 'RUNNING', trainees: [sampleRow({ givenBackMinutes: 10 }), session.trainees[1]] })],
    })
    renderSession()
    const open = await screen.findByRole('button', { name: 'Rendre du temps pour stagiaire1' })
    open.focus()
    fireEvent.click(open)
    const dialog = screen.getByRole('alertdialog', { name: 'Rendre du temps à stagiaire1' })
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Annuler' }))

    fireEvent.click(within(dialog).getByRole('button', { name: 'Rendre le temps' }))
    expect(within(dialog).getByText('Indiquez un nombre entier de minutes, supérieur à 0.')).toBeTruthy()
    expect(within(dialog).getByText('Indiquez le motif.')).toBeTruthy()
    expect(document.activeElement).toBe(within(dialog).getByLabelText('Minutes à rendre'))
    expect(fetchMock.mock.calls.some(([, init]) => init?.method === 'PUT')).toBe(false)

    fireEvent.change(within(dialog).getByLabelText('Minutes à rendre'), { target: { value: '10' } })
    fireEvent.change(within(dialog).getByLabelText('Motif'), { target: { value: 'Atelier en échec de 9 h 10 à 9 h 20' } })
    fireEvent.click(within(dialog).getByRole('button', { name: 'Rendre le temps' }))

    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull())
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Rendre du temps pour stagiaire1' }))
    expect(cell('stagiaire1', 'Temps rendu')).toBe('10 minRendre du temps pour stagiaire1')
    expect(screen.getByText('10 min rendues à stagiaire1.')).toBeTruthy()
    const put = fetchMock.mock.calls.find(([, init]) => init?.method === 'PUT')!
    expect(JSON.parse(String(put[1]!.body))).toEqual({ givenBackMinutes: 10, reason: 'Atelier en échec de 9 h 10 à 9 h 20' })
  })

  it('ends the session only after a confirmation', async () => {
    const session = sampleSession({ state: 'RUNNING' })
    const { fetchMock } = serve(session, {
      [`POST ${URL}/end`]: [200, sampleSession({ state: 'ENDED', endedAt: '2026-11-23T11:00:00Z' })],
    })
    renderSession()
    const end = await screen.findByRole('button', { name: 'Terminer la session' })
    expect(screen.queryByRole('button', { name: 'Démarrer' })).toBeNull()
    fireEvent.click(end)
    let dialog = screen.getByRole('alertdialog', { name: /^Terminer la session\s\?$/ })
    expect(within(dialog).getByText(/Les ateliers encore ouverts sont rendus et notés tout de suite/)).toBeTruthy()
    fireEvent.click(within(dialog).getByRole('button', { name: 'Annuler' }))
    expect(screen.queryByRole('alertdialog')).toBeNull()
    expect(calls(fetchMock).some((c) => c.startsWith('POST'))).toBe(false)

    fireEvent.click(end)
    dialog = screen.getByRole('alertdialog')
    fireEvent.click(within(dialog).getByRole('button', { name: 'Terminer la session' }))

    expect(await screen.findByText('La session est terminée.', { selector: '.announce' })).toBeTruthy()
    expect(calls(fetchMock).filter((c) => c.startsWith('POST'))).toEqual([`POST ${URL}/end`])
    expect(screen.queryByRole('button', { name: 'Terminer la session' })).toBeNull()
    expect(screen.queryByRole('button', { name: /^Tiers temps/ })).toBeNull()
  })

  it('starts at once, pauses after a confirmation, and shows a refusal (409)', async () => {
    const { fetchMock } = serve(sampleSession(), {
      [`POST ${URL}/start`]: [200, sampleSession({ state: 'RUNNING', startedAt: at(0) })],
      [`POST ${URL}/pause`]: [409, { status: 409, error: 'The session is not running.' }],
    })
    renderSession()
    fireEvent.click(await screen.findByRole('button', { name: 'Démarrer' }))
    const pause = await screen.findByRole('button', { name: 'Mettre en pause' })
    expect(await screen.findByText('La session est en cours.')).toBeTruthy()
    fireEvent.click(pause)
    fireEvent.click(within(screen.getByRole('alertdialog', { name: /^Mettre la session en pause\s\?$/ })).getByRole('button', { name: 'Mettre en pause' }))
    expect((await screen.findByRole('alert')).textContent).toContain('The session is not running.')
    expect(calls(fetchMock).filter((c) => c.startsWith('POST'))).toEqual([`POST ${URL}/start`, `POST ${URL}/pause`])
  })

  it('extends the session for everyone', async () => {
    const { fetchMock } = serve(sampleSession({ state: 'RUNNING' }), {
      [`POST ${URL}/extend`]: [200, sampleSession({ state: 'RUNNING', extensionMinutes: 15 })],
    })
    renderSession()
    fireEvent.change(await screen.findByLabelText('Minutes en plus pour tout le monde'), { target: { value: '15' } })
    fireEvent.click(screen.getByRole('button', { name: 'Prolonger tout le monde' }))
    expect(await screen.findByText('Session prolongée de 15 min pour tout le monde.')).toBeTruthy()
    expect(screen.getByText('2 h 15 (dont 15 min de prolongation)')).toBeTruthy()
    const post = fetchMock.mock.calls.find(([url]) => url === `${URL}/extend`)!
    expect(JSON.parse(String(post[1]!.body))).toEqual({ minutes: 15 })
  })

  it('shows the history of time changes behind a disclosure', async () => {
    serve(sampleSession(), {
      [`GET ${URL}/audit`]: [
        200,
        [
          { at: '2026-11-23T09:00:00Z', actor: 'formateur1', trainee: null, what: 'session démarrée' },
          { at: '2026-11-23T09:05:00Z', actor: 'formateur1', trainee: 'stagiaire2', what: 'tiers temps accordé' },
        ],
      ],
    })
    renderSession()
    const toggle = await screen.findByRole('button', { name: 'Historique' })
    expect(toggle.getAttribute('aria-expanded')).toBe('false')
    fireEvent.click(toggle)
    expect(toggle.getAttribute('aria-expanded')).toBe('true')
    const table = await screen.findByRole('table', { name: 'Historique' })
    const rows = within(table).getAllByRole('row').slice(1)
    expect(within(rows[0]).getAllByRole('cell').slice(1).map((c) => c.textContent)).toEqual(['formateur1', 'Tous', 'session démarrée'])
    expect(within(rows[1]).getAllByRole('cell').slice(1).map((c) => c.textContent)).toEqual(['formateur1', 'stagiaire2', 'tiers temps accordé'])
  })

  it('lets a validator read without any control', async () => {
    serve(sampleSession({ state: 'RUNNING', trainees: [sampleRow({ tiersTemps: true, extraMinutes: 5 })] }))
    renderSession(['validator'])
    await screen.findByRole('rowheader', { name: 'stagiaire1' })
    expect(screen.queryByRole('heading', { name: 'Déroulement' })).toBeNull()
    expect(screen.queryByRole('button', { name: /Tiers temps/ })).toBeNull()
    expect(cell('stagiaire1', 'Tiers temps')).toBe('Oui')
    expect(cell('stagiaire1', 'Minutes en plus')).toBe('5 min')
    expect(within(row('stagiaire1')).getByRole('link', { name: 'Ouvrir l’atelier pour stagiaire1' }).getAttribute('href')).toBe('/ateliers/lab-1')
  })

  it('says when the session does not exist', async () => {
    mockApi({ [`GET ${URL}`]: [404, { status: 404, error: 'No session s1.' }] })
    renderSession()
    expect(await screen.findByRole('heading', { level: 1, name: 'Session introuvable' })).toBeTruthy()
  })
})
