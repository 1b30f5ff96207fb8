import { useCallback, useEffect, useState } from 'react'
import type { Localized } from './i18n'

// ---- Shapes sent by the Quarkus API -------------------------------------

export type Role = 'trainee' | 'trainer' | 'validator' | 'admin'

export type Me = { username: string; name: string | null; roles: Role[] }

export type Criterion = {
  id: string
  text: Localized
  competency: string
  competencyTitle: Localized | null
  block: string | null
}

export type TemplateSummary = {
  id: string
  version: number
  title: Localized
  summary: Localized | null
  referential: { id: string; title: Localized } | null
  durationMinutes: number
  practice: boolean
  tags: string[]
  nodeCount: number
  taskCount: number
  checkCount: number
  totalPoints: number
  criteria: Criterion[]
}

export type TemplateDetail = {
  summary: TemplateSummary
  networks: { name: string; cidr: string; gateway: string | null; description: Localized | null }[]
  nodes: {
    name: string
    image: string
    description: Localized | null
    memoryMiB: number
    cpus: number
    consoles: string[]
    nics: { network: string; ip: string | null }[]
  }[]
  tasks: {
    id: string
    title: Localized
    points: number
    checks: { id: string; description: Localized | null; criteria: string[]; points: number }[]
  }[]
}

export type CatalogReport = {
  loadedAt: string
  templates: string[]
  problems: { file: string; line: number | null; path: string | null; message: string }[]
}

export type LabState =
  | 'REQUESTED'
  | 'PROVISIONING'
  | 'READY'
  | 'STOPPED'
  | 'SUBMITTED'
  | 'GRADED'
  | 'FAILED'
  | 'DESTROYED'
  | 'EXPIRED'

export const LAB_STATES: LabState[] = [
  'REQUESTED',
  'PROVISIONING',
  'READY',
  'STOPPED',
  'SUBMITTED',
  'GRADED',
  'FAILED',
  'DESTROYED',
  'EXPIRED',
]

export type LabNode = {
  name: string
  image: string
  /** null when unknown (the list view, or a final state). */
  running: boolean | null
  managementAddress: string | null
  addresses: { network: string; ip: string | null; mac: string | null }[]
  consoles: string[]
}

export type Lab = {
  id: string
  templateId: string
  templateTitle: Localized | null
  trainee: string
  createdBy: string
  state: LabState
  reason: string | null
  createdAt: string
  readyAt: string | null
  expiresAt: string | null
  credentials: { user: string; password: string | null } | null
  parameters: Record<string, string> | null
  nodes: LabNode[]
  /** The template's tasks, in order. */
  tasks: LabTask[]
  /** The final run reboots the lab's machines (checks `after: reboot`): a submission takes a couple of minutes. */
  rebootsAtSubmission?: boolean
}

/**
 * A task of a lab; a `startable` one sets up its starting situation when the trainee starts it.
 * `givenAt`: when the trainer last gave it by catching the lab up (absent or null: never).
 */
export type LabTask = { id: string; title: Localized; startable: boolean; startedAt: string | null; givenAt?: string | null }

/** The answer to a catch-up: the earlier tasks whose solution it applied, and those already given. */
export type CaughtUp = { task: string; given: string[]; alreadyGiven: string[] }

/** The answer to "Commencer cette tâche". */
export type TaskStart = { task: string; startedAt: string; faultsApplied: number }

/** ERROR: the platform could not run the check (not the trainee's fault). */
export type Verdict = 'PASS' | 'FAIL' | 'ERROR'

/** One check's outcome as a trainee may see it: never its command nor its output. */
export type CheckOutcome = { id: string; description: Localized | null; verdict: Verdict; feedback: Localized | null }

export type TaskResult = { id: string; title: Localized; passed: boolean; checks: CheckOutcome[] }

/** A "Vérifier" (formative: not graded). */
/** A task's instructions as HTML (rendered by the server, raw HTML escaped) and its hints. */
export type TaskInstructions = { task: string; title: Localized; html: Localized; hints: Localized[] }

export type Verification = { at: string; passedTasks: number; totalTasks: number; tasks: TaskResult[] }

/** The submitted work ("Rendre") and its grade, final. */
export type Submission = {
  labId: string
  submittedAt: string
  submittedBy: string
  /** Fingerprint of the submitted results. */
  hash: string
  acquiredCriteria: number
  totalCriteria: number
  points: number
  maxPoints: number
  tasks: TaskResult[]
}

export type ReportFormat = 'html' | 'csv' | 'json'

/** What `GET /api/labs/{id}/report` is asked for, per format. */
export const REPORT_TYPES: Record<ReportFormat, string> = {
  html: 'text/html',
  csv: 'text/csv',
  json: 'application/json',
}

/** One check's run with its evidence, as the staff sees it in the evaluation grid. */
export type CheckEvidence = {
  checkId: string
  taskId: string
  criteria: string[]
  points: number
  description: Localized | null
  feedback: Localized | null
  verdict: Verdict
  transport: 'ssh' | 'guest-agent' | null
  command: string | null
  exit: number | null
  output: string | null
  reason: string | null
  at: string
  tookMillis: number
}

/** A decision taken by hand on a criterion: `computed` by the checks, `previous` the decision it replaced. */
export type GradeOverride = {
  criterionId: string
  computed: boolean
  previous: boolean
  acquired: boolean
  reason: string
  actor: string
  at: string
}

/**
 * One criterion of the grid: `computed` from its checks against `threshold` (percent of
 * `maxPoints`), `acquired` after the last override if any; `unverified` when one of its
 * checks could not run.
 */
export type CriterionGrade = {
  id: string
  text: Localized
  points: number
  maxPoints: number
  threshold: number
  computed: boolean
  acquired: boolean
  unverified: boolean
  /** Evidenced only by checks of tasks the trainer gave: « donné par le formateur », never acquired by its checks. */
  given?: boolean
  override: GradeOverride | null
  checks: CheckEvidence[]
}

/** A task whose solution the platform applied when `givenBy` caught the lab up. */
export type GivenTask = { taskId: string; givenBy: string; givenAt: string }

export type CompetencyGrade = { id: string; title: Localized; points: number; maxPoints: number; criteria: CriterionGrade[] }

export type BlockGrade = { id: string; title: Localized; points: number; maxPoints: number; competencies: CompetencyGrade[] }

export type Grade = { points: number; maxPoints: number; acquiredCriteria: number; totalCriteria: number; blocks: BlockGrade[] }

/**
 * A graded lab's evaluation grid as data. `intact` false: the stored results no longer
 * match the fingerprint (`hash`) taken when the work was handed in. `overrides`: oldest first.
 */
export type Report = {
  labId: string
  trainee: string
  templateId: string
  templateTitle: Localized
  templateVersion: number
  referential: { id: string; title: Localized } | null
  submittedAt: string
  submittedBy: string
  hash: string
  intact: boolean
  grade: Grade
  overrides: GradeOverride[]
  /** Tasks the trainer gave, oldest first: their checks earn nothing. */
  givenTasks?: GivenTask[]
}

/** A criterion decided by hand; the reason is required. */
export type CriterionDecision = { acquired: boolean; reason: string }

export type LabAction = 'stop' | 'start' | 'reset'

export type ConsoleKind = 'vnc' | 'serial' | 'ssh'

export const CONSOLE_KINDS: ConsoleKind[] = ['vnc', 'serial', 'ssh']

/**
 * A single-use pass (valid about 30 s) to one console of one machine. `url` is relative:
 * `/api/consoles/display?ticket=…` (VNC, through Guacamole) or `/api/consoles/terminal?ticket=…`.
 */
export type ConsoleTicket = {
  ticket: string
  url: string
  /** A trainer watches (true) until he asks for `control`. */
  readOnly: boolean
  expiresAt: string
}

// ---- Sessions: a trainer runs a lab for a whole class ----------------------

/** entrainement: hints shown, "Vérifier" unlimited; examen: hints hidden, verifications limited or off. */
export type SessionMode = 'entrainement' | 'examen'

export type SessionState = 'PLANNED' | 'RUNNING' | 'PAUSED' | 'ENDED'

/** One trainee of a session: their lab, their time (accommodations included) and their progress. */
export type TraineeRow = {
  trainee: string
  labId: string
  labState: LabState
  tiersTemps: boolean
  extraMinutes: number
  givenBackMinutes: number
  /** The session's duration with every extension and accommodation. */
  allowedMinutes: number
  /** null before the start and while PAUSED. */
  deadline: string | null
  /** null before the start; frozen while PAUSED. */
  remainingSeconds: number | null
  /** null before any verification. */
  passedTasks: number | null
  totalTasks: number
  lastVerificationAt: string | null
  submittedAt: string | null
}

export type Session = {
  id: string
  title: string
  templateId: string
  templateTitle: Localized
  createdBy: string
  mode: SessionMode
  durationMinutes: number
  extensionMinutes: number
  verificationLimit: number | null
  state: SessionState
  startAt: string | null
  startedAt: string | null
  pausedSince: string | null
  endedAt: string | null
  createdAt: string
  trainees: TraineeRow[]
}

export type NewSession = {
  templateId: string
  title?: string
  trainees: string[]
  durationMinutes: number
  mode: SessionMode
  /** An ISO instant; left out: the trainer starts it by hand. */
  startAt?: string
  verificationLimit?: number | null
}

/** A trainee of the platform's directory (Keycloak); `name` null when the account has none. */
export type DirectoryTrainee = { username: string; name: string | null }

/** A directory group; its members are trainees' user names. */
export type DirectoryGroup = { name: string; members: string[] }

/** The trainees a trainer may pick for a session: sorted by user name, the groups by name. */
export type TraineeDirectory = { trainees: DirectoryTrainee[]; groups: DirectoryGroup[] }

export type SessionAction = 'start' | 'pause' | 'resume' | 'end'

/** One accommodation change at a time. */
export type Accommodation = { tiersTemps: boolean } | { extraMinutes: number } | { givenBackMinutes: number; reason: string }

/** A change of time, as audited by the server. `trainee` null: the whole session. */
export type AuditEntry = { at: string; actor: string; trainee: string | null; what: string }

/** The session a lab belongs to, as its trainee sees it. */
export type LabSession = {
  sessionId: string
  title: string
  mode: SessionMode
  state: SessionState
  deadline: string | null
  remainingSeconds: number | null
  verificationLimit: number | null
  verificationsLeft: number | null
  hintsHidden: boolean
}

// ---- Calls --------------------------------------------------------------

/**
 * An API failure. `status` is 0 when the server could not be reached. `retryAfterSeconds`:
 * how long the server asks to wait (its `Retry-After` header, e.g. on a 429), else null.
 */
export class ApiError extends Error {
  readonly status: number
  readonly retryAfterSeconds: number | null
  constructor(status: number, message: string, retryAfterSeconds: number | null = null) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.retryAfterSeconds = retryAfterSeconds
  }
}

type TokenProvider = () => Promise<string | undefined>
let tokenProvider: TokenProvider = async () => undefined

/** auth.ts plugs Keycloak in here; tests may plug a fake. */
export function setTokenProvider(provider: TokenProvider) {
  tokenProvider = provider
}

/** Sends a request with the session's token, asking for `accept`; an error status becomes an ApiError. */
async function send(path: string, init: RequestInit, accept: string): Promise<Response> {
  const token = await tokenProvider()
  const headers = new Headers(init.headers)
  headers.set('Accept', accept)
  if (token) headers.set('Authorization', `Bearer ${token}`)

  let response: Response
  try {
    response = await fetch(path, { ...init, headers })
  } catch (e) {
    throw new ApiError(0, e instanceof Error ? e.message : String(e))
  }
  if (!response.ok) {
    const text = await response.text()
    throw new ApiError(response.status, errorMessage(response, text), retryAfter(response.headers.get('Retry-After')))
  }
  return response
}

export async function apiFetch<T>(path: string, init: RequestInit = {}): Promise<T> {
  const response = await send(path, init, 'application/json')
  const text = await response.text()
  return (text ? JSON.parse(text) : undefined) as T
}

/** A document that is not JSON (a report), as a Blob typed by the server's Content-Type. */
export async function apiBlob(path: string, accept: string): Promise<Blob> {
  const response = await send(path, {}, accept)
  return response.blob()
}

/** A long answer (a `text/event-stream`) to read as it comes; `signal` aborts it. */
export function apiStream(path: string, signal: AbortSignal): Promise<Response> {
  return send(path, { signal }, 'text/event-stream')
}

/** `Retry-After: 7` → 7; an HTTP date → the seconds until then (at least 0); absent or unreadable → null. */
export function retryAfter(header: string | null, now: number = Date.now()): number | null {
  if (header === null || header.trim() === '') return null
  const value = header.trim()
  if (/^\d+$/.test(value)) return Number(value)
  const date = Date.parse(value)
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - now) / 1000))
}

/** A 404 means "there is none yet" for this call: null instead of an error. */
async function orNone<T>(call: Promise<T>): Promise<T | null> {
  try {
    return await call
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return null
    throw e
  }
}

/** `{"status":403,"error":"…"}` → "…"; otherwise the HTTP status line. */
function errorMessage(response: Response, body: string): string {
  try {
    const parsed = JSON.parse(body) as { error?: unknown; message?: unknown }
    if (typeof parsed.error === 'string' && parsed.error) return parsed.error
    if (typeof parsed.message === 'string' && parsed.message) return parsed.message
  } catch {
    // Not JSON: fall through.
  }
  return `HTTP ${response.status}${response.statusText ? ' ' + response.statusText : ''}`
}

/**
 * A fresh ticket for each (re)connection: a ticket serves once. `control` (a trainer) asks
 * to act on the machine instead of only watching it; the server logs it.
 */
export function openConsole(labId: string, node: string, kind: ConsoleKind, control?: boolean): Promise<ConsoleTicket> {
  return apiFetch<ConsoleTicket>(`/api/labs/${encodeURIComponent(labId)}/consoles`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(control ? { node, kind, control: true } : { node, kind }),
  })
}

export const api = {
  me: () => apiFetch<Me>('/api/me'),
  templates: () => apiFetch<TemplateSummary[]>('/api/templates'),
  template: (id: string) => apiFetch<TemplateDetail>(`/api/templates/${encodeURIComponent(id)}`),
  catalogReport: () => apiFetch<CatalogReport>('/api/admin/templates'),
  reloadCatalog: () => apiFetch<CatalogReport>('/api/admin/templates/reload', { method: 'POST' }),
  labs: () => apiFetch<Lab[]>('/api/labs'),
  lab: (id: string) => apiFetch<Lab>(`/api/labs/${encodeURIComponent(id)}`),
  /** `trainee` left out: the lab is for the caller (a practice lab for a trainee). */
  createLab: (templateId: string, trainee?: string) =>
    apiFetch<Lab>('/api/labs', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(trainee === undefined ? { templateId } : { templateId, trainee }),
    }),
  labAction: (id: string, action: LabAction) =>
    apiFetch<Lab>(`/api/labs/${encodeURIComponent(id)}/${action}`, { method: 'POST' }),
  openConsole,
  /** Answers the lab (202) while its machines are being deleted, nothing (204) once they are gone. */
  deleteLab: (id: string) => apiFetch<Lab | undefined>(`/api/labs/${encodeURIComponent(id)}`, { method: 'DELETE' }),
  /** Sets up the task's starting situation on the machines; answers when it started. */
  startTask: (id: string, taskId: string) =>
    apiFetch<TaskStart>(`/api/labs/${encodeURIComponent(id)}/tasks/${encodeURIComponent(taskId)}/start`, { method: 'POST' }),
  /** The trainer brings the lab to the start of a task: the earlier tasks' solutions run (up to a minute or more). */
  catchUp: (id: string, taskId: string) =>
    apiFetch<CaughtUp>(`/api/labs/${encodeURIComponent(id)}/tasks/${encodeURIComponent(taskId)}/catch-up`, { method: 'POST' }),
  taskInstructions: (id: string, taskId: string) =>
    apiFetch<TaskInstructions>(`/api/labs/${encodeURIComponent(id)}/tasks/${encodeURIComponent(taskId)}/instructions`),
  /** Runs every check now (5 to 30 s); 429 with Retry-After when asked again too soon. */
  verify: (id: string) => apiFetch<Verification>(`/api/labs/${encodeURIComponent(id)}/verifications`, { method: 'POST' }),
  /** null when the lab has never been verified. */
  latestVerification: (id: string) =>
    orNone(apiFetch<Verification>(`/api/labs/${encodeURIComponent(id)}/verifications/latest`)),
  /** "Rendre": the final checks and the grade (201). */
  submit: (id: string) => apiFetch<Submission>(`/api/labs/${encodeURIComponent(id)}/submission`, { method: 'POST' }),
  /** null when the work has not been submitted. */
  submission: (id: string) => orNone(apiFetch<Submission>(`/api/labs/${encodeURIComponent(id)}/submission`)),
  /** The evaluation grid in a format (printable HTML, CSV, JSON). */
  downloadReport: (id: string, format: ReportFormat) =>
    apiBlob(`/api/labs/${encodeURIComponent(id)}/report`, REPORT_TYPES[format]),
  /** The evaluation grid as data, to read and decide criteria on. */
  report: (id: string) => apiFetch<Report>(`/api/labs/${encodeURIComponent(id)}/report`),
  /** Decides a criterion (acquired or not) with a reason; answers the updated grid (400 without a reason). */
  decideCriterion: (id: string, criterionId: string, decision: CriterionDecision) =>
    apiFetch<Report>(`/api/labs/${encodeURIComponent(id)}/report/criteria/${encodeURIComponent(criterionId)}`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ acquired: decision.acquired, reason: decision.reason }),
    }),
  /** A trainer's sessions (validators and admins: all), newest first. */
  sessions: () => apiFetch<Session[]>('/api/sessions'),
  session: (id: string) => apiFetch<Session>(`/api/sessions/${encodeURIComponent(id)}`),
  /** Creates the session and, at once, a lab for each trainee (201). */
  createSession: (session: NewSession) =>
    apiFetch<Session>('/api/sessions', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(session),
    }),
  /** The platform's trainees and their groups, to pick from (503 when the directory cannot be reached). */
  trainees: () => apiFetch<TraineeDirectory>('/api/trainees'),
  sessionAction: (id: string, action: SessionAction) =>
    apiFetch<Session>(`/api/sessions/${encodeURIComponent(id)}/${action}`, { method: 'POST' }),
  /** More time for every trainee. */
  extendSession: (id: string, minutes: number) =>
    apiFetch<Session>(`/api/sessions/${encodeURIComponent(id)}/extend`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ minutes }),
    }),
  accommodate: (id: string, trainee: string, change: Accommodation) =>
    apiFetch<Session>(`/api/sessions/${encodeURIComponent(id)}/trainees/${encodeURIComponent(trainee)}/accommodation`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(change),
    }),
  /** Every change of time, oldest first. */
  sessionAudit: (id: string) => apiFetch<AuditEntry[]>(`/api/sessions/${encodeURIComponent(id)}/audit`),
  /** Every graded lab of the session as a spreadsheet, one row per trainee and criterion (404 when none is graded). */
  downloadSessionReport: (id: string) => apiBlob(`/api/sessions/${encodeURIComponent(id)}/report`, 'text/csv'),
  /** null when the lab is not part of a session. */
  labSession: (labId: string) => orNone(apiFetch<LabSession>(`/api/labs/${encodeURIComponent(labId)}/session`)),
}

// ---- React helper -------------------------------------------------------

export type Remote<T> =
  | { state: 'loading' }
  | { state: 'error'; error: ApiError }
  | { state: 'ok'; data: T }

export function toApiError(e: unknown): ApiError {
  return e instanceof ApiError ? e : new ApiError(-1, e instanceof Error ? e.message : String(e))
}

/** Runs `load` on mount and whenever `key` changes; `retry` runs it again. */
export function useRemote<T>(load: () => Promise<T>, key: string): Remote<T> & { retry: () => void; set: (data: T) => void } {
  const [remote, setRemote] = useState<Remote<T>>({ state: 'loading' })
  const [attempt, setAttempt] = useState(0)

  useEffect(() => {
    let current = true
    setRemote({ state: 'loading' })
    load().then(
      (data) => current && setRemote({ state: 'ok', data }),
      (e: unknown) => current && setRemote({ state: 'error', error: toApiError(e) }),
    )
    return () => {
      current = false
    }
    // `load` is a fresh closure on each render; `key` says when it really changes.
  }, [key, attempt])

  const retry = useCallback(() => setAttempt((a) => a + 1), [])
  const set = useCallback((data: T) => setRemote({ state: 'ok', data }), [])
  return { ...remote, retry, set }
}
