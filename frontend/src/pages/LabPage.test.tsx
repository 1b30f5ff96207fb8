import { act, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { Route, Routes } from 'react-router'
import { describe, expect, it, vi } from 'vitest'
import type { Lab, LabState } from '../api'
import { setTokenProvider } from '../api'
import { mockApi, renderAt } from '../test-utils'
import { sampleLab } from '../test-labs'
import { LabPage, allowedActions } from './LabPage'

const ID = '6f1c2d3e-0000-4000-8000-000000000001'
const URL = `/api/labs/${ID}`

function renderPage(pollMs?: number) {
  return renderAt(
    <Routes>
      <Route path="/ateliers/:id" element={<LabPage pollMs={pollMs} />} />
      <Route path="/mes-ateliers" element={<h1>Liste des ateliers</h1>} />
    </Routes>,
    { route: `/ateliers/${ID}` },
  )
}

const BUTTONS = ['Arrêter', 'Démarrer', 'Réinitialiser', 'Supprimer']

function shownButtons(): string[] {
  const actions = screen.getByRole('region', { name: 'Actions' })
  return within(actions)
    .queryAllByRole('button')
    .map((b) => b.textContent ?? '')
    .filter((name) => BUTTONS.includes(name))
}

describe('LabPage (API mocked with a fake fetch)', () => {
  it('shows the title, the state, the machines and hides the password until asked', async () => {
    mockApi({ [`GET ${URL}`]: [200, sampleLab()] })
    renderPage()

    expect(await screen.findByRole('heading', { level: 1, name: 'Filtrer le trafic avec nftables' })).toBeTruthy()
    const status = screen.getAllByRole('status').find((el) => el.classList.contains('lab-status'))!
    expect(status.getAttribute('aria-live')).toBe('polite')
    expect(status.textContent).toContain('Prêt')
    expect(screen.queryByText(/Les machines démarrent/)).toBeNull()

    // Credentials: the user name is shown, the password only after the toggle.
    const credentials = screen.getByRole('region', { name: 'Identifiants de connexion' })
    expect(within(credentials).getAllByText('stagiaire1').length).toBeGreaterThan(0)
    expect(screen.queryByText('s3cret-Pa55')).toBeNull()
    fireEvent.click(within(credentials).getByRole('button', { name: 'Afficher le mot de passe' }))
    expect(within(credentials).getByText('s3cret-Pa55')).toBeTruthy()
    fireEvent.click(within(credentials).getByRole('button', { name: 'Masquer le mot de passe' }))
    expect(screen.queryByText('s3cret-Pa55')).toBeNull()

    const machines = screen.getByRole('table', { name: 'Machines' })
    for (const name of ['Nom', 'En marche', 'Adresses dans l’atelier', 'Adresse de gestion', 'Consoles']) {
      expect(within(machines).getByRole('columnheader', { name })).toBeTruthy()
    }
    const fw = within(machines).getByRole('rowheader', { name: 'fw' }).closest('tr')!
    expect(within(fw).getByText('Oui')).toBeTruthy()
    expect(within(fw).getByText('192.168.10.1')).toBeTruthy()
    expect(within(fw).getByText('10.200.0.11')).toBeTruthy()
    expect(within(fw).getByText('Écran (VNC), SSH')).toBeTruthy()
    const client = within(machines).getByRole('rowheader', { name: 'client' }).closest('tr')!
    expect(within(client).getByText('Non')).toBeTruthy()
    expect(within(client).getByText('Console série')).toBeTruthy()

    expect(screen.getByRole('table', { name: "Paramètres de l'atelier" })).toBeTruthy()
    expect(shownButtons()).toEqual(['Arrêter', 'Réinitialiser', 'Supprimer'])
  })

  it('shows the reason of a FAILED lab, and only reset and delete', async () => {
    mockApi({ [`GET ${URL}`]: [200, sampleLab({ state: 'FAILED', reason: 'VM fw did not boot within 5 minutes' })] })
    renderPage()

    expect(await screen.findByText('VM fw did not boot within 5 minutes')).toBeTruthy()
    expect(screen.getByText('En échec')).toBeTruthy()
    expect(shownButtons()).toEqual(['Réinitialiser', 'Supprimer'])
  })

  it.each<[LabState, string[]]>([
    ['READY', ['Arrêter', 'Réinitialiser', 'Supprimer']],
    ['STOPPED', ['Démarrer', 'Réinitialiser', 'Supprimer']],
    ['PROVISIONING', ['Supprimer']],
    ['GRADED', ['Supprimer']],
    ['DESTROYED', []],
    ['EXPIRED', []],
  ])('in state %s offers %j', async (state, expected) => {
    mockApi({ [`GET ${URL}`]: [200, sampleLab({ state })] })
    renderPage(60_000)

    await screen.findByRole('heading', { level: 1, name: 'Filtrer le trafic avec nftables' })
    expect(shownButtons()).toEqual(expected)
    if (expected.length === 0) expect(screen.getByText('Aucune action possible dans cet état.')).toBeTruthy()
  })

  it('maps every state to its buttons', () => {
    expect(allowedActions('REQUESTED')).toEqual({ stop: false, start: false, reset: false, remove: true })
    expect(allowedActions('FAILED')).toEqual({ stop: false, start: false, reset: true, remove: true })
  })

  it('asks before a reset; Annuler posts nothing, the confirmation posts and shows the progress', async () => {
    const fetchMock = mockApi({
      [`GET ${URL}`]: [200, sampleLab()],
      [`POST ${URL}/reset`]: [202, sampleLab({ state: 'PROVISIONING', readyAt: null })],
    })
    renderPage(60_000)

    const reset = await screen.findByRole('button', { name: 'Réinitialiser' })
    reset.focus()
    fireEvent.click(reset)
    const dialog = screen.getByRole('alertdialog', { name: /^Réinitialiser l'atelier\s?\?$/ })
    expect(within(dialog).getByText("Les disques reviennent à l'état initial, les modifications sont perdues.")).toBeTruthy()
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Annuler' }))

    fireEvent.click(within(dialog).getByRole('button', { name: 'Annuler' }))
    expect(screen.queryByRole('alertdialog')).toBeNull()
    expect(document.activeElement).toBe(reset)
    expect(fetchMock.mock.calls.some(([, init]) => init?.method === 'POST')).toBe(false)

    fireEvent.click(reset)
    fireEvent.keyDown(screen.getByRole('alertdialog'), { key: 'Escape' })
    expect(screen.queryByRole('alertdialog')).toBeNull()

    fireEvent.click(reset)
    fireEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Réinitialiser' }))

    expect(await screen.findByText(/Les machines démarrent… environ une minute/)).toBeTruthy()
    expect(screen.getByText('En préparation')).toBeTruthy()
    expect(screen.queryByRole('alertdialog')).toBeNull()
    expect(fetchMock.mock.calls.map(([url, init]) => `${init?.method ?? 'GET'} ${String(url)}`)).toEqual([
      `GET ${URL}`,
      // The lab's session (none here: a 404), for the countdown banner.
      `GET ${URL}/session`,
      `GET ${URL}/verifications/latest`,
      `POST ${URL}/reset`,
    ])
  })

  it('stops the lab and shows the API error when an action is refused', async () => {
    mockApi({
      [`GET ${URL}`]: [200, sampleLab()],
      [`POST ${URL}/stop`]: [409, { status: 409, error: 'Lab is being reset; try again in a minute.' }],
    })
    renderPage()

    fireEvent.click(await screen.findByRole('button', { name: 'Arrêter' }))
    expect(await screen.findByText(/Lab is being reset; try again in a minute\./)).toBeTruthy()
    expect(screen.getByText('Prêt')).toBeTruthy()
  })

  it.each([
    ['204 (gone)', () => new Response(null, { status: 204 })],
    ['202 (being deleted)', () => new Response(JSON.stringify(sampleLab({ state: 'DESTROYED' })), { status: 202 })],
  ])('deletes after confirmation, then goes back to "Mes ateliers" (%s)', async (_, deleted) => {
    setTokenProvider(async () => 'test-token')
    const fetchMock = vi.fn(async (url: RequestInfo | URL, init?: RequestInit) =>
      init?.method === 'DELETE'
        ? deleted()
        : String(url) === URL
          ? new Response(JSON.stringify(sampleLab()), { status: 200 })
          : new Response(JSON.stringify({ status: 404, error: 'No verification yet.' }), { status: 404 }),
    )
    vi.stubGlobal('fetch', fetchMock)
    renderPage()

    fireEvent.click(await screen.findByRole('button', { name: 'Supprimer' }))
    const dialog = screen.getByRole('alertdialog', { name: /^Supprimer l'atelier\s?\?$/ })
    fireEvent.click(within(dialog).getByRole('button', { name: 'Supprimer' }))

    expect(await screen.findByRole('heading', { name: 'Liste des ateliers' })).toBeTruthy()
    expect(fetchMock.mock.calls.at(-1)?.[1]?.method).toBe('DELETE')
  })

  it('polls while the machines start, stops once READY, and stops on unmount', async () => {
    setTokenProvider(async () => 'test-token')
    const answers: Lab[] = [
      sampleLab({ state: 'REQUESTED', readyAt: null }),
      sampleLab({ state: 'PROVISIONING', readyAt: null }),
      sampleLab({ state: 'READY' }),
    ]
    let calls = 0
    const fetchMock = vi.fn(async (url: RequestInfo | URL) => {
      // Once READY, the page also asks for the last verification: none yet.
      if (String(url) !== URL) return new Response(JSON.stringify({ status: 404, error: 'No verification yet.' }), { status: 404 })
      const lab = answers[Math.min(calls++, answers.length - 1)]
      return new Response(JSON.stringify(lab), { status: 200 })
    })
    vi.stubGlobal('fetch', fetchMock)
    const view = renderPage(10)

    expect(await screen.findByText('Demandé')).toBeTruthy()
    expect(screen.getByText(/Les machines démarrent… environ une minute/)).toBeTruthy()
    expect(await screen.findByText('Prêt')).toBeTruthy()
    expect(screen.queryByText(/Les machines démarrent/)).toBeNull()
    await act(() => new Promise((resolve) => setTimeout(resolve, 60)))
    expect(fetchMock.mock.calls.filter(([url]) => String(url) === URL)).toHaveLength(3)

    view.unmount()
  })

  it('stops polling when the page goes away', async () => {
    setTokenProvider(async () => 'test-token')
    const fetchMock = vi.fn(async () => new Response(JSON.stringify(sampleLab({ state: 'PROVISIONING' })), { status: 200 }))
    vi.stubGlobal('fetch', fetchMock)
    const view = renderPage(10)

    expect(await screen.findByText('En préparation')).toBeTruthy()
    await waitFor(() => expect(fetchMock.mock.calls.length).toBeGreaterThanOrEqual(3))
    view.unmount()
    const before = fetchMock.mock.calls.length
    await new Promise((resolve) => setTimeout(resolve, 60))
    expect(fetchMock.mock.calls.length).toBe(before)
  })

  it('shows the consoles of a READY lab, one tab per machine and console, and none otherwise', async () => {
    mockApi({ [`GET ${URL}`]: [200, sampleLab()] })
    renderPage()

    const consoles = await screen.findByRole('region', { name: 'Consoles' })
    const tabs = within(consoles).getAllByRole('tab')
    expect(tabs.map((tab) => tab.textContent)).toEqual(['fw — Écran', 'fw — SSH', 'client — Série'])
    expect(within(consoles).getByRole('tabpanel', { name: 'fw — Écran' })).toBeTruthy()
    // "Prendre la main" is for trainers, and only once the server says the console is read-only.
    expect(within(consoles).queryByRole('button', { name: 'Prendre la main' })).toBeNull()
  })

  it.each<LabState>(['STOPPED', 'PROVISIONING', 'SUBMITTED'])('shows no console in state %s', async (state) => {
    mockApi({ [`GET ${URL}`]: [200, sampleLab({ state })] })
    renderPage(60_000)

    await screen.findByRole('heading', { level: 1, name: 'Filtrer le trafic avec nftables' })
    expect(screen.queryByRole('region', { name: 'Consoles' })).toBeNull()
    expect(screen.queryByRole('tablist')).toBeNull()
  })

  it('says when the lab is not visible', async () => {
    mockApi({ [`GET ${URL}`]: [404, { status: 404, error: `No lab ${ID}.` }] })
    renderPage()
    expect(await screen.findByRole('heading', { level: 1, name: 'Atelier introuvable' })).toBeTruthy()
    expect(screen.getByRole('link', { name: /Retour à mes ateliers/ }).getAttribute('href')).toBe('/mes-ateliers')
  })
})
