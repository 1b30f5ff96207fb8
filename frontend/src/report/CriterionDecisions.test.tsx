import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { Route, Routes } from 'react-router'
import { describe, expect, it } from 'vitest'
import type { Role } from '../api'
import type { Lang } from '../i18n'
import { LabPage } from '../pages/LabPage'
import { sampleLab, sampleSubmission } from '../test-labs'
import { sampleOverriddenReport, sampleReport } from '../test-reports'
import { mockApi, renderAt } from '../test-utils'
import type { MockReply } from '../test-utils'

const ID = '6f1c2d3e-0000-4000-8000-000000000001'
const URL_ = `/api/labs/${ID}`
const PUT_B = `PUT ${URL_}/report/criteria/C2.1-b`

function renderLab(roles: Role[] = ['validator'], lang: Lang = 'fr') {
  return renderAt(
    <Routes>
      <Route path="/ateliers/:id" element={<LabPage pollMs={60_000} roles={roles} username="validateur1" />} />
    </Routes>,
    { route: `/ateliers/${ID}`, lang },
  )
}

/** A graded lab whose grid (JSON) is `report`, plus other routes (the PUT…). */
function serve(report: MockReply = [200, sampleReport()], routes: Record<string, MockReply> = {}) {
  return mockApi({
    [`GET ${URL_}`]: [200, sampleLab({ state: 'GRADED' })],
    [`GET ${URL_}/submission`]: [200, sampleSubmission()],
    [`GET ${URL_}/report`]: report,
    ...routes,
  })
}

function calls(fetchMock: ReturnType<typeof mockApi>): string[] {
  return fetchMock.mock.calls.map(([url, init]) => `${init?.method ?? 'GET'} ${String(url)}`)
}

async function decisions() {
  return screen.findByRole('region', { name: 'Décisions par critère' })
}

/** An element's text with its spaces (no-break ones included) as single plain spaces. */
function text(element: Element): string {
  return (element.textContent ?? '').replace(/\s+/g, ' ').trim()
}

/** The texts of a criterion's row, its id first. */
function rowOf(criterion: string): string[] {
  const row = screen.getByRole('rowheader', { name: criterion }).closest('tr')!
  return [...row.children].map(text)
}

function changeButton(criterion: string): HTMLElement {
  return screen.getByRole('button', { name: `Modifier la décision du critère ${criterion}` })
}

describe('Décisions par critère (API mocked)', () => {
  it('reads the grid as JSON once shown, and lists each criterion by block and competency', async () => {
    const fetchMock = serve()
    renderLab()

    const region = await decisions()
    expect(await within(region).findByText('1 critère acquis sur 3 — 5 points sur 10')).toBeTruthy()
    expect(within(region).getAllByRole('heading', { level: 4 }).map((h) => h.textContent)).toEqual([
      'B2 — Administration des systèmes et des réseaux (5 / 8 points)',
      'B3 — Maintenance et dépannage (0 / 2 points)',
    ])
    expect(within(region).getAllByRole('heading', { level: 5 }).map((h) => h.textContent)).toEqual([
      'C2.1 — Sécuriser les accès réseau (5 / 8 points)',
      'C3.2 — Dépanner un service réseau (0 / 2 points)',
    ])
    const first = within(region).getByRole('table', { name: 'C2.1 — Sécuriser les accès réseau (5 / 8 points)' })
    expect(within(first).getAllByRole('columnheader').map((th) => th.textContent)).toEqual([
      'Critère',
      'Intitulé',
      'Points',
      'Seuil',
      'Décision',
      'Action',
    ])
    expect(within(first).getAllByRole('rowheader').map((th) => th.textContent)).toEqual(['C2.1-a', 'C2.1-b'])

    expect(rowOf('C2.1-a').slice(0, 5)).toEqual(['C2.1-a', 'La politique par défaut refuse les flux entrants', '4 / 4', '50 %', 'Acquis'])
    expect(rowOf('C2.1-b').slice(0, 5)).toEqual(['C2.1-b', 'Le site interdit est bloqué', '1 / 4', '75 %', 'Non acquis'])
    expect(rowOf('C3.2-a').slice(0, 5)).toEqual([
      'C3.2-a',
      'La résolution de noms fonctionne',
      '0 / 2',
      '50 %',
      'Non acquis (vérification impossible)',
    ])
    expect(changeButton('C3.2-a').tagName).toBe('BUTTON')

    const reads = fetchMock.mock.calls.filter(([url]) => String(url) === `${URL_}/report`)
    expect(reads).toHaveLength(1)
    expect(new Headers(reads[0][1]?.headers).get('Accept')).toBe('application/json')
    expect(new Headers(reads[0][1]?.headers).get('Authorization')).toBe('Bearer test-token')
    expect(screen.queryByText(/ne correspondent plus à leur empreinte/)).toBeNull()
  })

  it('is not read for a trainee', async () => {
    const fetchMock = serve()
    renderLab(['trainee'])
    await screen.findByText(/^Travail rendu le /)
    expect(screen.queryByRole('region', { name: 'Décisions par critère' })).toBeNull()
    expect(calls(fetchMock)).not.toContain(`GET ${URL_}/report`)
  })

  it('requires the reason before sending anything, next to the field, and Annuler sends nothing', async () => {
    const fetchMock = serve()
    renderLab()
    await decisions()
    await screen.findByRole('rowheader', { name: 'C2.1-b' })

    const open = changeButton('C2.1-b')
    open.focus()
    fireEvent.click(open)
    const dialog = screen.getByRole('alertdialog', { name: 'Décision pour le critère C2.1-b' })
    expect(within(dialog).getByText(/^Selon les vérifications, ce critère est «\sNon acquis\s»\./)).toBeTruthy()
    // The other decision is offered first: a change is what was asked for.
    expect((within(dialog).getByRole('radio', { name: 'Acquis' }) as HTMLInputElement).checked).toBe(true)
    expect((within(dialog).getByRole('radio', { name: 'Non acquis' }) as HTMLInputElement).checked).toBe(false)
    expect(within(dialog).getByRole('group', { name: 'Décision' })).toBeTruthy()

    const reason = within(dialog).getByRole('textbox', { name: 'Motif' })
    fireEvent.change(reason, { target: { value: '   ' } })
    fireEvent.click(within(dialog).getByRole('button', { name: 'Enregistrer la décision' }))

    const problem = within(dialog).getByText('Indiquez le motif de la décision.')
    expect(reason.getAttribute('aria-invalid')).toBe('true')
    expect(reason.getAttribute('aria-describedby')).toContain(problem.id)
    expect(document.activeElement).toBe(reason)
    expect(calls(fetchMock).some((c) => c.startsWith('PUT'))).toBe(false)

    fireEvent.click(within(dialog).getByRole('button', { name: 'Annuler' }))
    expect(screen.queryByRole('alertdialog')).toBeNull()
    expect(document.activeElement).toBe(open)
    expect(calls(fetchMock).some((c) => c.startsWith('PUT'))).toBe(false)
  })

  it('sends exactly the decision and the trimmed reason, then updates the table, announces it and logs it', async () => {
    const reasonText = 'Le blocage est fait dans la chaîne forward : la vérification visait input.'
    const fetchMock = serve(undefined, { [PUT_B]: [200, sampleOverriddenReport({ reason: reasonText })] })
    renderLab()
    const region = await decisions()
    await within(region).findByRole('rowheader', { name: 'C2.1-b' })
    expect(screen.getByText('Aucune décision n’a été modifiée : chaque critère suit ses vérifications.')).toBeTruthy()

    const open = changeButton('C2.1-b')
    open.focus()
    fireEvent.click(open)
    const dialog = screen.getByRole('alertdialog')
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Motif' }), { target: { value: `  ${reasonText}\n` } })
    fireEvent.click(within(dialog).getByRole('button', { name: 'Enregistrer la décision' }))

    expect(await within(region).findByText('Décision enregistrée pour le critère C2.1-b : Acquis.')).toBeTruthy()
    const put = fetchMock.mock.calls.find(([, init]) => init?.method === 'PUT')!
    expect(String(put[0])).toBe(`${URL_}/report/criteria/C2.1-b`)
    expect(put[1]?.body).toBe(JSON.stringify({ acquired: true, reason: reasonText }))
    expect(new Headers(put[1]?.headers).get('Content-Type')).toBe('application/json')
    expect(new Headers(put[1]?.headers).get('Authorization')).toBe('Bearer test-token')

    expect(screen.queryByRole('alertdialog')).toBeNull()
    expect(document.activeElement).toBe(changeButton('C2.1-b'))
    expect(rowOf('C2.1-b')[4]).toBe('Acquis (décision de validateur1, selon les vérifications : non acquis)')
    expect(within(region).getByText('2 critères acquis sur 3 — 5 points sur 10')).toBeTruthy()
    const status = within(region).getByText('Décision enregistrée pour le critère C2.1-b : Acquis.')
    expect(status.getAttribute('role')).toBe('status')
    expect(status.getAttribute('aria-live')).toBe('polite')

    const log = screen.getByRole('region', { name: 'Journal des décisions' })
    const entries = within(log).getAllByRole('listitem')
    expect(entries).toHaveLength(1)
    expect(text(entries[0])).toMatch(/^.+ — par validateur1 — critère C2\.1-b : Non acquis →devient Acquis/)
    expect(text(entries[0])).toContain(`Motif : ${reasonText}`)
    // Saved from the answer: the grid is not read again.
    expect(calls(fetchMock).filter((c) => c === `GET ${URL_}/report`)).toHaveLength(1)
  })

  it('keeps the dialog and the reason when the server refuses, and says why', async () => {
    serve(undefined, {
      [PUT_B]: [400, { status: 400, error: 'A reason is required to change a criterion’s decision.' }],
    })
    renderLab(['trainer'])
    await decisions()
    await screen.findByRole('rowheader', { name: 'C2.1-b' })

    fireEvent.click(changeButton('C2.1-b'))
    const dialog = screen.getByRole('alertdialog')
    fireEvent.click(within(dialog).getByRole('radio', { name: 'Non acquis' }))
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Motif' }), { target: { value: 'Vu en séance.' } })
    fireEvent.click(within(dialog).getByRole('button', { name: 'Enregistrer la décision' }))

    const alert = await within(dialog).findByRole('alert')
    expect(alert.textContent).toContain('A reason is required to change a criterion’s decision.')
    expect((within(dialog).getByRole('textbox', { name: 'Motif' }) as HTMLTextAreaElement).value).toBe('Vu en séance.')
    expect(within(dialog).getByRole('button', { name: 'Enregistrer la décision' }).getAttribute('aria-disabled')).toBe('false')
    expect(rowOf('C2.1-b')[4]).toBe('Non acquis')
  })

  it('shows the decision log as recorded: when, who, which criterion, before → after, why', async () => {
    serve([200, sampleOverriddenReport()])
    renderLab(['admin'])
    const log = await screen.findByRole('region', { name: 'Journal des décisions' })
    const entry = (await within(log).findAllByRole('listitem'))[0]
    expect(entry.querySelector('time')?.getAttribute('dateTime')).toBe('2026-11-24T08:15:00Z')
    expect(text(entry)).toContain('24 novembre 2026')
    expect(text(entry)).toContain('par validateur1')
    expect(text(entry)).toContain('critère C2.1-b : Non acquis')
    expect(text(entry)).toContain('Motif : Le blocage est fait dans la chaîne forward : la vérification visait input.')
    expect(rowOf('C2.1-b')[4]).toBe('Acquis (décision de validateur1, selon les vérifications : non acquis)')
  })

  it('warns prominently when the stored results no longer match their fingerprint', async () => {
    serve([200, sampleReport({ intact: false })])
    renderLab()
    const region = await decisions()
    const alert = await within(region).findByRole('alert')
    expect(within(alert).getByText('Les résultats enregistrés ne correspondent plus à leur empreinte')).toBeTruthy()
    // Shown before the table.
    const table = within(region).getAllByRole('table')[0]
    expect(alert.compareDocumentPosition(table) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy()
  })

  it('says why the grid could not be read, and reads it again on Réessayer', async () => {
    let answers = 0
    serve(() =>
      answers++ === 0
        ? new Response(JSON.stringify({ status: 403, error: 'Only trainers, validators and admins.' }), { status: 403 })
        : new Response(JSON.stringify(sampleReport()), { status: 200, headers: { 'Content-Type': 'application/json' } }),
    )
    renderLab()
    const region = await decisions()
    expect((await within(region).findByRole('alert')).textContent).toContain('Only trainers, validators and admins.')
    fireEvent.click(within(region).getByRole('button', { name: 'Réessayer' }))
    await waitFor(() => expect(within(region).queryByRole('alert')).toBeNull())
    expect(await within(region).findByRole('rowheader', { name: 'C2.1-a' })).toBeTruthy()
  })

  it('speaks English too', async () => {
    serve([200, sampleOverriddenReport()])
    renderLab(['validator'], 'en')
    const region = await screen.findByRole('region', { name: 'Decisions per criterion' })
    await within(region).findByRole('rowheader', { name: 'C2.1-b' })
    expect(within(region).getByRole('heading', { level: 4, name: 'B2 — Systems and network administration (5 / 8 points)' })).toBeTruthy()
    expect(rowOf('C2.1-b').slice(1, 5)).toEqual([
      'The forbidden site is blocked',
      '1 / 4',
      '75%',
      'Acquired (decided by validateur1, according to the checks: not acquired)',
    ])
    expect(rowOf('C3.2-a')[4]).toBe('Not acquired (could not be verified)')
    expect(screen.getByRole('button', { name: 'Change the decision for criterion C2.1-b' })).toBeTruthy()
    expect(screen.getByRole('region', { name: 'Decision log' })).toBeTruthy()
  })
  it('marks a criterion evidenced only by tasks the trainer gave « donné par le formateur » and lists who gave them', async () => {
    const report = sampleReport()
    const given = {
      ...report,
      givenTasks: [{ taskId: 'bloquer-site', givenBy: 'formateur1', givenAt: '2026-11-23T10:15:00Z' }],
      grade: {
        ...report.grade,
        blocks: report.grade.blocks.map((block) => ({
          ...block,
          competencies: block.competencies.map((competency) => ({
            ...competency,
            criteria: competency.criteria.map((c) => (c.id === 'C2.1-b' ? { ...c, given: true, acquired: false } : c)),
          })),
        })),
      },
    }
    serve([200, given])
    renderLab()
    const region = await decisions()
    await within(region).findByRole('rowheader', { name: 'C2.1-b' })
    expect(rowOf('C2.1-b')[4]).toBe('Non acquis (donné par le formateur)')
    expect(rowOf('C2.1-a')[4]).not.toContain('donné par le formateur')
    expect(text(within(region).getByText(/^Tâches données par le formateur/).parentElement!)).toContain(
      'bloquer-site, par formateur1 le',
    )
  })
})
