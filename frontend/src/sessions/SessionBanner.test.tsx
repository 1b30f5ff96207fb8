import { act, screen, waitFor } from '@testing-library/react'
import { Route, Routes } from 'react-router'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { LabPage } from '../pages/LabPage'
import { sampleLab } from '../test-labs'
import { sampleLabSession } from '../test-sessions'
import { mockApi, renderAt } from '../test-utils'
import { SessionBanner } from './SessionBanner'

const T0 = Date.parse('2026-11-23T09:00:00Z')
const ID = '6f1c2d3e-0000-4000-8000-000000000001'
const URL = `/api/labs/${ID}/session`

function at(seconds: number): string {
  return new Date(T0 + seconds * 1000).toISOString()
}

function timer(): string {
  return screen.getByRole('timer').textContent ?? ''
}

/** The polite region that speaks the time left (the timer itself stays silent). */
function spoken(): string {
  return document.querySelector('.session-banner [aria-live="polite"]')?.textContent ?? ''
}

async function tick(ms: number) {
  await act(async () => {
    vi.advanceTimersByTime(ms)
  })
}

afterEach(() => {
  vi.useRealTimers()
})

describe('Trainee session banner', () => {
  it('counts down on the lab page and speaks only at 15, 5 and 1 minutes left', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true })
    vi.setSystemTime(T0)
    mockApi({
      [`GET /api/labs/${ID}`]: [200, sampleLab()],
      [`GET ${URL}`]: [200, sampleLabSession({ deadline: at(901.5), remainingSeconds: 901 })],
    })
    renderAt(
      <Routes>
        <Route path="/ateliers/:id" element={<LabPage pollMs={60_000} roles={['trainee']} username="stagiaire1" />} />
      </Routes>,
      { route: `/ateliers/${ID}` },
    )
    const banner = await screen.findByRole('region', { name: 'BTS SIO 1 — groupe B' })
    expect(banner.textContent).toContain('Entraînement')
    expect(banner.textContent).toMatch(/Temps restant\s:\s15:02/)
    expect(timer()).toBe('15:02')
    expect(spoken()).toBe('')

    await tick(1000)
    expect(timer()).toBe('15:01')
    expect(spoken()).toBe('')
    await tick(1000)
    expect(timer()).toBe('15:00')
    await waitFor(() => expect(spoken()).toBe('Il reste 15 minutes.'))
    await tick(3000)
    expect(timer()).toBe('14:57')
    expect(spoken()).toBe('Il reste 15 minutes.')
  })

  it('says "En pause" and keeps the frozen time while paused', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true })
    vi.setSystemTime(T0)
    mockApi({ [`GET ${URL}`]: [200, sampleLabSession({ state: 'PAUSED', deadline: null, remainingSeconds: 600 })] })
    renderAt(<SessionBanner labId={ID} refreshMs={60_000} />)
    expect(await screen.findByText('En pause')).toBeTruthy()
    expect(screen.getByText(/le temps ne s’écoule pas/)).toBeTruthy()
    expect(timer()).toBe('10:00')
    await tick(5000)
    expect(timer()).toBe('10:00')
  })

  it('follows the session: a pause seen at the next refresh stops the countdown and is said', async () => {
    let answers = 0
    mockApi({
      [`GET ${URL}`]: () =>
        new Response(
          JSON.stringify(
            answers++ === 0
              ? sampleLabSession({ deadline: new Date(Date.now() + 3_600_000).toISOString(), remainingSeconds: 3600 })
              : sampleLabSession({ state: 'PAUSED', deadline: null, remainingSeconds: 3590 }),
          ),
          { status: 200 },
        ),
    })
    renderAt(<SessionBanner labId={ID} refreshMs={30} />)
    await screen.findByRole('timer')
    expect(await screen.findByText('En pause')).toBeTruthy()
    expect(timer()).toBe('59:50')
    await waitFor(() => expect(spoken()).toBe('En pause'))
  })

  it('shows the verifications left and hidden hints in an exam', async () => {
    mockApi({
      [`GET ${URL}`]: [
        200,
        sampleLabSession({ mode: 'examen', verificationLimit: 3, verificationsLeft: 2, hintsHidden: true, deadline: at(3600), remainingSeconds: 3600 }),
      ],
    })
    renderAt(<SessionBanner labId={ID} refreshMs={60_000} />)
    expect(await screen.findByText(/^Vérifications restantes\s: 2$/)).toBeTruthy()
    expect(screen.getByText('Indices masqués')).toBeTruthy()
    expect(screen.getByText(/Examen/)).toBeTruthy()
  })

  it('says when the session has not started yet', async () => {
    mockApi({ [`GET ${URL}`]: [200, sampleLabSession({ state: 'PLANNED' })] })
    renderAt(<SessionBanner labId={ID} refreshMs={60_000} />)
    expect(await screen.findByText('La session n’a pas encore commencé.')).toBeTruthy()
    expect(screen.queryByRole('timer')).toBeNull()
  })

  it('shows nothing when the lab is not part of a session (404)', async () => {
    const fetchMock = mockApi({ [`GET /api/labs/${ID}`]: [200, sampleLab()] })
    renderAt(
      <Routes>
        <Route path="/ateliers/:id" element={<LabPage pollMs={60_000} roles={['trainee']} username="stagiaire1" />} />
      </Routes>,
      { route: `/ateliers/${ID}` },
    )
    await screen.findByRole('heading', { level: 1, name: 'Filtrer le trafic avec nftables' })
    await waitFor(() => expect(fetchMock.mock.calls.some(([url]) => url === URL)).toBe(true))
    expect(screen.queryByRole('timer')).toBeNull()
    expect(screen.queryByText(/Temps restant/)).toBeNull()
  })

  it("leaves a session lab's stop, reset and delete to the trainer: the trainee reads why", async () => {
    mockApi({
      [`GET /api/labs/${ID}`]: [200, sampleLab()],
      [`GET ${URL}`]: [200, sampleLabSession()],
    })
    const page = (roles: ('trainee' | 'trainer')[], username: string) => (
      <Routes>
        <Route path="/ateliers/:id" element={<LabPage pollMs={60_000} roles={roles} username={username} />} />
      </Routes>
    )
    const trainee = renderAt(page(['trainee'], 'stagiaire1'), { route: `/ateliers/${ID}` })
    expect(await screen.findByText(/c’est le formateur qui l’arrête, le réinitialise ou le supprime/)).toBeTruthy()
    expect(screen.queryByRole('button', { name: 'Supprimer' })).toBeNull()
    expect(screen.queryByRole('button', { name: 'Réinitialiser' })).toBeNull()
    trainee.unmount()

    renderAt(page(['trainer'], 'formateur1'), { route: `/ateliers/${ID}` })
    await screen.findByRole('region', { name: 'BTS SIO 1 — groupe B' })
    expect(screen.getByRole('button', { name: 'Supprimer' })).toBeTruthy()
  })
})
