import { act, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { Route, Routes } from 'react-router'
import { describe, expect, it, vi } from 'vitest'
import type { Lab, LabState, Role } from '../api'
import { setTokenProvider } from '../api'
import { mockApi, renderAt } from '../test-utils'
import { sampleLab, sampleSubmission } from '../test-labs'
import { sampleReport } from '../test-reports'
import { LabPage, allowedActions } from './LabPage'

const ID = '6f1c2d3e-0000-4000-8000-000000000001'
const URL = `/api/labs/${ID}`

type Viewer = { roles: Role[]; username: string }
/** The trainer who launched the sample lab (its `createdBy`). */
const TRAINER: Viewer = { roles: ['trainer'], username: 'formateur1' }
const TRAINEE: Viewer = { roles: ['trainee'], username: 'stagiaire1' }
const VALIDATOR: Viewer = { roles: ['validator'], username: 'validateur1' }
const ADMIN: Viewer = { roles: ['admin'], username: 'admin' }

function renderPage(pollMs?: number, viewer: Viewer = TRAINER) {
  return renderAt(
    <Routes>
      <Route path="/ateliers/:id" element={<LabPage pollMs={pollMs} roles={viewer.roles} username={viewer.username} />} />
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

describe('LabPage: each role sees what it may use (API mocked)', () => {
  /** The answer of GET …/session for a lab of a session in `state`. */
  function session(state: 'RUNNING' | 'ENDED') {
    return {
      sessionId: 's-1',
      title: 'BTS SIO — groupe A',
      mode: 'entrainement',
      state,
      deadline: null,
      remainingSeconds: state === 'RUNNING' ? 3600 : 0,
      verificationLimit: null,
      verificationsLeft: null,
      hintsHidden: false,
    }
  }

  /**
   * A graded lab, its submission and its grid; `inSession`: it belongs to a session that ended
   * (the page learns it after its first drawing, and draws again).
   */
  function graded(inSession = false) {
    return mockApi({
      [`GET ${URL}`]: [200, sampleLab({ state: 'GRADED' })],
      [`GET ${URL}/submission`]: [200, sampleSubmission()],
      [`GET ${URL}/report`]: [200, sampleReport()],
      ...(inSession ? { [`GET ${URL}/session`]: [200, session('ENDED')] as [number, unknown] } : {}),
    })
  }

  /** Every button of the page by its name, once the page has read what it needs. */
  function buttonNames(): string[] {
    return screen.getAllByRole('button').map((b) => b.textContent ?? '')
  }

  it.each<[string, boolean, Viewer]>([
    ['validator', true, VALIDATOR],
    ['trainer', true, TRAINER],
    ['admin', true, ADMIN],
    ['trainee', true, TRAINEE],
    ['validator', false, VALIDATOR],
    ['trainer', false, TRAINER],
  ])('shows "Tâches et progression" once on a graded lab to a %s (in a session: %s)', async (_, inSession, viewer) => {
    graded(inSession)
    renderPage(60_000, viewer)

    if (inSession) await screen.findByText('BTS SIO — groupe A')
    await screen.findByText(/^Travail rendu le /)
    if (viewer !== TRAINEE) await screen.findAllByRole('button', { name: /Modifier la décision/ })
    expect(screen.getAllByRole('heading', { level: 2, name: 'Tâches et progression' })).toHaveLength(1)
    expect(screen.getAllByText(/^Travail rendu le /)).toHaveLength(1)
    expect(screen.queryAllByRole('region', { name: 'Grille d’évaluation' })).toHaveLength(viewer === TRAINEE ? 0 : 1)
  })

  it('offers a validator nothing to act with: no Actions, no Supprimer, no Vérifier, no task to start', async () => {
    mockApi({ [`GET ${URL}`]: [200, sampleLab()] })
    renderPage(60_000, VALIDATOR)

    const region = await screen.findByRole('region', { name: 'Tâches et progression' })
    await within(region).findByText('Pas encore de vérification pour cet atelier.')
    expect(screen.queryByRole('region', { name: 'Actions' })).toBeNull()
    for (const name of [...BUTTONS, 'Vérifier', 'Rendre mon travail', 'Commencer cette tâche', 'Prendre la main']) {
      expect(screen.queryByRole('button', { name })).toBeNull()
    }
    // What a validator may do: read the instructions, the password field's toggle, the consoles' own tools.
    expect(buttonNames().filter((name) => name !== 'Afficher les consignes')).toEqual(['Afficher le mot de passe', 'Plein écran'])
  })

  it('offers a validator no Supprimer on a graded lab, only the grid', async () => {
    graded()
    renderPage(60_000, VALIDATOR)

    await screen.findAllByRole('button', { name: /Modifier la décision/ })
    expect(screen.queryByRole('region', { name: 'Actions' })).toBeNull()
    expect(screen.queryByRole('button', { name: 'Supprimer' })).toBeNull()
    expect(buttonNames().filter((name) => !/^(Afficher les consignes|Modifier la décision)/.test(name))).toEqual([
      'Grille imprimable (HTML)',
      'Tableur (CSV)',
      'Données (JSON)',
      'Afficher le mot de passe',
    ])
  })

  it('lets a trainee stop and reset the lab a trainer launched for them, and says who deletes it', async () => {
    mockApi({ [`GET ${URL}`]: [200, sampleLab()] })
    renderPage(60_000, TRAINEE)

    await screen.findByRole('region', { name: 'Actions' })
    expect(shownButtons()).toEqual(['Arrêter', 'Réinitialiser'])
    expect(screen.getByText('Seul le formateur qui a lancé cet atelier peut le supprimer.')).toBeTruthy()
    expect(screen.getByRole('button', { name: 'Vérifier' })).toBeTruthy()
  })

  it('lets a trainee delete a practice lab they started themselves', async () => {
    mockApi({ [`GET ${URL}`]: [200, sampleLab({ createdBy: 'stagiaire1' })] })
    renderPage(60_000, TRAINEE)

    await screen.findByRole('region', { name: 'Actions' })
    expect(shownButtons()).toEqual(['Arrêter', 'Réinitialiser', 'Supprimer'])
    expect(screen.queryByText(/Seul le formateur/)).toBeNull()
  })

  it('shows a trainee of a session why there is no button, and none (the trainer manages the lab)', async () => {
    mockApi({
      [`GET ${URL}`]: [200, sampleLab()],
      [`GET ${URL}/session`]: [200, session('RUNNING')],
    })
    renderPage(60_000, TRAINEE)

    expect(await screen.findByText(/Cet atelier fait partie d’une session/)).toBeTruthy()
    expect(shownButtons()).toEqual([])
    expect(screen.queryByText(/Seul le formateur/)).toBeNull()
  })

  it('gives an admin every button of the state, on any lab', async () => {
    mockApi({ [`GET ${URL}`]: [200, sampleLab({ state: 'STOPPED', createdBy: 'formateur2' })] })
    renderPage(60_000, ADMIN)

    await screen.findByRole('region', { name: 'Actions' })
    expect(shownButtons()).toEqual(['Démarrer', 'Réinitialiser', 'Supprimer'])
  })

  it("lets a graded lab's trainer start its machines to inspect it, with its consoles, and power them off", async () => {
    let running: boolean | null = false
    const lab = () => {
      const l = sampleLab({ state: 'GRADED' })
      return { ...l, nodes: l.nodes.map((n) => ({ ...n, running })) }
    }
    const fetchMock = mockApi({
      [`GET ${URL}`]: () => Response.json(lab()),
      [`POST ${URL}/start`]: () => {
        running = null // the answer of an action does not read the machines
        const answer = Response.json(lab(), { status: 202 })
        running = true
        return answer
      },
      [`POST ${URL}/stop`]: () => {
        running = false
        return Response.json(lab(), { status: 202 })
      },
      [`GET ${URL}/submission`]: [200, sampleSubmission()],
      [`GET ${URL}/report`]: [200, sampleReport()],
    })
    // A graded lab is not polled; following the machines after "Démarrer" uses the page's cadence.
    renderPage(50, TRAINER)

    expect(await screen.findByText(/ses machines sont éteintes/)).toBeTruthy()
    expect(screen.queryByRole('heading', { level: 2, name: 'Consoles' })).toBeNull()
    fireEvent.click(screen.getByRole('button', { name: 'Démarrer les machines pour inspecter' }))
    expect(await screen.findByText('Démarrage des machines demandé : l’atelier reste noté.')).toBeTruthy()
    expect(await screen.findByRole('button', { name: 'Éteindre les machines' })).toBeTruthy()
    expect(screen.getByText(/tournent pour inspection/)).toBeTruthy()
    expect(screen.getByRole('heading', { level: 2, name: 'Consoles' })).toBeTruthy()
    expect(fetchMock.mock.calls.filter(([, init]) => init?.method === 'POST').map(([input]) => String(input))).toEqual([
      `${URL}/start`,
    ])

    fireEvent.click(screen.getByRole('button', { name: 'Éteindre les machines' }))
    expect(await screen.findByRole('button', { name: 'Démarrer les machines pour inspecter' })).toBeTruthy()
  })

  it.each<[string, Viewer]>([
    ['its trainee', TRAINEE],
    ['a validator', VALIDATOR],
  ])("does not offer %s to start a graded lab's machines", async (_, viewer) => {
    mockApi({
      [`GET ${URL}`]: [200, { ...sampleLab({ state: 'GRADED' }), nodes: sampleLab().nodes.map((n) => ({ ...n, running: false })) }],
      [`GET ${URL}/submission`]: [200, sampleSubmission()],
      [`GET ${URL}/report`]: [200, sampleReport()],
    })
    renderPage(60_000, viewer)

    await screen.findByText(/^Travail rendu le /)
    expect(screen.queryByRole('button', { name: 'Démarrer les machines pour inspecter' })).toBeNull()
    expect(screen.queryByText(/ses machines sont éteintes/)).toBeNull()
  })

  it("tells a validator that the trainee's password is kept from them", async () => {
    mockApi({ [`GET ${URL}`]: [200, sampleLab({ credentials: { user: 'stagiaire1', password: null } })] })
    renderPage(60_000, VALIDATOR)

    const credentials = await screen.findByRole('region', { name: 'Identifiants de connexion' })
    expect(within(credentials).getByText('Réservé au stagiaire, à son formateur et aux administrateurs.')).toBeTruthy()
    expect(within(credentials).queryByRole('button', { name: 'Afficher le mot de passe' })).toBeNull()
  })
})
