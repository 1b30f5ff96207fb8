import { fireEvent, screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { CatalogReport } from '../api'
import { mockApi, renderAt } from '../test-utils'
import { AdminPage } from './AdminPage'

const broken: CatalogReport = {
  loadedAt: '2026-11-23T09:00:00Z',
  templates: ['pare-feu-nftables'],
  problems: [
    {
      file: 'lab-templates/x/template.yaml',
      line: 12,
      path: '$.nodes[0].nics[0].network',
      message: "unknown network 'lan2'; expected one of: lan, wan",
    },
  ],
}
const fixed: CatalogReport = { loadedAt: '2026-11-23T09:05:00Z', templates: ['pare-feu-nftables', 'x'], problems: [] }

describe('AdminPage (API mocked with a fake fetch)', () => {
  it('lists the problems, then reloads the templates', async () => {
    const fetchMock = mockApi({
      'GET /api/admin/templates': [200, broken],
      'POST /api/admin/templates/reload': [200, fixed],
    })
    renderAt(<AdminPage />)

    const problems = await screen.findByRole('table', { name: 'Problèmes (1)' })
    expect(within(problems).getByText('lab-templates/x/template.yaml:12')).toBeTruthy()
    expect(within(problems).getByText('$.nodes[0].nics[0].network')).toBeTruthy()
    expect(within(problems).getByText(/unknown network 'lan2'/)).toBeTruthy()

    fireEvent.click(screen.getByRole('button', { name: 'Relire les modèles' }))

    // (the default text normaliser turns the no-break space before the colon into a plain space)
    expect(await screen.findByText('Modèles relus : 2 modèles chargés, 0 problème.')).toBeTruthy()
    expect(screen.getByText('Aucun problème détecté dans les fichiers de modèles.')).toBeTruthy()
    expect(screen.getByRole('link', { name: 'x' }).getAttribute('href')).toBe('/modeles/x')
    expect(fetchMock.mock.calls.map(([, init]) => init?.method ?? 'GET')).toEqual(['GET', 'POST'])
  })
})
