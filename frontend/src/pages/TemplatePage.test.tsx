import { screen, within } from '@testing-library/react'
import { Route, Routes } from 'react-router'
import { describe, expect, it } from 'vitest'
import type { TemplateDetail } from '../api'
import { mockApi, renderAt } from '../test-utils'
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

function renderPage(id: string) {
  return renderAt(
    <Routes>
      <Route path="/modeles/:id" element={<TemplatePage />} />
    </Routes>,
    { route: `/modeles/${id}` },
  )
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
