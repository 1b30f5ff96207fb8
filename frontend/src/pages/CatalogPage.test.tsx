import { fireEvent, screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { TemplateSummary } from '../api'
import { mockApi, renderAt } from '../test-utils'
import { CatalogPage } from './CatalogPage'

const firewall: TemplateSummary = {
  id: 'pare-feu-nftables',
  version: 1,
  title: { fr: 'Filtrer le trafic avec nftables', en: 'Filtering traffic with nftables' },
  summary: { fr: 'Configurer un pare-feu pour un petit réseau.', en: null },
  referential: { id: 'tai', title: { fr: "Technicien d'assistance en informatique", en: null } },
  durationMinutes: 90,
  practice: true,
  tags: ['pare-feu'],
  nodeCount: 3,
  taskCount: 4,
  checkCount: 12,
  totalPoints: 16.0,
  criteria: [
    {
      id: 'C17.bloquer-sites',
      text: { fr: "Bloquer l'accès aux sites internet indiqués", en: 'Block access to the given websites' },
      competency: 'C17',
      competencyTitle: { fr: 'Sécuriser', en: null },
      block: 'B3',
    },
  ],
}

describe('CatalogPage (API mocked with a fake fetch)', () => {
  it('renders one card per template from the mocked API', async () => {
    const fetchMock = mockApi({ 'GET /api/templates': [200, [firewall]] })
    renderAt(<CatalogPage />)

    expect(screen.getByRole('heading', { level: 1, name: 'Catalogue des ateliers' })).toBeTruthy()
    expect(screen.getByRole('status').textContent).toContain('Chargement du catalogue')

    const heading = await screen.findByRole('heading', { level: 2, name: 'Filtrer le trafic avec nftables' })
    const card = heading.closest('article')!
    expect(card).toBeTruthy()
    const inCard = within(card)
    expect(inCard.getByText('Configurer un pare-feu pour un petit réseau.')).toBeTruthy()
    expect(inCard.getByText("Technicien d'assistance en informatique")).toBeTruthy()
    expect(inCard.getByText('1 h 30')).toBeTruthy()
    expect(inCard.getByText('3 machines')).toBeTruthy()
    expect(inCard.getByText(/4 tâches/)).toBeTruthy()
    expect(inCard.getByText('16 points')).toBeTruthy()
    expect(inCard.getByText('C17.bloquer-sites')).toBeTruthy()
    expect(inCard.getByText("Bloquer l'accès aux sites internet indiqués")).toBeTruthy()
    expect(inCard.getByRole('link', { name: /Voir le détail/ }).getAttribute('href')).toBe('/modeles/pare-feu-nftables')

    const [url, init] = fetchMock.mock.calls[0]
    expect(url).toBe('/api/templates')
    expect(new Headers(init?.headers).get('Authorization')).toBe('Bearer test-token')
  })

  it('shows English texts and falls back to French where English is missing', async () => {
    mockApi({ 'GET /api/templates': [200, [firewall]] })
    renderAt(<CatalogPage />, { lang: 'en' })

    expect(screen.getByRole('heading', { level: 1, name: 'Lab catalog' })).toBeTruthy()
    const heading = await screen.findByRole('heading', { level: 2, name: 'Filtering traffic with nftables' })
    const inCard = within(heading.closest('article')!)
    expect(inCard.getByText('Configurer un pare-feu pour un petit réseau.')).toBeTruthy()
    expect(inCard.getByText('1 h 30 min')).toBeTruthy()
  })

  it('explains an empty catalog', async () => {
    mockApi({ 'GET /api/templates': [200, []] })
    renderAt(<CatalogPage />)
    expect(await screen.findByText(/Aucun modèle d'atelier n'est encore publié/)).toBeTruthy()
  })

  it('shows a readable error and retries', async () => {
    const fetchMock = mockApi({ 'GET /api/templates': [403, { status: 403, error: 'Role not allowed' }] })
    renderAt(<CatalogPage />)

    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toContain("Vous n'avez pas les droits nécessaires")
    expect(alert.textContent).toContain('Role not allowed')

    fireEvent.click(within(alert).getByRole('button', { name: 'Réessayer' }))
    await screen.findByRole('alert')
    expect(fetchMock).toHaveBeenCalledTimes(2)
  })

  it('filters by referential', async () => {
    const other: TemplateSummary = {
      ...firewall,
      id: 'reseau',
      title: { fr: 'Réseau local' },
      referential: { id: 'ais', title: { fr: 'Administrateur d’infrastructures sécurisées' } },
    }
    mockApi({ 'GET /api/templates': [200, [firewall, other]] })
    renderAt(<CatalogPage />)

    await screen.findAllByRole('article')
    fireEvent.change(screen.getByLabelText('Référentiel'), { target: { value: 'ais' } })
    expect(screen.getAllByRole('article')).toHaveLength(1)
    expect(screen.getByRole('heading', { level: 2, name: 'Réseau local' })).toBeTruthy()
  })
})
