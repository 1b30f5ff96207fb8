import { screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { mockApi, renderAt } from '../test-utils'
import { sampleLab } from '../test-labs'
import { LabsPage } from './LabsPage'

describe('LabsPage "Mes ateliers" (API mocked with a fake fetch)', () => {
  it('lists the labs in a table, newest first, each linking to its page', async () => {
    const older = sampleLab({ id: 'a1', state: 'STOPPED', createdAt: '2026-11-20T08:00:00Z' })
    const newer = sampleLab({
      id: 'b2',
      templateTitle: { fr: 'Configurer un serveur DHCP' },
      state: 'FAILED',
      reason: 'no space left',
      createdAt: '2026-11-23T09:00:00Z',
    })
    mockApi({ 'GET /api/labs': [200, [older, newer]] })
    renderAt(<LabsPage />)

    expect(screen.getByRole('heading', { level: 1, name: 'Mes ateliers' })).toBeTruthy()
    const table = await screen.findByRole('table', { name: 'Mes ateliers (2 ateliers)' })
    for (const name of ['Modèle', 'Stagiaire', 'État', 'Créé le']) {
      expect(within(table).getByRole('columnheader', { name })).toBeTruthy()
    }
    const rows = within(table).getAllByRole('row').slice(1)
    expect(rows).toHaveLength(2)
    expect(within(rows[0]).getByRole('link', { name: 'Configurer un serveur DHCP' }).getAttribute('href')).toBe('/ateliers/b2')
    expect(within(rows[0]).getByText('En échec')).toBeTruthy()
    expect(within(rows[1]).getByRole('link', { name: 'Filtrer le trafic avec nftables' }).getAttribute('href')).toBe('/ateliers/a1')
    expect(within(rows[1]).getByText('Arrêté')).toBeTruthy()
    expect(within(rows[1]).getByText('stagiaire1')).toBeTruthy()
    expect(within(rows[1]).getByText(/20 novembre 2026/)).toBeTruthy()
  })

  it('explains the empty list and links to the catalog', async () => {
    mockApi({ 'GET /api/labs': [200, []] })
    renderAt(<LabsPage />)

    expect(await screen.findByText(/Aucun atelier pour l'instant/)).toBeTruthy()
    expect(screen.getByText(/C'est votre formateur qui lance les ateliers/)).toBeTruthy()
    expect(screen.getByRole('link', { name: 'Parcourir le catalogue' }).getAttribute('href')).toBe('/')
    expect(screen.queryByRole('table')).toBeNull()
  })

  it('shows the API error', async () => {
    mockApi({ 'GET /api/labs': [500, { status: 500, error: 'database unavailable' }] })
    renderAt(<LabsPage />)
    expect(await screen.findByText(/database unavailable/)).toBeTruthy()
    expect(screen.getByRole('button', { name: 'Réessayer' })).toBeTruthy()
  })
})
