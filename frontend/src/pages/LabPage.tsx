import { useEffect, useId, useState } from 'react'
import type { ReactNode } from 'react'
import { Link, useNavigate, useParams } from 'react-router'
import { api, toApiError, useRemote } from '../api'
import type { ApiError, Lab, LabAction, LabState, Role } from '../api'
import { ConsolePanel } from '../consoles/ConsolePanel'
import { formatDateTime, useI18n } from '../i18n'
import type { Key } from '../i18n'
import { PROGRESS_STATES, isLabTrainee, isStaff, mayCatchUp, mayDelete, mayManage, mayOperate, mayTakeControl, seesReports } from '../progress/access'
import type { Viewer } from '../progress/access'
import { TasksPanel } from '../progress/TasksPanel'
import { ReportDownloads } from '../report/ReportDownloads'
import { SessionBanner } from '../sessions/SessionBanner'
import { ConfirmDialog, EmptyState, ErrorState, Loading, PageTitle, Section, Table, consoleName } from '../ui'
import { LabStateBadge } from './LabsPage'

/** How often the page asks for the state while the machines are being prepared. */
export const POLL_MS = 3000

const TRANSIENT: LabState[] = ['REQUESTED', 'PROVISIONING']

/** Which buttons each state offers (the API still has the last word, and its error is shown). */
export function allowedActions(state: LabState): { stop: boolean; start: boolean; reset: boolean; remove: boolean } {
  return {
    stop: state === 'READY',
    start: state === 'STOPPED',
    reset: state === 'READY' || state === 'STOPPED' || state === 'FAILED',
    remove: state !== 'DESTROYED' && state !== 'EXPIRED',
  }
}

/**
 * `roles`: the signed-in user's roles (from App) and `username`: together they decide what the
 * page offers, as the API would allow it (progress/access.ts): the lab's trainee hands the work
 * in; the trainee, the trainer who launched the lab and admins verify, stop, start and reset it;
 * the trainer who launched it and admins take control of a console and delete it (a trainee
 * deletes only a practice lab of their own); the staff and validators read the evaluation grid.
 * A validator only looks.
 */
export function LabPage({
  pollMs = POLL_MS,
  roles = [],
  username,
}: {
  pollMs?: number
  roles?: readonly Role[]
  username?: string
}) {
  const { t } = useI18n()
  const id = useParams().id ?? ''
  const lab = useRemote(() => api.lab(id), id)
  const { set } = lab
  const data = lab.state === 'ok' ? lab.data : null
  const polling = data !== null && TRANSIENT.includes(data.state)
  const [pollError, setPollError] = useState<ApiError | null>(null)
  const [pollAttempt, setPollAttempt] = useState(0)

  // While the machines are being prepared, ask again every few seconds; stops on unmount.
  useEffect(() => {
    if (!polling) return
    let current = true
    const timer = setTimeout(() => {
      api.lab(id).then(
        (fresh) => {
          if (!current) return
          setPollError(null)
          set(fresh)
        },
        (e: unknown) => {
          if (!current) return
          setPollError(toApiError(e))
          setPollAttempt((a) => a + 1)
        },
      )
    }, pollMs)
    return () => {
      current = false
      clearTimeout(timer)
    }
  }, [id, data, polling, pollAttempt, pollMs, set])

  const back = (
    <p className="back">
      <Link to="/mes-ateliers">
        <span aria-hidden="true">← </span>
        {t('lab.back')}
      </Link>
    </p>
  )

  if (lab.state === 'ok') {
    return (
      <LabDetail
        lab={lab.data}
        back={back}
        onChange={(fresh) => {
          setPollError(null)
          set(fresh)
        }}
        pollError={polling ? pollError : null}
        pollMs={pollMs}
        viewer={{ username, roles }}
      />
    )
  }
  if (lab.state === 'error' && lab.error.status === 404) {
    return (
      <>
        {back}
        <PageTitle>{t('lab.notFound')}</PageTitle>
        <EmptyState>
          <p>{t('lab.notFoundText')}</p>
          <p className="muted">{lab.error.message}</p>
        </EmptyState>
      </>
    )
  }
  return (
    <>
      {back}
      <PageTitle>{t('myLabs.title')}</PageTitle>
      {lab.state === 'loading' ? <Loading label={t('lab.loading')} /> : <ErrorState error={lab.error} onRetry={lab.retry} />}
    </>
  )
}

type Pending = LabAction | 'delete'

function LabDetail({
  lab,
  back,
  onChange,
  pollError,
  pollMs,
  viewer,
}: {
  lab: Lab
  back: ReactNode
  onChange: (lab: Lab) => void
  pollError: ApiError | null
  pollMs: number
  viewer: Viewer
}) {
  const { t, l, lang } = useI18n()
  const navigate = useNavigate()
  const [busy, setBusy] = useState<Pending | null>(null)
  const [confirm, setConfirm] = useState<'reset' | 'delete' | null>(null)
  const [actionError, setActionError] = useState<ApiError | null>(null)
  const [announce, setAnnounce] = useState('')
  // A trainee's lab in a session is its trainer's to stop, reset or delete (the server refuses too).
  const [inSession, setInSession] = useState(false)
  const sessionManaged = inSession && isLabTrainee(lab, viewer)
  const actionsId = useId()
  const title = l(lab.templateTitle) || lab.templateId
  // What this state offers, kept to what this viewer may do.
  const byState = allowedActions(lab.state)
  const manages = mayManage(lab, viewer, inSession)
  // A graded lab's machines are off; its trainer (or an admin) starts them again to inspect the
  // work, and stops them afterwards (the lab stays graded; its trainee cannot).
  const inspects = lab.state === 'GRADED' && manages && isStaff(viewer.roles) && !isLabTrainee(lab, viewer)
  const vmsRun = lab.nodes.some((n) => n.running === true)
  const [inspection, setInspection] = useState<'on' | 'off' | null>(null)
  const allowed = {
    stop: byState.stop && manages,
    start: byState.start && manages,
    reset: byState.reset && manages,
    remove: byState.remove && mayDelete(lab, viewer, inSession),
    inspectOn: inspects && !vmsRun && inspection !== 'on',
    inspectOff: inspects && vmsRun && inspection !== 'off',
  }

  // After "Démarrer les machines" / "Éteindre les machines", follow the machines until they are as asked.
  useEffect(() => {
    if (!inspection) return
    const wanted = inspection === 'on'
    if (lab.nodes.length > 0 && lab.nodes.every((n) => n.running === wanted)) {
      setInspection(null)
      return
    }
    let current = true
    const timer = setTimeout(() => {
      api.lab(lab.id).then(
        (fresh) => current && onChange(fresh),
        () => current && setInspection(null),
      )
    }, pollMs)
    return () => {
      current = false
      clearTimeout(timer)
    }
  }, [inspection, lab, onChange, pollMs])
  // Someone who may never act on this lab (a validator, say) sees no Actions section at all.
  const showsActions = mayOperate(lab, viewer)
  const transient = TRANSIENT.includes(lab.state)

  async function run(action: LabAction) {
    if (busy) return
    setBusy(action)
    setActionError(null)
    setAnnounce('')
    try {
      const fresh = await api.labAction(lab.id, action)
      setConfirm(null)
      onChange(fresh)
      if (lab.state === 'GRADED') {
        setInspection(action === 'start' ? 'on' : 'off')
        setAnnounce(t(action === 'start' ? 'lab.done.inspectOn' : 'lab.done.inspectOff'))
        return
      }
      setAnnounce(t(`lab.done.${action}` as Key))
    } catch (e) {
      setConfirm(null)
      setActionError(toApiError(e))
    } finally {
      setBusy(null)
    }
  }

  async function remove() {
    if (busy) return
    setBusy('delete')
    setActionError(null)
    setAnnounce('')
    try {
      await api.deleteLab(lab.id)
      navigate('/mes-ateliers')
    } catch (e) {
      setConfirm(null)
      setActionError(toApiError(e))
      setBusy(null)
    }
  }

  const hasAction = allowed.stop || allowed.start || allowed.reset || allowed.remove || allowed.inspectOn || allowed.inspectOff
  // Why a button this state offers is not there: the session's trainer manages the lab, or only
  // the trainer who launched it deletes it.
  const actionsNote: Key | null = sessionManaged
    ? 'lab.sessionManaged'
    : byState.remove && !allowed.remove
      ? 'lab.deleteByTrainer'
      : hasAction
        ? null
        : 'lab.noActions'

  return (
    <>
      {back}
      <PageTitle>{title}</PageTitle>
      <SessionBanner labId={lab.id} onSession={setInSession} />

      <div className="lab-status" role="status" aria-live="polite" aria-atomic="true">
        <p className="lab-state">
          {t('lab.state')} <LabStateBadge state={lab.state} />
        </p>
        {transient && (
          <p className="loading">
            <span className="spinner" aria-hidden="true" />
            {t('lab.progress')}
          </p>
        )}
      </div>
      {lab.state === 'FAILED' && lab.reason && (
        <div className="notice notice-error">
          <p>
            <strong>{t('lab.reason')}</strong> {lab.reason}
          </p>
        </div>
      )}
      {pollError && (
        <p className="notice notice-error">{t('lab.refreshError', { message: pollError.message })}</p>
      )}

      <dl className="facts lab-facts">
        <div>
          <dt>{t('lab.template')}</dt>
          <dd>
            <Link to={`/modeles/${encodeURIComponent(lab.templateId)}`}>{lab.templateId}</Link>
          </dd>
        </div>
        <div>
          <dt>{t('lab.trainee')}</dt>
          <dd>
            <code>{lab.trainee}</code>
          </dd>
        </div>
        {lab.createdBy !== lab.trainee && (
          <div>
            <dt>{t('lab.createdBy')}</dt>
            <dd>
              <code>{lab.createdBy}</code>
            </dd>
          </div>
        )}
        <FactDate label="lab.createdAt" iso={lab.createdAt} lang={lang} />
        {lab.readyAt && <FactDate label="lab.readyAt" iso={lab.readyAt} lang={lang} />}
        {lab.expiresAt && <FactDate label="lab.expiresAt" iso={lab.expiresAt} lang={lang} />}
      </dl>

      {showsActions && (
        <section aria-labelledby={actionsId}>
          <h2 id={actionsId}>{t('lab.actions')}</h2>
          {hasAction && (
            <div className="actions">
              {allowed.stop && (
                <ActionButton busy={busy} action="stop" onClick={() => run('stop')}>
                  {t('lab.stop')}
                </ActionButton>
              )}
              {allowed.start && (
                <ActionButton busy={busy} action="start" onClick={() => run('start')}>
                  {t('lab.start')}
                </ActionButton>
              )}
              {allowed.inspectOn && (
                <ActionButton busy={busy} action="start" onClick={() => run('start')}>
                  {t('lab.inspectOn')}
                </ActionButton>
              )}
              {allowed.inspectOff && (
                <ActionButton busy={busy} action="stop" onClick={() => run('stop')}>
                  {t('lab.inspectOff')}
                </ActionButton>
              )}
              {allowed.reset && (
                <ActionButton busy={busy} action="reset" secondary onClick={() => setConfirm('reset')}>
                  {t('lab.reset')}
                </ActionButton>
              )}
              {allowed.remove && (
                <ActionButton busy={busy} action="delete" danger onClick={() => setConfirm('delete')}>
                  {t('lab.delete')}
                </ActionButton>
              )}
            </div>
          )}
          {actionsNote && <p className="muted">{t(actionsNote)}</p>}
          {inspects && <p className="muted">{t(vmsRun ? 'lab.inspecting' : 'lab.gradedOff')}</p>}
          <p className="announce" role="status" aria-live="polite">
            {busy && !confirm ? t('lab.working') : announce}
          </p>
          {actionError && <ErrorState error={actionError} />}
        </section>
      )}

      {confirm === 'reset' && (
        <ConfirmDialog
          title={t('lab.confirmReset.title')}
          text={t('lab.confirmReset.text')}
          confirmLabel={t('lab.reset')}
          busy={busy === 'reset'}
          onConfirm={() => run('reset')}
          onCancel={() => setConfirm(null)}
        >
          {busy === 'reset' && <Loading label={t('lab.working')} />}
        </ConfirmDialog>
      )}
      {confirm === 'delete' && (
        <ConfirmDialog
          title={t('lab.confirmDelete.title')}
          text={t('lab.confirmDelete.text')}
          confirmLabel={t('lab.delete')}
          busy={busy === 'delete'}
          onConfirm={remove}
          onCancel={() => setConfirm(null)}
        >
          {busy === 'delete' && <Loading label={t('lab.confirmDelete.working')} />}
        </ConfirmDialog>
      )}

      {PROGRESS_STATES.includes(lab.state) && (
        <TasksPanel
          key={`tasks-${lab.id}`}
          lab={lab}
          canOperate={mayOperate(lab, viewer)}
          isTrainee={isLabTrainee(lab, viewer)}
          canCatchUp={mayCatchUp(lab, viewer)}
          onLabChange={onChange}
        />
      )}
      {lab.state === 'GRADED' && seesReports(viewer.roles) && <ReportDownloads key={`report-${lab.id}`} lab={lab} />}

      <Credentials lab={lab} />
      <Parameters lab={lab} />
      <Machines lab={lab} />
      {(lab.state === 'READY' || (inspects && vmsRun)) && <ConsolePanel lab={lab} staff={mayTakeControl(lab, viewer)} />}
    </>
  )
}

function ActionButton({
  busy,
  action,
  secondary,
  danger,
  onClick,
  children,
}: {
  busy: Pending | null
  action: Pending
  secondary?: boolean
  danger?: boolean
  onClick: () => void
  children: string
}) {
  const className = `button${secondary ? ' button-secondary' : ''}${danger ? ' button-danger-outline' : ''}`
  // aria-disabled rather than disabled: the button keeps the keyboard focus while an action runs.
  return (
    <button type="button" className={className} aria-disabled={busy !== null} onClick={() => busy === null && onClick()}>
      {children}
      {busy === action && <span className="visually-hidden"> …</span>}
    </button>
  )
}

function FactDate({ label, iso, lang }: { label: Key; iso: string; lang: 'fr' | 'en' }) {
  const { t } = useI18n()
  return (
    <div>
      <dt>{t(label)}</dt>
      <dd>
        <time dateTime={iso}>{formatDateTime(iso, lang)}</time>
      </dd>
    </div>
  )
}

function Credentials({ lab }: { lab: Lab }) {
  const { t } = useI18n()
  const headingId = useId()
  const passwordId = useId()
  const [shown, setShown] = useState(false)
  const credentials = lab.credentials
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{t('lab.credentials')}</h2>
      {!credentials ? (
        <p className="muted">{t('lab.noCredentials')}</p>
      ) : (
        <>
          <p className="muted">{t('lab.credentialsIntro')}</p>
          <dl className="facts">
            <div>
              <dt>{t('lab.user')}</dt>
              <dd>
                <code>{credentials.user}</code>
              </dd>
            </div>
            <div>
              <dt>{t('lab.password')}</dt>
              <dd className="password">
                <span id={passwordId}>
                  {credentials.password == null ? (
                    <span className="muted">{t('lab.passwordWithheld')}</span>
                  ) : shown ? (
                    <code>{credentials.password}</code>
                  ) : (
                    <>
                      <span aria-hidden="true">••••••••</span>
                      <span className="visually-hidden">{t('lab.passwordHidden')}</span>
                    </>
                  )}
                </span>
                {credentials.password != null && (
                  <button
                    type="button"
                    className="button button-secondary button-small"
                    aria-controls={passwordId}
                    onClick={() => setShown((s) => !s)}
                  >
                    {shown ? t('lab.hidePassword') : t('lab.showPassword')}
                  </button>
                )}
              </dd>
            </div>
          </dl>
        </>
      )}
    </section>
  )
}

function Parameters({ lab }: { lab: Lab }) {
  const { t } = useI18n()
  const entries = Object.entries(lab.parameters ?? {})
  if (entries.length === 0) return null
  return (
    <Section title="lab.parameters">
      {(headingId) => (
        <Table labelledBy={headingId}>
          <thead>
            <tr>
              <th scope="col">{t('lab.col.parameter')}</th>
              <th scope="col">{t('lab.col.value')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map(([name, value]) => (
              <tr key={name}>
                <th scope="row">
                  <code>{name}</code>
                </th>
                <td>
                  <code className="break">{value}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </Section>
  )
}

function Machines({ lab }: { lab: Lab }) {
  const { t } = useI18n()
  return (
    <Section title="lab.machines">
      {(headingId) =>
        lab.nodes.length === 0 ? (
          <p className="muted">{t('lab.noMachines')}</p>
        ) : (
          <Table labelledBy={headingId} wide>
            <thead>
              <tr>
                <th scope="col">{t('col.name')}</th>
                <th scope="col">{t('lab.col.running')}</th>
                <th scope="col">{t('lab.col.labAddresses')}</th>
                <th scope="col">{t('lab.col.management')}</th>
                <th scope="col">{t('col.consoles')}</th>
              </tr>
            </thead>
            <tbody>
              {lab.nodes.map((node) => (
                <tr key={node.name}>
                  <th scope="row" className="nowrap">
                    <code>{node.name}</code>
                  </th>
                  <td>
                    {node.running === true
                      ? t('lab.running.yes')
                      : node.running === false
                        ? t('lab.running.no')
                        : t('lab.running.unknown')}
                  </td>
                  <td>
                    {node.addresses.length === 0 ? (
                      t('none')
                    ) : (
                      <ul className="plain">
                        {node.addresses.map((a, i) => (
                          <li key={i} className="nowrap">
                            <code>{a.ip ?? t('none')}</code> ({a.network})
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td className="nowrap">{node.managementAddress ? <code>{node.managementAddress}</code> : t('none')}</td>
                  <td>{node.consoles.map((c) => consoleName(c, t)).join(', ') || t('none')}</td>
                </tr>
              ))}
            </tbody>
          </Table>
        )
      }
    </Section>
  )
}

