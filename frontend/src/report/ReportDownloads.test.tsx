import { fireEvent, screen, within } from '@testing-library/react'
import { Route, Routes } from 'react-router'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Role } from '../api'
import { LabPage } from '../pages/LabPage'
import { sampleLab, sampleSubmission } from '../test-labs'
import { sampleReport } from '../test-reports'
import { mockApi, renderAt } from '../test-utils'
import { reportFileName } from './download'

const ID = '6f1c2d3e-0000-4000-8000-000000000001'
const URL_ = `/api/labs/${ID}`

function renderLab(roles: Role[], username: string) {
  return renderAt(
    <Routes>
      <Route path="/ateliers/:id" element={<LabPage pollMs={60_000} roles={roles} username={username} />} />
    </Routes>,
    { route: `/ateliers/${ID}` },
  )
}

/**
 * A graded lab. Its grid is read as JSON once when the block shows (the decisions per
 * criterion); the downloads that follow are answered by `report`.
 */
function graded(report: () => Response = () => new Response('x', { status: 200 })) {
  let gridRead = false
  return mockApi({
    [`GET ${URL_}`]: [200, sampleLab({ state: 'GRADED' })],
    [`GET ${URL_}/submission`]: [200, sampleSubmission()],
    [`GET ${URL_}/report`]: (_input, init) => {
      if (!gridRead && new Headers(init?.headers).get('Accept') === 'application/json') {
        gridRead = true
        return new Response(JSON.stringify(sampleReport()), { status: 200, headers: { 'Content-Type': 'application/json' } })
      }
      return report()
    },
  })
}

/** The block first reads the grid (JSON) for its decisions table: downloads are asked after it. */
async function gridRead(region: HTMLElement) {
  await within(region).findAllByRole('button', { name: /Modifier la décision/ })
}

/** The last request for the report: the download (the grid's own reading comes first). */
function lastReportCall(fetchMock: ReturnType<typeof mockApi>) {
  const calls = fetchMock.mock.calls.filter(([url]) => String(url) === `${URL_}/report`)
  expect(calls.length).toBeGreaterThanOrEqual(2)
  return calls[calls.length - 1]
}

/** The links the page "clicks" (jsdom does not navigate nor download). */
let clicked: { href: string; download: string; target: string; rel: string }[]
let created: Blob[]

beforeEach(() => {
  clicked = []
  created = []
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    clicked.push({ href: this.href, download: this.download, target: this.target, rel: this.rel })
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

describe('Grille d’évaluation (API mocked)', () => {
  it('is never shown to a trainee', async () => {
    graded()
    renderLab(['trainee'], 'stagiaire1')
    await screen.findByText(/^Travail rendu le /)
    expect(screen.queryByRole('region', { name: 'Grille d’évaluation' })).toBeNull()
    expect(screen.queryByRole('button', { name: 'Tableur (CSV)' })).toBeNull()
  })

  it('is not offered before the lab is graded', async () => {
    mockApi({ [`GET ${URL_}`]: [200, sampleLab()] })
    renderLab(['validator'], 'validateur1')
    await screen.findByRole('region', { name: 'Tâches et progression' })
    expect(screen.queryByRole('region', { name: 'Grille d’évaluation' })).toBeNull()
  })

  it('gives a validator the CSV, asked with Accept: text/csv and the token, saved under the grid’s name', async () => {
    const fetchMock = graded(() => new Response('critere;acquis\n', { status: 200, headers: { 'Content-Type': 'text/csv' } }))
    renderLab(['validator'], 'validateur1')

    const region = await screen.findByRole('region', { name: 'Grille d’évaluation' })
    await gridRead(region)
    await within(region).findByRole('table', { name: /^C2\.1 — / })
    expect(within(region).getAllByRole('button').map((b) => b.textContent)).toEqual([
      'Grille imprimable (HTML)',
      'Tableur (CSV)',
      'Données (JSON)',
      'Modifier la décision du critère C2.1-a',
      'Modifier la décision du critère C2.1-b',
      'Modifier la décision du critère C3.2-a',
    ])
    fireEvent.click(within(region).getByRole('button', { name: 'Tableur (CSV)' }))

    expect(await within(region).findByText('Fichier grille-stagiaire1-6f1c2d3e.csv téléchargé.')).toBeTruthy()
    const call = lastReportCall(fetchMock)
    const headers = new Headers(call[1]?.headers)
    expect(headers.get('Accept')).toBe('text/csv')
    expect(headers.get('Authorization')).toBe('Bearer test-token')
    expect(await created[0].text()).toBe('critere;acquis\n')
    expect(clicked).toEqual([{ href: 'blob:http://localhost/1', download: 'grille-stagiaire1-6f1c2d3e.csv', target: '', rel: '' }])
  })

  it('opens the printable grid in a new tab and keeps a link to it', async () => {
    const fetchMock = graded(() => new Response('<h1>Grille</h1>', { status: 200, headers: { 'Content-Type': 'text/html' } }))
    renderLab(['trainer'], 'formateur1')

    const region = await screen.findByRole('region', { name: 'Grille d’évaluation' })
    await gridRead(region)
    fireEvent.click(within(region).getByRole('button', { name: 'Grille imprimable (HTML)' }))

    expect(await within(region).findByText('La grille imprimable s’ouvre dans un nouvel onglet.')).toBeTruthy()
    const call = lastReportCall(fetchMock)
    expect(new Headers(call[1]?.headers).get('Accept')).toBe('text/html')
    expect(created[0].type).toBe('text/html')
    expect(clicked).toEqual([{ href: 'blob:http://localhost/1', download: '', target: '_blank', rel: 'noopener' }])
    const again = within(region).getByRole('link', { name: /ouvrir la grille imprimable/ })
    expect(again.getAttribute('href')).toBe('blob:http://localhost/1')
  })

  it('asks for JSON and says why when the server refuses', async () => {
    const fetchMock = graded(
      () => new Response(JSON.stringify({ status: 403, error: 'Only trainers, validators and admins.' }), { status: 403 }),
    )
    renderLab(['admin'], 'admin')

    const region = await screen.findByRole('region', { name: 'Grille d’évaluation' })
    await gridRead(region)
    fireEvent.click(within(region).getByRole('button', { name: 'Données (JSON)' }))

    const alert = await within(region).findByRole('alert')
    expect(alert.textContent).toContain('Only trainers, validators and admins.')
    const call = lastReportCall(fetchMock)
    expect(new Headers(call[1]?.headers).get('Accept')).toBe('application/json')
    expect(clicked).toEqual([])
  })
})

describe('reportFileName', () => {
  it('names the file after the trainee and the lab, safely', () => {
    expect(reportFileName({ id: ID, trainee: 'stagiaire1' }, 'json')).toBe('grille-stagiaire1-6f1c2d3e.json')
    expect(reportFileName({ id: ID, trainee: 'Élise Martin' }, 'csv')).toBe('grille-Élise-Martin-6f1c2d3e.csv')
    expect(reportFileName({ id: ID, trainee: '../jean.dupont/' }, 'csv')).toBe('grille-jean.dupont-6f1c2d3e.csv')
    expect(reportFileName({ id: ID, trainee: '//' }, 'csv')).toBe('grille-stagiaire-6f1c2d3e.csv')
  })
})
