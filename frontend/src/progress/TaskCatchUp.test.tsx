import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { Route, Routes } from 'react-router'
import { describe, expect, it } from 'vitest'
import type { Role } from '../api'
import { formatDateTime } from '../i18n'
import { LabPage } from '../pages/LabPage'
import { sampleLab } from '../test-labs'
import { mockApi, renderAt } from '../test-utils'
import { mayCatchUp } from './access'

const ID = '6f1c2d3e-0000-4000-8000-000000000001'
const URL = `/api/labs/${ID}`
const NONE: [number, unknown] = [404, { status: 404, error: 'No verification of this lab yet.' }]
const CATCH_UP = 'Rattraper jusqu’à cette tâche'

type Viewer = { roles: Role[]; username?: string }
const TRAINEE: Viewer = { roles: ['trainee'], username: 'stagiaire1' }
const TRAINER: Viewer = { roles: ['trainer'], username: 'formateur1' }
const OTHER_TRAINER: Viewer = { roles: ['trainer'], username: 'formateur9' }
const VALIDATOR: Viewer = { roles: ['validator'], username: 'validateur1' }
const ADMIN: Viewer = { roles: ['admin'], username: 'admin' }

function renderLab(viewer: Viewer) {
  return renderAt(
    <Routes>
      <Route path="/ateliers/:id" element={<LabPage pollMs={60_000} roles={viewer.roles} username={viewer.username} />} />
    </Routes>,
    { route: `/ateliers/${ID}` },
  )
}

function later() {
  let answer: (response: Response) => void = () => {}
  const promise = new Promise<Response>((resolve) => {
    answer = resolve
  })
  return { promise, answer }
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
}

/** The catch-up button of a task, named by its title (« » hold non-breaking spaces). */
function named(title: string): RegExp {
  return new RegExp(`^${CATCH_UP}\\s«\\s${title}\\s»$`)
}

async function panel() {
  return screen.findByRole('region', { name: 'Tâches et progression' })
}

describe('Catch up to a task (API mocked)', () => {
  it('is offered to the lab’s trainer and admins on every task but the first, never to its trainee or a validator', () => {
    const lab = sampleLab()
    expect(mayCatchUp(lab, TRAINER)).toBe(true)
    expect(mayCatchUp(lab, ADMIN)).toBe(true)
    expect(mayCatchUp(lab, OTHER_TRAINER)).toBe(false)
    expect(mayCatchUp(lab, TRAINEE)).toBe(false)
    expect(mayCatchUp(lab, VALIDATOR)).toBe(false)
    expect(mayCatchUp(sampleLab({ createdBy: 'formateur1', trainee: 'formateur1' }), TRAINER)).toBe(false)
  })

  it('the trainer confirms, the button says it is busy while the solutions run, then the tasks given are announced and shown', async () => {
    const givenAt = '2026-11-23T10:15:00Z'
    const pending = later()
    let labLoads = 0
    const caughtUpLab = sampleLab({
      tasks: sampleLab().tasks.map((task, i) => (i < 2 ? { ...task, givenAt } : task)),
    })
    const fetchMock = mockApi({
      [`GET ${URL}`]: () => json(200, labLoads++ === 0 ? sampleLab() : caughtUpLab),
      [`GET ${URL}/verifications/latest`]: NONE,
      [`POST ${URL}/tasks/panne-dns/catch-up`]: () => pending.promise,
    })
    renderLab(TRAINER)
    const region = await panel()

    // Nothing comes before the first task: two buttons for three tasks, each naming its task.
    await within(region).findAllByRole('button', { name: new RegExp(`^${CATCH_UP}`) })
    expect(within(region).getAllByRole('button', { name: new RegExp(`^${CATCH_UP}`) })).toHaveLength(2)
    const button = within(region).getByRole('button', { name: named('Réparer la résolution de noms') })

    fireEvent.click(button)
    let dialog = screen.getByRole('alertdialog', { name: /^Rattraper jusqu’à la tâche «\sRéparer la résolution de noms\s»\s\?$/ })
    expect(within(dialog).getByText(/sur les machines de stagiaire1 les solutions des tâches précédentes : Politique par défaut, Bloquer le site interdit\./)).toBeTruthy()
    expect(within(dialog).getByText(/« donnés par le formateur », non acquis/)).toBeTruthy()
    fireEvent.click(within(dialog).getByRole('button', { name: 'Annuler' }))
    expect(fetchMock.mock.calls.some(([, init]) => init?.method === 'POST')).toBe(false)

    fireEvent.click(button)
    dialog = screen.getByRole('alertdialog')
    fireEvent.click(within(dialog).getByRole('button', { name: 'Rattraper' }))

    const statuses = () => within(region).getAllByRole('status').map((s) => (s.textContent ?? '').replace(/\s+/g, ' '))
    await waitFor(() => expect(statuses()).toContain('Application des solutions des tâches précédentes… (une minute ou plus)'))
    expect(button.getAttribute('aria-disabled')).toBe('true')
    fireEvent.click(button)
    expect(fetchMock.mock.calls.filter(([, init]) => init?.method === 'POST')).toHaveLength(1)

    pending.answer(json(200, { task: 'panne-dns', given: ['politique', 'bloquer-site'], alreadyGiven: [] }))
    await waitFor(() =>
      expect(statuses()).toContain(
        'Rattrapage terminé. Tâches données par le formateur : Politique par défaut, Bloquer le site interdit.',
      ),
    )
    expect(
      await within(region).findAllByText(`Donnée par le formateur le ${formatDateTime(givenAt, 'fr')}`),
    ).toHaveLength(2)
    expect(screen.queryByRole('alertdialog')).toBeNull()
  })

  it('shows the server’s refusal, naming the task without a solution', async () => {
    mockApi({
      [`GET ${URL}`]: [200, sampleLab()],
      [`GET ${URL}/verifications/latest`]: NONE,
      [`POST ${URL}/tasks/bloquer-site/catch-up`]: [
        409,
        { status: 409, error: 'The lab cannot be caught up to task bloquer-site: task politique of template pare-feu-nftables (version 2) has no solution.' },
      ],
    })
    renderLab(ADMIN)
    const region = await panel()
    fireEvent.click(await within(region).findByRole('button', { name: named('Bloquer le site interdit') }))
    fireEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Rattraper' }))
    const alert = await within(region).findByRole('alert')
    expect(alert.textContent).toContain('task politique of template pare-feu-nftables (version 2) has no solution')
  })

  it('is not offered to the trainee, nor on a lab that is not READY', async () => {
    mockApi({ [`GET ${URL}`]: [200, sampleLab()], [`GET ${URL}/verifications/latest`]: NONE })
    const { unmount } = renderLab(TRAINEE)
    let region = await panel()
    await within(region).findByRole('button', { name: 'Vérifier' })
    expect(within(region).queryByRole('button', { name: new RegExp(`^${CATCH_UP}`) })).toBeNull()
    unmount()

    mockApi({
      [`GET ${URL}`]: [200, sampleLab({ state: 'GRADED' })],
      [`GET ${URL}/submission`]: [404, { status: 404, error: 'not submitted' }],
    })
    renderLab(TRAINER)
    region = await panel()
    expect(within(region).queryByRole('button', { name: new RegExp(`^${CATCH_UP}`) })).toBeNull()
  })
})
