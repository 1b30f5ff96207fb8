import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { Route, Routes } from 'react-router'
import { describe, expect, it } from 'vitest'
import type { Lab, Role } from '../api'
import { formatTime } from '../i18n'
import { LabPage } from '../pages/LabPage'
import { sampleLab, sampleSubmission, sampleVerification } from '../test-labs'
import { mockApi, renderAt } from '../test-utils'
import { isLabTrainee, mayDelete, mayManage, mayOperate, mayTakeControl, seesReports } from './access'
import { taskRows } from './TaskList'

const ID = '6f1c2d3e-0000-4000-8000-000000000001'
const URL = `/api/labs/${ID}`
const NONE: [number, unknown] = [404, { status: 404, error: 'No verification of this lab yet.' }]

type Viewer = { roles: Role[]; username?: string }
const TRAINEE: Viewer = { roles: ['trainee'], username: 'stagiaire1' }
const TRAINER: Viewer = { roles: ['trainer'], username: 'formateur1' }
const VALIDATOR: Viewer = { roles: ['validator'], username: 'validateur1' }

function renderLab(viewer: Viewer) {
  return renderAt(
    <Routes>
      <Route path="/ateliers/:id" element={<LabPage pollMs={60_000} roles={viewer.roles} username={viewer.username} />} />
    </Routes>,
    { route: `/ateliers/${ID}` },
  )
}

/** A server answer that comes when the test says so (a verification takes seconds). */
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

async function panel() {
  return screen.findByRole('region', { name: 'Tâches et progression' })
}

function calls(fetchMock: ReturnType<typeof mockApi>): string[] {
  return fetchMock.mock.calls.map(([url, init]) => `${init?.method ?? 'GET'} ${String(url)}`)
}

describe('Tasks and progress (API mocked)', () => {
  it('lists the tasks in order and says there is no verification yet', async () => {
    mockApi({ [`GET ${URL}`]: [200, sampleLab()], [`GET ${URL}/verifications/latest`]: NONE })
    renderLab(TRAINEE)

    const region = await panel()
    expect(
      await within(region).findByText('Pas encore de vérification : cliquez sur Vérifier quand vous pensez avoir terminé une tâche.'),
    ).toBeTruthy()
    expect(within(region).getAllByRole('heading', { level: 3 }).map((h) => h.textContent)).toEqual([
      'Politique par défaut',
      'Bloquer le site interdit',
      'Réparer la résolution de noms',
    ])
    expect(within(region).queryByRole('progressbar')).toBeNull()
  })

  it('Vérifier shows that it runs, then each task passed or not, the verdicts in words and the feedback', async () => {
    const pending = later()
    const fetchMock = mockApi({
      [`GET ${URL}`]: [200, sampleLab()],
      [`GET ${URL}/verifications/latest`]: NONE,
      [`POST ${URL}/verifications`]: () => pending.promise,
    })
    renderLab(TRAINEE)
    const region = await panel()
    await within(region).findByText(/Pas encore de vérification/)

    const verify = within(region).getByRole('button', { name: 'Vérifier' })
    fireEvent.click(verify)
    expect(await within(region).findByText('Vérification en cours… cela peut prendre une demi-minute.')).toBeTruthy()
    expect(verify.getAttribute('aria-disabled')).toBe('true')
    expect(region.querySelector('.progress-results')?.getAttribute('aria-busy')).toBe('true')
    fireEvent.click(verify) // ignored while it runs
    expect(calls(fetchMock).filter((c) => c === `POST ${URL}/verifications`)).toHaveLength(1)

    pending.answer(json(200, sampleVerification()))

    expect(await within(region).findByText('1 tâche sur 3 réussie')).toBeTruthy()
    expect(verify.getAttribute('aria-disabled')).toBe('false')
    expect(region.querySelector('.progress-results')?.getAttribute('aria-busy')).toBe('false')
    const bar = within(region).getByRole('progressbar', { name: '1 tâche sur 3 réussie' })
    expect(bar.getAttribute('value')).toBe('1')
    expect(bar.getAttribute('max')).toBe('3')
    expect(within(region).getByText('Vérification terminée : 1 tâche sur 3 réussie.')).toBeTruthy()

    const tasks = within(region).getAllByRole('listitem').filter((li) => li.classList.contains('task'))
    expect(within(tasks[0]).getByText('Réussie')).toBeTruthy()
    expect(within(tasks[0]).getByText('Réussi')).toBeTruthy()
    expect(within(tasks[1]).getByText('Pas encore réussie')).toBeTruthy()

    const checks = within(region).getByRole('list', { name: /^Vérifications de la tâche «\sBloquer le site interdit\s»$/ })
    const failed = within(checks).getByText('Le client ne joint plus exemple.test').closest('li')!
    expect(within(failed).getByText('À revoir')).toBeTruthy()
    expect(within(failed).getByText(/Le client joint encore exemple\.test en HTTP/)).toBeTruthy()
    const passed = within(checks).getByText('Une règle vise exemple.test').closest('li')!
    expect(within(passed).getByText('Réussi')).toBeTruthy()
    expect(passed.querySelector('.feedback')).toBeNull()

    // No description: the check's id stands in; the platform's own failure is not the trainee's.
    expect(within(tasks[2]).getByText('Non vérifiable')).toBeTruthy()
    expect(within(tasks[2]).getByText('resolution')).toBeTruthy()
    expect(within(tasks[2]).getByText(/La plateforme n'a pas pu faire cette vérification/)).toBeTruthy()
  })

  it('shows the last verification on load, in English too', async () => {
    mockApi({
      [`GET ${URL}`]: [200, sampleLab()],
      [`GET ${URL}/verifications/latest`]: [200, sampleVerification({ passedTasks: 2 })],
    })
    renderAt(
      <Routes>
        <Route path="/ateliers/:id" element={<LabPage pollMs={60_000} roles={['trainee']} username="stagiaire1" />} />
      </Routes>,
      { route: `/ateliers/${ID}`, lang: 'en' },
    )
    const region = await screen.findByRole('region', { name: 'Tasks and progress' })
    expect(await within(region).findByText('2 of 3 tasks passed')).toBeTruthy()
    expect(within(region).getByText(/^Last verified on /)).toBeTruthy()
    expect(within(region).getByText('Needs work')).toBeTruthy()
    expect(within(region).getByText(/The client still reaches exemple\.test over HTTP/)).toBeTruthy()
  })

  it('says how long to wait when verifying again too soon (429 with Retry-After)', async () => {
    mockApi({
      [`GET ${URL}`]: [200, sampleLab()],
      [`GET ${URL}/verifications/latest`]: [200, sampleVerification()],
      [`POST ${URL}/verifications`]: [
        429,
        { status: 429, error: 'A verification ran less than 10 s ago.' },
        { 'Retry-After': '7' },
      ],
    })
    renderLab(TRAINEE)
    const region = await panel()
    fireEvent.click(await within(region).findByRole('button', { name: 'Vérifier' }))

    const alert = await within(region).findByRole('alert')
    expect(alert.textContent).toBe('Patientez 7 s avant une nouvelle vérification.')
    // The last results stay.
    expect(within(region).getByText('1 tâche sur 3 réussie')).toBeTruthy()
  })

  it('gives the reason of a refused verification (409)', async () => {
    mockApi({
      [`GET ${URL}`]: [200, sampleLab()],
      [`GET ${URL}/verifications/latest`]: NONE,
      [`POST ${URL}/verifications`]: [409, { status: 409, error: 'The lab is STOPPED, not READY: it can be verified once it is ready.' }],
    })
    renderLab(TRAINEE)
    const region = await panel()
    fireEvent.click(await within(region).findByRole('button', { name: 'Vérifier' }))
    expect((await within(region).findByRole('alert')).textContent).toContain('The lab is STOPPED, not READY')
  })

  it('Rendre asks first; Annuler posts nothing; confirming hands in and shows the grade read-only', async () => {
    let labAnswers = 0
    const fetchMock = mockApi({
      [`GET ${URL}`]: () => json(200, sampleLab(labAnswers++ === 0 ? {} : { state: 'GRADED' })),
      [`GET ${URL}/verifications/latest`]: [200, sampleVerification()],
      [`POST ${URL}/submission`]: [201, sampleSubmission()],
    })
    renderLab(TRAINEE)
    const region = await panel()
    await within(region).findByText('1 tâche sur 3 réussie')

    const submit = within(region).getByRole('button', { name: 'Rendre mon travail' })
    submit.focus()
    fireEvent.click(submit)
    let dialog = screen.getByRole('alertdialog', { name: /^Rendre votre travail\s?\?$/ })
    expect(within(dialog).getByText('Après le rendu, vos machines restent consultables mais la note est définitive.')).toBeTruthy()
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Annuler' }))
    fireEvent.click(within(dialog).getByRole('button', { name: 'Annuler' }))
    expect(screen.queryByRole('alertdialog')).toBeNull()
    expect(document.activeElement).toBe(submit)
    expect(calls(fetchMock).some((c) => c.startsWith('POST'))).toBe(false)

    fireEvent.click(submit)
    dialog = screen.getByRole('alertdialog')
    fireEvent.click(within(dialog).getByRole('button', { name: 'Rendre' }))

    expect(await within(region).findByText(/^Travail rendu le .+ — 4 critères acquis sur 6$/)).toBeTruthy()
    expect(within(region).getByText('Travail rendu.')).toBeTruthy()
    expect(within(region).getByText('12,5 sur 20')).toBeTruthy()
    expect(screen.queryByRole('alertdialog')).toBeNull()
    // The lab is fetched again and says GRADED; the submission is not asked for twice.
    expect(await screen.findByText('Noté')).toBeTruthy()
    expect(within(region).queryByRole('button', { name: 'Vérifier' })).toBeNull()
    expect(within(region).queryByRole('button', { name: 'Rendre mon travail' })).toBeNull()
    expect(within(region).queryByRole('button', { name: 'Commencer cette tâche' })).toBeNull()
    expect(calls(fetchMock)).toEqual([
      `GET ${URL}`,
      // The lab's session (none here: a 404), for the countdown banner.
      `GET ${URL}/session`,
      `GET ${URL}/verifications/latest`,
      `POST ${URL}/submission`,
      `GET ${URL}`,
    ])
  })

  it('warns that the machines will be restarted, and says so while the grading waits for them', async () => {
    const submission = later()
    mockApi({
      [`GET ${URL}`]: [200, sampleLab({ rebootsAtSubmission: true })],
      [`GET ${URL}/verifications/latest`]: NONE,
      [`POST ${URL}/submission`]: () => submission.promise,
    })
    renderLab(TRAINEE)
    const region = await panel()
    fireEvent.click(await within(region).findByRole('button', { name: 'Rendre mon travail' }))
    const dialog = screen.getByRole('alertdialog')
    expect(dialog.textContent).toContain(
      'La plateforme redémarrera vos machines pour la correction\u00a0: ce qui ne survit pas à un redémarrage ne comptera pas.',
    )
    fireEvent.click(within(dialog).getByRole('button', { name: 'Rendre' }))
    expect((await within(dialog).findByRole('status')).textContent).toContain(
      'Correction en cours\u00a0: vérification finale, puis redémarrage des machines et nouvelle vérification',
    )
    submission.answer(json(201, sampleSubmission()))
    expect(await within(region).findByText('Travail rendu.')).toBeTruthy()
  })

  it('gives the reason when handing in is refused (409)', async () => {
    mockApi({
      [`GET ${URL}`]: [200, sampleLab()],
      [`GET ${URL}/verifications/latest`]: NONE,
      [`POST ${URL}/submission`]: [409, { status: 409, error: 'This lab was already submitted.' }],
    })
    renderLab(TRAINEE)
    const region = await panel()
    fireEvent.click(await within(region).findByRole('button', { name: 'Rendre mon travail' }))
    fireEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Rendre' }))
    expect((await within(region).findByRole('alert')).textContent).toContain('This lab was already submitted.')
    expect(screen.queryByRole('alertdialog')).toBeNull()
    expect(within(region).getByRole('button', { name: 'Vérifier' })).toBeTruthy()
  })

  it('shows a GRADED lab’s submission read-only, without Vérifier or Rendre', async () => {
    const fetchMock = mockApi({
      [`GET ${URL}`]: [200, sampleLab({ state: 'GRADED' })],
      [`GET ${URL}/submission`]: [200, sampleSubmission({ acquiredCriteria: 1 })],
    })
    renderLab(TRAINEE)
    const region = await panel()
    expect(await within(region).findByText(/^Travail rendu le .+ — 1 critère acquis sur 6$/)).toBeTruthy()
    expect(within(region).getByRole('progressbar', { name: '1 tâche sur 3 réussie' })).toBeTruthy()
    expect(within(region).getByText('À revoir')).toBeTruthy()
    expect(within(region).queryAllByRole('button').filter((b) => b.textContent !== 'Afficher les consignes')).toEqual([])
    expect(calls(fetchMock)).not.toContain(`GET ${URL}/verifications/latest`)
  })

  it('says so when a GRADED lab has no submission', async () => {
    mockApi({ [`GET ${URL}`]: [200, sampleLab({ state: 'GRADED' })], [`GET ${URL}/submission`]: NONE })
    renderLab(TRAINEE)
    const region = await panel()
    expect(await within(region).findByText('Aucun travail rendu n’est enregistré pour cet atelier.')).toBeTruthy()
  })

  it('starts a task after a confirmation, then says when it started', async () => {
    const startedAt = '2026-11-23T10:05:00Z'
    const fetchMock = mockApi({
      [`GET ${URL}`]: [200, sampleLab()],
      [`GET ${URL}/verifications/latest`]: NONE,
      [`POST ${URL}/tasks/panne-dns/start`]: [200, { task: 'panne-dns', startedAt, faultsApplied: 2 }],
    })
    renderLab(TRAINEE)
    const region = await panel()

    // Only the startable task offers it.
    const start = await within(region).findByRole('button', { name: 'Commencer cette tâche' })
    expect(within(region).getAllByRole('button', { name: 'Commencer cette tâche' })).toHaveLength(1)
    fireEvent.click(start)
    let dialog = screen.getByRole('alertdialog', { name: /^Commencer la tâche «\sRéparer la résolution de noms\s»\s?\?$/ })
    expect(
      within(dialog).getByText('La plateforme va mettre en place la situation de départ de cette tâche. Continuer ?'),
    ).toBeTruthy()
    fireEvent.keyDown(dialog, { key: 'Escape' })
    expect(screen.queryByRole('alertdialog')).toBeNull()
    expect(calls(fetchMock).some((c) => c.startsWith('POST'))).toBe(false)

    fireEvent.click(start)
    dialog = screen.getByRole('alertdialog')
    fireEvent.click(within(dialog).getByRole('button', { name: 'Commencer' }))

    expect(await within(region).findByText(`Commencée à ${formatTime(startedAt, 'fr')}`)).toBeTruthy()
    expect(within(region).queryByRole('button', { name: 'Commencer cette tâche' })).toBeNull()
    expect(calls(fetchMock)).toContain(`POST ${URL}/tasks/panne-dns/start`)
  })

  it('lets the trainer who launched the lab verify, but not hand in', async () => {
    mockApi({ [`GET ${URL}`]: [200, sampleLab()], [`GET ${URL}/verifications/latest`]: NONE })
    renderLab(TRAINER)
    const region = await panel()
    expect(await within(region).findByRole('button', { name: 'Vérifier' })).toBeTruthy()
    expect(within(region).queryByRole('button', { name: 'Rendre mon travail' })).toBeNull()
  })

  it('lets a validator only read: no Vérifier, no start, a neutral empty state', async () => {
    mockApi({
      [`GET ${URL}`]: [200, sampleLab({ tasks: [{ ...sampleLab().tasks[2], startedAt: '2026-11-23T10:05:00Z' }, sampleLab().tasks[0]] })],
      [`GET ${URL}/verifications/latest`]: NONE,
    })
    renderLab(VALIDATOR)
    const region = await panel()
    expect(await within(region).findByText('Pas encore de vérification pour cet atelier.')).toBeTruthy()
    expect(within(region).queryAllByRole('button').filter((b) => b.textContent !== 'Afficher les consignes')).toEqual([])
    expect(within(region).getByText(/^Commencée à /)).toBeTruthy()
  })

  it.each(['STOPPED', 'PROVISIONING', 'FAILED'] as const)('shows no tasks section in state %s', async (state) => {
    mockApi({ [`GET ${URL}`]: [200, sampleLab({ state })] })
    renderLab(TRAINEE)
    await screen.findByRole('heading', { level: 1, name: 'Filtrer le trafic avec nftables' })
    expect(screen.queryByRole('region', { name: 'Tâches et progression' })).toBeNull()
  })

  it('copes with a lab sent without tasks', async () => {
    const lab = sampleLab() as Partial<Lab>
    delete lab.tasks
    mockApi({ [`GET ${URL}`]: [200, lab], [`GET ${URL}/verifications/latest`]: NONE })
    renderLab(TRAINEE)
    const region = await panel()
    await waitFor(() => expect(within(region).getByText('Cet atelier ne déclare aucune tâche.')).toBeTruthy())
  })
})

describe('who may do what', () => {
  const lab = sampleLab()
  it('lets the lab’s trainee, its trainer and admins operate; only the trainee hands in', () => {
    expect(mayOperate(lab, TRAINEE)).toBe(true)
    expect(mayOperate(lab, TRAINER)).toBe(true)
    expect(mayOperate(lab, { roles: ['admin'], username: 'admin' })).toBe(true)
    expect(mayOperate(lab, VALIDATOR)).toBe(false)
    expect(mayOperate(lab, { roles: ['trainee'], username: 'stagiaire2' })).toBe(false)
    expect(isLabTrainee(lab, TRAINEE)).toBe(true)
    expect(isLabTrainee(lab, TRAINER)).toBe(false)
    expect(isLabTrainee(lab, { roles: ['admin'], username: 'admin' })).toBe(false)
  })

  it('follows the API for stop, start, reset, delete and taking control (LabAccess.manageable)', () => {
    const admin = { roles: ['admin'] as Role[], username: 'admin' }
    const otherTrainer = { roles: ['trainer'] as Role[], username: 'formateur2' }
    // A validator only looks, even without a user name.
    for (const validator of [VALIDATOR, { roles: ['validator'] as Role[] }]) {
      expect(mayOperate(lab, validator)).toBe(false)
      expect(mayManage(lab, validator, false)).toBe(false)
      expect(mayDelete(lab, validator, false)).toBe(false)
      expect(mayTakeControl(lab, validator)).toBe(false)
    }
    expect([mayManage(lab, TRAINER, true), mayDelete(lab, TRAINER, true), mayTakeControl(lab, TRAINER)]).toEqual([true, true, true])
    expect([mayManage(lab, admin, true), mayDelete(lab, admin, true), mayTakeControl(lab, admin)]).toEqual([true, true, true])
    expect([mayManage(lab, otherTrainer, false), mayDelete(lab, otherTrainer, false), mayTakeControl(lab, otherTrainer)]).toEqual([
      false,
      false,
      false,
    ])
    // The trainee: manages the lab unless it is a session's, deletes only the one they started.
    expect([mayManage(lab, TRAINEE, false), mayDelete(lab, TRAINEE, false)]).toEqual([true, false])
    expect([mayManage(lab, TRAINEE, true), mayDelete(lab, TRAINEE, true)]).toEqual([false, false])
    const practice = sampleLab({ createdBy: 'stagiaire1' })
    expect([mayManage(practice, TRAINEE, false), mayDelete(practice, TRAINEE, false)]).toEqual([true, true])
  })

  it('shows the grid to the staff only', () => {
    expect(seesReports(['trainee'])).toBe(false)
    expect(seesReports(['validator'])).toBe(true)
    expect(seesReports(['trainer'])).toBe(true)
    expect(seesReports(['admin'])).toBe(true)
  })

  it('keeps the lab’s task order and adds results of tasks it does not list', () => {
    const rows = taskRows(sampleLab().tasks.slice(0, 2), sampleVerification().tasks)
    expect(rows.map((row) => [row.id, row.task !== null, row.result?.passed])).toEqual([
      ['politique', true, true],
      ['bloquer-site', true, false],
      ['panne-dns', false, false],
    ])
  })
})

describe('Task instructions (API mocked)', () => {
  it('opens a task\'s instructions on demand, as the server rendered them, with its hints behind their own disclosure', async () => {
    const fetchMock = mockApi({
      [`GET ${URL}`]: [200, sampleLab()],
      [`GET ${URL}/verifications/latest`]: NONE,
      [`GET ${URL}/tasks/politique/instructions`]: [
        200,
        {
          task: 'politique',
          title: { fr: 'Politique par défaut' },
          html: { fr: '<p>Appliquez une politique <strong>restrictive</strong>.</p>', en: null },
          hints: [{ fr: 'Pensez à policy drop.' }],
        },
      ],
    })
    renderLab(TRAINEE)
    const region = await panel()
    const task = within(region).getAllByRole('listitem').filter((li) => li.classList.contains('task'))[0]
    const show = within(task).getByRole('button', { name: 'Afficher les consignes' })
    expect(show.getAttribute('aria-expanded')).toBe('false')
    expect(calls(fetchMock)).not.toContain(`GET ${URL}/tasks/politique/instructions`)

    fireEvent.click(show)
    expect(await within(task).findByText('restrictive')).toBeTruthy()
    expect(within(task).getByText('restrictive').tagName).toBe('STRONG')
    expect(show.getAttribute('aria-expanded')).toBe('true')
    expect(show.textContent).toBe('Masquer les consignes')
    const hints = within(task).getByText('Indices (1)').closest('details')!
    expect(hints.open).toBe(false)
    expect(within(hints).getByText('Pensez à policy drop.')).toBeTruthy()

    fireEvent.click(show)
    expect(show.getAttribute('aria-expanded')).toBe('false')
    fireEvent.click(show)
    expect(calls(fetchMock).filter((c) => c === `GET ${URL}/tasks/politique/instructions`)).toHaveLength(1)
  })

  it('says why the instructions could not load and offers to retry', async () => {
    mockApi({
      [`GET ${URL}`]: [200, sampleLab()],
      [`GET ${URL}/verifications/latest`]: NONE,
      [`GET ${URL}/tasks/politique/instructions`]: [409, { status: 409, error: 'Template x is no longer in the catalog.' }],
    })
    renderLab(TRAINEE)
    const region = await panel()
    const task = within(region).getAllByRole('listitem').filter((li) => li.classList.contains('task'))[0]
    fireEvent.click(within(task).getByRole('button', { name: 'Afficher les consignes' }))
    expect(await within(task).findByText(/no longer in the catalog/)).toBeTruthy()
    await waitFor(() => expect(within(task).getByRole('button', { name: /Réessayer/ })).toBeTruthy())
  })
})
