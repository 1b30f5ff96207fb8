import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { Route, Routes } from 'react-router'
import { describe, expect, it } from 'vitest'
import { sampleSession } from '../test-sessions'
import { mockApi, renderAt } from '../test-utils'
import { NewSessionPage } from './NewSessionPage'
import { SessionsPage } from './SessionsPage'
import type { TemplateSummary } from '../api'

function template(overrides: Partial<TemplateSummary> = {}): TemplateSummary {
  return {
    id: 'pare-feu-nftables',
    version: 1,
    title: { fr: 'Filtrer le trafic avec nftables' },
    summary: null,
    referential: null,
    durationMinutes: 90,
    practice: false,
    tags: [],
    nodeCount: 2,
    taskCount: 3,
    checkCount: 4,
    totalPoints: 20,
    criteria: [],
    ...overrides,
  }
}

describe('Sessions list', () => {
  it('invites a trainer to create the first session', async () => {
    mockApi({ 'GET /api/sessions': [200, []] })
    renderAt(<SessionsPage roles={['trainer']} />, { route: '/sessions' })
    expect(await screen.findByText(/Aucune session pour l'instant\. Créez-en une/)).toBeTruthy()
    const links = screen.getAllByRole('link', { name: 'Nouvelle session' })
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['/sessions/nouvelle', '/sessions/nouvelle'])
  })

  it('lists the sessions with their template, mode, state, start and trainees; a validator cannot create one', async () => {
    mockApi({
      'GET /api/sessions': [
        200,
        [
          sampleSession({ state: 'RUNNING', startedAt: '2026-11-23T09:00:00Z' }),
          sampleSession({ id: 's2', title: '', mode: 'entrainement', trainees: [] }),
        ],
      ],
    })
    renderAt(<SessionsPage roles={['validator']} />, { route: '/sessions' })
    const table = await screen.findByRole('table')
    expect(within(table).getByText('Sessions (2 sessions)')).toBeTruthy()
    const rows = within(table).getAllByRole('row').slice(1)
    const cells = (row: HTMLElement) => within(row).getAllByRole('cell').map((c) => c.textContent)
    expect(within(rows[0]).getByRole('link', { name: 'BTS SIO 1 — groupe B' }).getAttribute('href')).toBe('/sessions/s1')
    expect(cells(rows[0])).toEqual(['Filtrer le trafic avec nftables', 'Examen', 'En cours', expect.stringMatching(/23 novembre 2026/), '2'])
    // No title: the template's stands in; not started: started by hand.
    expect(within(rows[1]).getByRole('link', { name: 'Filtrer le trafic avec nftables' })).toBeTruthy()
    expect(cells(rows[1])).toEqual(['Filtrer le trafic avec nftables', 'Entraînement', 'Planifiée', 'À lancer', '0'])
    expect(screen.queryByRole('link', { name: 'Nouvelle session' })).toBeNull()
  })

  it('says what went wrong and offers to retry', async () => {
    mockApi({ 'GET /api/sessions': [500, { status: 500, error: 'Database down' }] })
    renderAt(<SessionsPage roles={['trainer']} />, { route: '/sessions' })
    expect((await screen.findByRole('alert')).textContent).toContain('Database down')
    expect(screen.getByRole('button', { name: 'Réessayer' })).toBeTruthy()
  })
})

function renderForm() {
  return renderAt(
    <Routes>
      <Route path="/sessions/nouvelle" element={<NewSessionPage />} />
      <Route path="/sessions/:id" element={<h1>Page de la session</h1>} />
    </Routes>,
    { route: '/sessions/nouvelle' },
  )
}

function posts(fetchMock: ReturnType<typeof mockApi>) {
  return fetchMock.mock.calls.filter(([, init]) => init?.method === 'POST')
}

describe('New session form', () => {
  it('checks the trainees before posting, and focuses what is wrong', async () => {
    const fetchMock = mockApi({ 'GET /api/templates': [200, [template()]] })
    renderForm()
    const select = await screen.findByLabelText('Modèle d’atelier')
    fireEvent.change(select, { target: { value: 'pare-feu-nftables' } })
    const trainees = screen.getByLabelText('Stagiaires')
    // The hint says the server's rule (security/UserNames.java): no dot any more.
    expect(screen.getByText(/une lettre minuscule ou «\s_\s» d’abord, puis des lettres minuscules, des chiffres, «\s-\s» ou «\s_\s», 32 caractères au plus/)).toBeTruthy()
    fireEvent.change(trainees, { target: { value: 'stagiaire1\nJean Dupont, stagiaire2\njean.dupont' } })
    fireEvent.click(screen.getByRole('button', { name: 'Créer la session' }))

    expect(screen.getByRole('alert').textContent).toMatch(/^Le formulaire contient des erreurs\s: corrigez les champs signalés\.$/)
    expect(
      screen.getByText(
        /^Identifiants non valides\s: Jean Dupont, jean\.dupont\. Un identifiant commence par une lettre minuscule ou «\s_\s», puis ne contient que des lettres minuscules, des chiffres, «\s-\s» ou «\s_\s», 32 caractères au plus \(ni point, ni espace, ni majuscule\)\.$/,
      ),
    ).toBeTruthy()
    expect(trainees.getAttribute('aria-invalid')).toBe('true')
    expect(document.activeElement).toBe(trainees)
    expect(posts(fetchMock)).toHaveLength(0)

    fireEvent.change(trainees, { target: { value: '' } })
    fireEvent.click(screen.getByRole('button', { name: 'Créer la session' }))
    expect(screen.getByText('Indiquez au moins un stagiaire.')).toBeTruthy()
    expect(posts(fetchMock)).toHaveLength(0)
  })

  it('posts the session (mode, duration, start as an instant) and opens its page', async () => {
    const fetchMock = mockApi({
      'GET /api/templates': [200, [template({ id: 'autre', title: { fr: 'Autre' }, durationMinutes: 30 }), template()]],
      'POST /api/sessions': [201, sampleSession({ id: 'nouvelle-s' })],
    })
    renderForm()
    fireEvent.change(await screen.findByLabelText('Modèle d’atelier'), { target: { value: 'pare-feu-nftables' } })
    // The template's duration by default.
    const duration = screen.getByLabelText('Durée (minutes)') as HTMLInputElement
    expect(duration.value).toBe('90')
    expect(screen.getByText('Par défaut, la durée prévue par le modèle (1 h 30).')).toBeTruthy()
    fireEvent.change(duration, { target: { value: '120' } })
    fireEvent.change(screen.getByLabelText('Titre (facultatif)'), { target: { value: '  BTS SIO 1 — groupe B ' } })
    fireEvent.change(screen.getByLabelText('Stagiaires'), { target: { value: 'stagiaire1\nstagiaire2, stagiaire1\n' } })
    expect(screen.getByText('2 stagiaires')).toBeTruthy()

    // Examen: hints hidden, verifications limited (0 by default: none).
    expect(screen.queryByLabelText('Vérifications permises par stagiaire')).toBeNull()
    fireEvent.click(screen.getByRole('radio', { name: /^Examen/ }))
    const limit = screen.getByLabelText('Vérifications permises par stagiaire') as HTMLInputElement
    expect(limit.value).toBe('0')
    fireEvent.change(limit, { target: { value: '3' } })
    fireEvent.change(screen.getByLabelText('Début prévu (facultatif)'), { target: { value: '2099-05-01T09:30' } })
    fireEvent.click(screen.getByRole('button', { name: 'Créer la session' }))

    expect(await screen.findByRole('heading', { name: 'Page de la session' })).toBeTruthy()
    const [[url, init]] = posts(fetchMock)
    expect(url).toBe('/api/sessions')
    expect(new Headers(init!.headers).get('Content-Type')).toBe('application/json')
    expect(JSON.parse(String(init!.body))).toEqual({
      templateId: 'pare-feu-nftables',
      title: 'BTS SIO 1 — groupe B',
      trainees: ['stagiaire1', 'stagiaire2'],
      durationMinutes: 120,
      mode: 'examen',
      startAt: new Date(2099, 4, 1, 9, 30).toISOString(),
      verificationLimit: 3,
    })
  })

  it('posts a practice session without start nor limit', async () => {
    const fetchMock = mockApi({
      'GET /api/templates': [200, [template()]],
      'POST /api/sessions': [201, sampleSession({ id: 's9' })],
    })
    renderForm()
    fireEvent.change(await screen.findByLabelText('Modèle d’atelier'), { target: { value: 'pare-feu-nftables' } })
    fireEvent.change(screen.getByLabelText('Stagiaires'), { target: { value: 'stagiaire1' } })
    fireEvent.click(screen.getByRole('button', { name: 'Créer la session' }))
    await screen.findByRole('heading', { name: 'Page de la session' })
    expect(JSON.parse(String(posts(fetchMock)[0][1]!.body))).toEqual({
      templateId: 'pare-feu-nftables',
      trainees: ['stagiaire1'],
      durationMinutes: 90,
      mode: 'entrainement',
    })
  })

  it('refuses a start in the past before asking the server', async () => {
    const fetchMock = mockApi({ 'GET /api/templates': [200, [template()]] })
    renderForm()
    fireEvent.change(await screen.findByLabelText('Modèle d’atelier'), { target: { value: 'pare-feu-nftables' } })
    fireEvent.change(screen.getByLabelText('Stagiaires'), { target: { value: 'stagiaire1' } })
    fireEvent.change(screen.getByLabelText('Début prévu (facultatif)'), { target: { value: '2001-01-01T08:00' } })
    fireEvent.click(screen.getByRole('button', { name: 'Créer la session' }))
    expect(screen.getByText('Indiquez une date et une heure à venir.')).toBeTruthy()
    expect(posts(fetchMock)).toHaveLength(0)
  })

  it('shows the server’s reason next to the form (409: the host’s limits)', async () => {
    mockApi({
      'GET /api/templates': [200, [template()]],
      'POST /api/sessions': [409, { status: 409, error: 'Not enough memory on the host for 12 labs (8 fit).' }],
    })
    renderForm()
    fireEvent.change(await screen.findByLabelText('Modèle d’atelier'), { target: { value: 'pare-feu-nftables' } })
    fireEvent.change(screen.getByLabelText('Stagiaires'), { target: { value: 'stagiaire1' } })
    fireEvent.click(screen.getByRole('button', { name: 'Créer la session' }))
    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toContain("La session n'a pas été créée")
    expect(alert.textContent).toContain('Not enough memory on the host for 12 labs (8 fit).')
    await waitFor(() => expect(screen.getByRole('button', { name: 'Créer la session' }).getAttribute('aria-disabled')).toBe('false'))
  })

  it('says so when the catalog is empty', async () => {
    mockApi({ 'GET /api/templates': [200, []] })
    renderForm()
    expect(await screen.findByText('Le catalogue ne contient aucun modèle : une session ne peut pas encore être créée.')).toBeTruthy()
  })
})

const DIRECTORY = {
  trainees: [
    { username: 'stagiaire1', name: 'Sophie Stagiaire' },
    { username: 'stagiaire2', name: 'Marc Martin' },
    { username: 'stagiaire3', name: null },
  ],
  groups: [
    { name: 'groupe-a', members: ['stagiaire1', 'stagiaire2'] },
    { name: 'groupe-vide', members: [] },
  ],
}

function checkbox(name: string) {
  return screen.getByRole('checkbox', { name }) as HTMLInputElement
}

describe('New session form: trainees from the directory', () => {
  it('ticks trainees into the list and out of it; the list is what is posted', async () => {
    const fetchMock = mockApi({
      'GET /api/templates': [200, [template()]],
      'GET /api/trainees': [200, DIRECTORY],
      'POST /api/sessions': [201, sampleSession({ id: 's1' })],
    })
    renderForm()
    const directory = await screen.findByRole('group', { name: "Choisir dans l'annuaire" })
    await within(directory).findByRole('checkbox', { name: 'Sophie Stagiaire (stagiaire1)' })
    expect(within(directory).getAllByRole('checkbox').map((box) => box.closest('label')!.textContent)).toEqual([
      'Sophie Stagiaire (stagiaire1)',
      'Marc Martin (stagiaire2)',
      'stagiaire3',
    ])
    expect(screen.getByRole('list', { name: "Stagiaires de l'annuaire" })).toBeTruthy()
    expect(fetchMock.mock.calls.some(([url, init]) => url === '/api/trainees' && (init?.method ?? 'GET') === 'GET')).toBe(true)

    fireEvent.change(await screen.findByLabelText('Modèle d’atelier'), { target: { value: 'pare-feu-nftables' } })
    const trainees = screen.getByLabelText('Stagiaires') as HTMLTextAreaElement
    fireEvent.click(checkbox('Sophie Stagiaire (stagiaire1)'))
    fireEvent.click(checkbox('stagiaire3'))
    expect(trainees.value).toBe('stagiaire1\nstagiaire3')
    expect(checkbox('Sophie Stagiaire (stagiaire1)').checked).toBe(true)
    expect(checkbox('Marc Martin (stagiaire2)').checked).toBe(false)
    expect(screen.getByText('2 stagiaires')).toBeTruthy()

    fireEvent.click(checkbox('Sophie Stagiaire (stagiaire1)'))
    expect(trainees.value).toBe('stagiaire3')
    expect(checkbox('Sophie Stagiaire (stagiaire1)').checked).toBe(false)
    fireEvent.click(checkbox('Marc Martin (stagiaire2)'))
    expect(trainees.value).toBe('stagiaire3\nstagiaire2')

    fireEvent.click(screen.getByRole('button', { name: 'Créer la session' }))
    await screen.findByRole('heading', { name: 'Page de la session' })
    expect(JSON.parse(String(posts(fetchMock)[0][1]!.body)).trainees).toEqual(['stagiaire3', 'stagiaire2'])
  })

  it('ticks the box of a name typed in the list, and unticking keeps the other typed names', async () => {
    mockApi({ 'GET /api/templates': [200, [template()]], 'GET /api/trainees': [200, DIRECTORY] })
    renderForm()
    await screen.findByRole('checkbox', { name: 'Marc Martin (stagiaire2)' })
    const trainees = screen.getByLabelText('Stagiaires') as HTMLTextAreaElement
    fireEvent.change(trainees, { target: { value: 'externe1, stagiaire2\nJean Dupont' } })
    expect(checkbox('Marc Martin (stagiaire2)').checked).toBe(true)
    expect(checkbox('Sophie Stagiaire (stagiaire1)').checked).toBe(false)

    fireEvent.click(checkbox('Marc Martin (stagiaire2)'))
    expect(trainees.value).toBe('externe1\nJean Dupont')
    fireEvent.change(trainees, { target: { value: 'externe1\nstagiaire2x' } })
    expect(checkbox('Marc Martin (stagiaire2)').checked).toBe(false)
  })

  it('adds a group’s members once, and says how many were added', async () => {
    const fetchMock = mockApi({
      'GET /api/templates': [200, [template()]],
      'GET /api/trainees': [200, DIRECTORY],
      'POST /api/sessions': [201, sampleSession({ id: 's2' })],
    })
    renderForm()
    fireEvent.change(await screen.findByLabelText('Modèle d’atelier'), { target: { value: 'pare-feu-nftables' } })
    const add = await screen.findByRole('button', { name: 'Ajouter le groupe groupe-a (2)' })
    const trainees = screen.getByLabelText('Stagiaires') as HTMLTextAreaElement
    fireEvent.change(trainees, { target: { value: 'stagiaire2' } })

    fireEvent.click(add)
    expect(trainees.value).toBe('stagiaire2\nstagiaire1')
    expect(screen.getByText('1 stagiaire ajouté').getAttribute('aria-live')).toBe('polite')
    expect(checkbox('Sophie Stagiaire (stagiaire1)').checked).toBe(true)

    fireEvent.click(add)
    expect(trainees.value).toBe('stagiaire2\nstagiaire1')
    expect(screen.getByText('Les stagiaires du groupe groupe-a sont déjà dans la liste.')).toBeTruthy()

    fireEvent.change(trainees, { target: { value: '' } })
    fireEvent.click(add)
    expect(trainees.value).toBe('stagiaire1\nstagiaire2')
    expect(screen.getByText('2 stagiaires ajoutés').getAttribute('role')).toBe('status')

    fireEvent.click(screen.getByRole('button', { name: 'Ajouter le groupe groupe-vide (0)' }))
    expect(screen.getByText('Le groupe groupe-vide ne contient aucun stagiaire.')).toBeTruthy()
    expect(trainees.value).toBe('stagiaire1\nstagiaire2')

    fireEvent.click(screen.getByRole('button', { name: 'Créer la session' }))
    await screen.findByRole('heading', { name: 'Page de la session' })
    expect(JSON.parse(String(posts(fetchMock)[0][1]!.body)).trainees).toEqual(['stagiaire1', 'stagiaire2'])
  })

  it('says when the directory holds no trainee', async () => {
    mockApi({ 'GET /api/templates': [200, [template()]], 'GET /api/trainees': [200, { trainees: [], groups: [] }] })
    renderForm()
    expect(await screen.findByText("L'annuaire ne contient aucun stagiaire : saisissez les identifiants ci-dessous.")).toBeTruthy()
    expect(screen.queryByRole('checkbox')).toBeNull()
    expect(screen.getByLabelText('Stagiaires')).toBeTruthy()
  })

  it('says while the directory loads', async () => {
    mockApi({
      'GET /api/templates': [200, [template()]],
      'GET /api/trainees': () => new Promise<Response>(() => {}),
    })
    renderForm()
    const directory = await screen.findByRole('group', { name: "Choisir dans l'annuaire" })
    expect(within(directory).getByRole('status').textContent).toBe("Chargement de l'annuaire…")
  })

  it('without the directory (503), says so without blocking: typed names are posted', async () => {
    const fetchMock = mockApi({
      'GET /api/templates': [200, [template()]],
      'GET /api/trainees': [503, { status: 503, error: 'Keycloak unreachable' }],
      'POST /api/sessions': [201, sampleSession({ id: 's3' })],
    })
    renderForm()
    const directory = await screen.findByRole('group', { name: "Choisir dans l'annuaire" })
    await within(directory).findByText('Annuaire indisponible')
    expect(within(directory).getByRole('status').textContent).toContain('Vous pouvez saisir les identifiants ci-dessous')
    expect(screen.queryByRole('alert')).toBeNull()
    expect(screen.queryByRole('checkbox')).toBeNull()

    fireEvent.change(screen.getByLabelText('Modèle d’atelier'), { target: { value: 'pare-feu-nftables' } })
    fireEvent.change(screen.getByLabelText('Stagiaires'), { target: { value: 'stagiaire1, stagiaire2' } })
    fireEvent.click(screen.getByRole('button', { name: 'Créer la session' }))
    await screen.findByRole('heading', { name: 'Page de la session' })
    expect(JSON.parse(String(posts(fetchMock)[0][1]!.body)).trainees).toEqual(['stagiaire1', 'stagiaire2'])
  })

  it('reads the directory again on "Réessayer"', async () => {
    let calls = 0
    mockApi({
      'GET /api/templates': [200, [template()]],
      'GET /api/trainees': () => {
        calls += 1
        return calls === 1
          ? new Response(JSON.stringify({ status: 503, error: 'down' }), { status: 503 })
          : new Response(JSON.stringify(DIRECTORY), { status: 200 })
      },
    })
    renderForm()
    const directory = await screen.findByRole('group', { name: "Choisir dans l'annuaire" })
    fireEvent.click(await within(directory).findByRole('button', { name: 'Réessayer' }))
    expect(await within(directory).findByRole('checkbox', { name: 'Sophie Stagiaire (stagiaire1)' })).toBeTruthy()
    expect(within(directory).queryByText('Annuaire indisponible')).toBeNull()
  })

  it('speaks English too', async () => {
    mockApi({ 'GET /api/templates': [200, [template()]], 'GET /api/trainees': [200, DIRECTORY] })
    renderAt(<NewSessionPage />, { route: '/sessions/nouvelle', lang: 'en' })
    const directory = await screen.findByRole('group', { name: 'Pick from the directory' })
    const add = await within(directory).findByRole('button', { name: 'Add the group groupe-a (2)' })
    fireEvent.click(add)
    expect(within(directory).getByText('2 trainees added')).toBeTruthy()
    expect((screen.getByLabelText('Trainees') as HTMLTextAreaElement).value).toBe('stagiaire1\nstagiaire2')
  })
})
