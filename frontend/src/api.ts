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
}

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

// ---- Calls --------------------------------------------------------------

/** An API failure. `status` is 0 when the server could not be reached. */
export class ApiError extends Error {
  readonly status: number
  constructor(status: number, message: string) {
    super(message)
    this.name = 'ApiError'
    this.status = status
  }
}

type TokenProvider = () => Promise<string | undefined>
let tokenProvider: TokenProvider = async () => undefined

/** auth.ts plugs Keycloak in here; tests may plug a fake. */
export function setTokenProvider(provider: TokenProvider) {
  tokenProvider = provider
}

export async function apiFetch<T>(path: string, init: RequestInit = {}): Promise<T> {
  const token = await tokenProvider()
  const headers = new Headers(init.headers)
  headers.set('Accept', 'application/json')
  if (token) headers.set('Authorization', `Bearer ${token}`)

  let response: Response
  try {
    response = await fetch(path, { ...init, headers })
  } catch (e) {
    throw new ApiError(0, e instanceof Error ? e.message : String(e))
  }
  const text = await response.text()
  if (!response.ok) throw new ApiError(response.status, errorMessage(response, text))
  return (text ? JSON.parse(text) : undefined) as T
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
