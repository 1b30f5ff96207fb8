import { act, fireEvent, screen, within } from '@testing-library/react'
import { Route, Routes } from 'react-router'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Role, Session } from '../api'
import { SessionPage } from '../pages/SessionPage'
import { eventStream, sampleRow, sampleSession } from '../test-sessions'
import { mockApi, renderAt } from '../test-utils'
import type { MockReply } from '../test-utils'
import { sessionReportFileName } from './download'

const URL_ = '/api/sessions/s1'
const BUTTON = 'Exporter les résultats (CSV)'

function renderSession(roles: Role[] = ['trainer']) {
  return renderAt(
    <Routes>
      <Route path="/sessions/:id" element={<SessionPage roles={roles} />} />
    </Routes>,
    { route: '/sessions/s1' },
  )
}

function serve(session: Session, report?: MockReply) {
  const stream = eventStream()
  const fetchMock = mockApi({
    [`GET ${URL_}`]: [200, session],
    [`GET ${URL_}/events`]: stream.response,
    ...(report ? { [`GET ${URL_}/report`]: report } : {}),
  })
  return { stream, fetchMock }
}

const submitted = () =>
  sampleSession({
    state: 'RUNNING',
    trainees: [sampleRow({ submittedAt: '2026-11-23T10:40:00Z', labState: 'GRADED' }), sampleRow({ trainee: 'stagiaire2', labId: 'lab-2' })],
  })

/** The links the page "clicks" (jsdom does not download). */
let clicked: { href: string; download: string }[]
let created: Blob[]

beforeEach(() => {
  clicked = []
  created = []
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    clicked.push({ href: this.href, download: this.download })
  })
  // jsdom has no Blob URLs.
  Object.assign(URL, {
    createObjectURL: vi.fn((blob: Blob) => {
      created.push(blob)
      return `blob:http://localhost/${created.length}`
    }),
    revokeObjectURL: vi.fn(),
  })
})

afterEach(() => {
  const blobUrls = URL as unknown as Record<string, unknown>
  delete blobUrls.createObjectURL
  delete blobUrls.revokeObjectURL
})

describe('Exporter les résultats (CSV) on the session page (API mocked)', () => {
  it('appears only once a trainee has handed in', async () => {
    const running = sampleSession({ state: 'RUNNING' })
    const { stream } = serve(running)
    renderSession()
    await screen.findByRole('rowheader', { name: 'stagiaire1' })
    expect(screen.queryByRole('button', { name: BUTTON })).toBeNull()
    expect(screen.queryByRole('region', { name: 'Résultats' })).toBeNull()

    await act(async () => {
      stream.send({ ...running, trainees: [sampleRow({ submittedAt: '2026-11-23T10:40:00Z', labState: 'SUBMITTED' }), running.trainees[1]] })
    })
    const region = await screen.findByRole('region', { name: 'Résultats' })
    expect(within(region).getByRole('button', { name: BUTTON }).tagName).toBe('BUTTON')
  })

  it('asks for text/csv with the token and saves the file under the session’s title', async () => {
    const { fetchMock } = serve(
      submitted(),
      () => new Response('stagiaire;critere;acquis\n', { status: 200, headers: { 'Content-Type': 'text/csv' } }),
    )
    renderSession(['validator'])

    fireEvent.click(await screen.findByRole('button', { name: BUTTON }))

    expect(await screen.findByText('Fichier resultats-bts-sio-1-groupe-b.csv téléchargé.')).toBeTruthy()
    const call = fetchMock.mock.calls.find(([url]) => String(url) === `${URL_}/report`)!
    const headers = new Headers(call[1]?.headers)
    expect(headers.get('Accept')).toBe('text/csv')
    expect(headers.get('Authorization')).toBe('Bearer test-token')
    expect(call[1]?.method ?? 'GET').toBe('GET')
    expect(await created[0].text()).toBe('stagiaire;critere;acquis\n')
    expect(clicked).toEqual([{ href: 'blob:http://localhost/1', download: 'resultats-bts-sio-1-groupe-b.csv' }])
  })

  it('says in words that nothing is graded yet when the server answers 404', async () => {
    serve(submitted(), [404, { status: 404, error: 'No graded lab in this session yet.' }])
    renderSession()

    fireEvent.click(await screen.findByRole('button', { name: BUTTON }))

    const said = await screen.findByText(/^Aucun atelier de cette session n’est encore noté/)
    expect(said.getAttribute('role')).toBe('status')
    expect(said.getAttribute('aria-live')).toBe('polite')
    expect(screen.queryByRole('alert')).toBeNull()
    expect(clicked).toEqual([])
  })

  it('shows any other refusal', async () => {
    serve(submitted(), [403, { status: 403, error: 'Not your session.' }])
    renderSession()
    fireEvent.click(await screen.findByRole('button', { name: BUTTON }))
    expect((await screen.findByRole('alert')).textContent).toContain('Not your session.')
    expect(clicked).toEqual([])
  })
})

describe('sessionReportFileName', () => {
  it('names the file after the session’s title as a slug, else the first 8 characters of its id', () => {
    expect(sessionReportFileName({ id: 's1', title: 'BTS SIO 1 — groupe B' })).toBe('resultats-bts-sio-1-groupe-b.csv')
    expect(sessionReportFileName({ id: 's1', title: 'Évaluation : réseaux/sécurité' })).toBe('resultats-evaluation-reseaux-securite.csv')
    expect(sessionReportFileName({ id: '0a1b2c3d-0000-4000-8000-000000000009', title: '' })).toBe('resultats-0a1b2c3d.csv')
    expect(sessionReportFileName({ id: '0a1b2c3d-0000-4000-8000-000000000009', title: ' — ' })).toBe('resultats-0a1b2c3d.csv')
  })
})
