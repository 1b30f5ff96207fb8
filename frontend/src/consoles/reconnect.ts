// The life of one console connection, as pure functions: which state follows which event,
// and how long to wait before trying again. ConsoleView runs the timers.

/** First wait after a lost connection. */
export const FIRST_DELAY_MS = 1000
/** The wait never grows beyond this. */
export const MAX_DELAY_MS = 30_000

/** The wait before the next attempt after `failures` failures in a row: 1 s, 2 s, 4 s… at most 30 s. */
export function backoffDelay(failures: number, firstMs = FIRST_DELAY_MS, maxMs = MAX_DELAY_MS): number {
  if (failures < 1) return 0
  // 2^30 is already far beyond any cap: no overflow to Infinity for a long night of failures.
  return Math.min(maxMs, firstMs * 2 ** Math.min(failures - 1, 30))
}

/**
 * `failures`: the failed attempts since the last good connection (it decides the next wait).
 * `error`: what the last failure said (the API's or the remote side's message), if anything.
 */
export type ConnectionState =
  | { phase: 'connecting'; failures: number; error: string | null }
  | { phase: 'connected'; failures: 0; error: null }
  /** Lost: the next attempt starts by itself after `delayMs`. */
  | { phase: 'waiting'; failures: number; error: string | null; delayMs: number }
  /**
   * Lost for a reason that waiting will not cure: no such lab or machine, or the lab closed to
   * this person (a session paused or ended, a deadline passed). Only "Reconnecter" asks again.
   */
  | { phase: 'failed'; failures: number; error: string | null }

export type ConnectionEvent =
  | { type: 'connect' }
  | { type: 'connected' }
  | { type: 'lost'; error?: string | null; fatal?: boolean }

export const INITIAL: ConnectionState = { phase: 'connecting', failures: 0, error: null }

export function nextState(state: ConnectionState, event: ConnectionEvent): ConnectionState {
  switch (event.type) {
    case 'connect':
      return { phase: 'connecting', failures: state.failures, error: null }
    case 'connected':
      return { phase: 'connected', failures: 0, error: null }
    case 'lost': {
      // A late report about a connection already given up changes nothing.
      if (state.phase === 'waiting' || state.phase === 'failed') return state
      const failures = state.failures + 1
      const error = event.error ?? null
      if (event.fatal) return { phase: 'failed', failures, error }
      return { phase: 'waiting', failures, error, delayMs: backoffDelay(failures) }
    }
  }
}

/**
 * Answers to the ticket request after which the console does not ask again by itself: the lab or
 * machine is not there or not yours (403, 404), or it is closed to you now (409: the platform
 * closed it — session paused or ended, deadline passed — or the lab is not ready, the machine
 * off). The message says why; "Reconnecter" asks again. A dropped network is not one of them:
 * it never reaches the ticket request as an HTTP status.
 */
export function isFatalStatus(status: number): boolean {
  return status === 403 || status === 404 || status === 409
}
