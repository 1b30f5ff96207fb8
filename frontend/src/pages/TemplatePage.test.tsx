import { fireEvent, screen, within } from '@testing-library/react'
import { Route, Routes, useParams } from 'react-router'
import { describe, expect, it } from 'vitest'
import type { Role, TemplateDetail } from '../api'
import { mockApi, renderAt } from '../test-utils'
import { sampleLab } from '../test-labs'
import { TemplatePage } from './TemplatePage'

const detail: TemplateDetail = {
  summary: {
    id: 'pare-feu-nftables',
    version: 1,
    title: { fr: 'Filtrer le trafic avec nftables' },
    summary: null,
    referential: null,
    durationMinutes: 90,
    practice: true,
    tags: [],
    nodeCount: 1,
    taskCount: 1,
    checkCount: 1,
    totalPoints: 3,
    criteria: [
      { id: 'C17.bloquer-sites', text: { fr: "Bloquer l'accès aux sites" }, competency: 'C17', competencyTitle: null, block: 'B3' },
    ],
  },
  networks: [{ name: 'lan', cidr: '192.168.10.0/24', gateway: '192.168.10.1', description: { fr: 'Réseau interne' } }],
  nodes: [
    {
      name: 'fw',
      image: 'debian-base',
      description: { fr: 'Le pare-feu' },
      memoryMiB: 384,
      cpus: 1,
      consoles: ['vnc', 'ssh'],
      nics: [{ network: 'lan', ip: '192.168.10.1/24' }],
    },
  ],
  tasks: [
    {
      id: 'bloquer-site',
      title: { fr: 'Bloquer un site' },
      points: 3,
      checks: [{ id: 'site-bloque', description: { fr: 'Le site est bloqué' }, criteria: ['C17.bloquer-sites'], points: 2 }],
    },
  ],
}

function LabMarker() {
  return <h1>Atelier {useParams().id}</h1>
}

function renderPage(id: string, roles?: Role[]) {
  return renderAt(
    <Routes>
      <Route path="/modeles/:id" element={<TemplatePage roles={roles} />} />
      <Route path="/ateliers/:id" element={<LabMarker />} />
    </Routes>,
    { route: `/modeles/${id}` },
  )
}

function postedBodies(fetchMock: ReturnType<typeof mockApi>): unknown[] {
  return fetchMock.mock.calls
    .filter(([url, init]) => init?.method === 'POST' && String(url) === '/api/labs')
    .map(([, init]) => JSON.parse(String(init?.body)))
}

describe('TemplatePage (API mocked with a fake fetch)', () => {
  it('shows machines, networks and tasks with their checks in tables', async () => {
    mockApi({ 'GET /api/templates/pare-feu-nftables': [200, detail] })
    renderPage('pare-feu-nftables')

    expect(await screen.findByRole('heading', { level: 1, name: 'Filtrer le trafic avec nftables' })).toBeTruthy()

    const machines = screen.getByRole('table', { name: 'Machines' })
    expect(within(machines).getByRole('columnheader', { name: 'Mémoire' })).toBeTruthy()
    expect(within(machines).getByRole('rowheader', { name: 'fw' })).toBeTruthy()
    expect(within(machines).getByText('384 Mio')).toBeTruthy()
    expect(within(machines).getByText('Écran (VNC), SSH')).toBeTruthy()

    const networks = screen.getByRole('table', { name: 'Réseaux' })
    expect(within(networks).getByText('192.168.10.0/24')).toBeTruthy()

    const checks = screen.getByRole('table', { name: 'Vérifications de la tâche « Bloquer un site »' })
    expect(within(checks).getByText('Le site est bloqué')).toBeTruthy()
    expect(within(checks).getByText('C17.bloquer-sites')).toBeTruthy()
    expect(within(checks).getByText('2 points')).toBeTruthy()
  })

  it('says when the template does not exist', async () => {
    mockApi({ 'GET /api/templates/x': [404, { status: 404, error: "No template 'x' in the catalog" }] })
    renderPage('x')

    expect(await screen.findByRole('heading', { level: 1, name: 'Modèle introuvable' })).toBeTruthy()
    expect(screen.getByRole('link', { name: /Retour au catalogue/ }).getAttribute('href')).toBe('/')
  })
})

describe('starting a lab from the template page', () => {
  const lab = sampleLab({ id: 'lab-42', state: 'REQUESTED' })

  it('lets a trainer start the lab for a named trainee, then opens the lab page', async () => {
    const fetchMock = mockApi({
      'GET /api/templates/pare-feu-nftables': [200, detail],
      'POST /api/labs': [201, lab],
    })
    renderPage('pare-feu-nftables', ['trainer'])

    const form = await screen.findByRole('form', { name: 'Lancer pour un stagiaire' })
    expect(screen.getByRole('heading', { level: 2, name: 'Lancer pour un stagiaire' })).toBeTruthy()
    expect(screen.queryByRole('button', { name: "S'entraîner" })).toBeNull()
    const input = within(form).getByLabelText('Identifiant du stagiaire') as HTMLInputElement
    expect(input.value).toBe('')
    expect(input.required).toBe(true)

    // Empty: nothing is posted, the field says why.
    fireEvent.click(within(form).getByRole('button', { name: "Lancer l'atelier" }))
    expect(screen.getByRole('alert').textContent).toBe("Indiquez l'identifiant du stagiaire.")
    expect(input.getAttribute('aria-invalid')).toBe('true')
    expect(postedBodies(fetchMock)).toEqual([])

    // Not a user name by the server's rule (a dot): nothing is posted, the field says why.
    fireEvent.change(input, { target: { value: 'jean.dupont' } })
    expect(screen.queryByRole('alert')).toBeNull()
    fireEvent.click(within(form).getByRole('button', { name: "Lancer l'atelier" }))
    expect(screen.getByRole('alert').textContent).toMatch(/^«\sjean\.dupont\s» n’est pas un identifiant\s: il commence par une lettre minuscule/)
    expect(input.getAttribute('aria-invalid')).toBe('true')
    expect(document.activeElement).toBe(input)
    expect(postedBodies(fetchMock)).toEqual([])

    fireEvent.change(input, { target: { value: ' stagiaire1 ' } })
    expect(input.getAttribute('aria-invalid')).toBeNull()
    fireEvent.click(within(form).getByRole('button', { name: "Lancer l'atelier" }))

    expect(await screen.findByRole('heading', { level: 1, name: 'Atelier lab-42' })).toBeTruthy()
    expect(postedBodies(fetchMock)).toEqual([{ templateId: 'pare-feu-nftables', trainee: 'stagiaire1' }])
    const init = fetchMock.mock.calls.find(([, i]) => i?.method === 'POST')![1]!
    expect(new Headers(init.headers).get('Content-Type')).toBe('application/json')
  })

  it('shows the API error when the launch is refused', async () => {
    mockApi({
      'GET /api/templates/pare-feu-nftables': [200, detail],
      'POST /api/labs': [409, { status: 409, error: 'stagiaire9 already has 2 running labs (the limit).' }],
    })
    renderPage('pare-feu-nftables', ['admin'])

    const form = await screen.findByRole('form', { name: 'Lancer pour un stagiaire' })
    fireEvent.change(within(form).getByLabelText('Identifiant du stagiaire'), { target: { value: 'stagiaire9' } })
    fireEvent.click(within(form).getByRole('button', { name: "Lancer l'atelier" }))

    expect(await screen.findByText(/stagiaire9 already has 2 running labs/)).toBeTruthy()
  })

  it("lets a trainee practise on a practice template (no trainee in the body)", async () => {
    const fetchMock = mockApi({
      'GET /api/templates/pare-feu-nftables': [200, detail],
      'POST /api/labs': [201, lab],
    })
    renderPage('pare-feu-nftables', ['trainee'])

    fireEvent.click(await screen.findByRole('button', { name: "S'entraîner" }))

    expect(await screen.findByRole('heading', { level: 1, name: 'Atelier lab-42' })).toBeTruthy()
    expect(postedBodies(fetchMock)).toEqual([{ templateId: 'pare-feu-nftables' }])
    expect(screen.queryByRole('form')).toBeNull()
  })

  it('offers nothing to a trainee when the template is not open for practice, nor to a validator', async () => {
    mockApi({ 'GET /api/templates/x': [200, { ...detail, summary: { ...detail.summary, id: 'x', practice: false } }] })
    renderPage('x', ['trainee', 'validator'])

    await screen.findByRole('heading', { level: 1, name: 'Filtrer le trafic avec nftables' })
    expect(screen.queryByRole('button', { name: "S'entraîner" })).toBeNull()
    expect(screen.queryByRole('form')).toBeNull()
  })

  it('offers a validator neither the launch form nor practice, even on a practice template (the API refuses both)', async () => {
    mockApi({ 'GET /api/templates/pare-feu-nftables': [200, detail] })
    renderPage('pare-feu-nftables', ['validator'])

    await screen.findByRole('heading', { level: 1, name: 'Filtrer le trafic avec nftables' })
    expect(screen.queryByRole('button', { name: "S'entraîner" })).toBeNull()
    expect(screen.queryByRole('form')).toBeNull()
  })
})
