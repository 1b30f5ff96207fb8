import type { LabSession, Session, TraineeRow } from './api'

/** A trainee of a session, lab READY and session not started, unless overridden. */
export function sampleRow(overrides: Partial<TraineeRow> = {}): TraineeRow {
  return {
    trainee: 'stagiaire1',
    labId: 'lab-1',
    labState: 'READY',
    tiersTemps: false,
    extraMinutes: 0,
    givenBackMinutes: 0,
    allowedMinutes: 120,
    deadline: null,
    remainingSeconds: null,
    passedTasks: null,
    totalTasks: 3,
    lastVerificationAt: null,
    submittedAt: null,
    ...overrides,
  }
}

/** A planned session of two trainees, as the API sends it, unless overridden. */
export function sampleSession(overrides: Partial<Session> = {}): Session {
  return {
    id: 's1',
    title: 'BTS SIO 1 — groupe B',
    templateId: 'pare-feu-nftables',
    templateTitle: { fr: 'Filtrer le trafic avec nftables', en: 'Filtering traffic with nftables' },
    createdBy: 'formateur1',
    mode: 'examen',
    durationMinutes: 120,
    extensionMinutes: 0,
    verificationLimit: 3,
    state: 'PLANNED',
    startAt: null,
    startedAt: null,
    pausedSince: null,
    endedAt: null,
    createdAt: '2026-11-23T08:00:00Z',
    trainees: [sampleRow(), sampleRow({ trainee: 'stagiaire2', labId: 'lab-2' })],
    ...overrides,
  }
}

export function sampleLabSession(overrides: Partial<LabSession> = {}): LabSession {
  return {
    sessionId: 's1',
    title: 'BTS SIO 1 — groupe B',
    mode: 'entrainement',
    state: 'RUNNING',
    deadline: null,
    remainingSeconds: null,
    verificationLimit: null,
    verificationsLeft: null,
    hintsHidden: false,
    ...overrides,
  }
}

/**
 * A `text/event-stream` answer the test writes into: `send` pushes one `session` event,
 * `cancelled` tells whether the page let go of it.
 */
export function eventStream() {
  let controller: ReadableStreamDefaultController<Uint8Array> | null = null
  const state = { cancelled: false }
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c
    },
    cancel() {
      state.cancelled = true
    },
  })
  const encoder = new TextEncoder()
  return {
    response: () => new Response(body, { status: 200, headers: { 'Content-Type': 'text/event-stream' } }),
    send(session: Session) {
      controller?.enqueue(encoder.encode(`event: session\ndata: ${JSON.stringify(session)}\n\n`))
    },
    close() {
      controller?.close()
    },
    get cancelled() {
      return state.cancelled
    },
  }
}
