import { describe, expect, it } from 'vitest'
import { INITIAL, MAX_DELAY_MS, backoffDelay, isFatalStatus, nextState } from './reconnect'
import type { ConnectionState } from './reconnect'
import { splitTunnelUrl, webSocketUrl } from './urls'

describe('backoffDelay', () => {
  it('doubles from 1 s after each failure in a row', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n))).toEqual([1000, 2000, 4000, 8000, 16000, 30000])
  })

  it('never waits more than 30 s, even after many failures', () => {
    expect(backoffDelay(7)).toBe(MAX_DELAY_MS)
    expect(backoffDelay(50)).toBe(30_000)
    expect(backoffDelay(10_000)).toBe(30_000)
  })

  it('does not wait before the first attempt', () => {
    expect(backoffDelay(0)).toBe(0)
  })
})

describe('nextState', () => {
  const lost = (state: ConnectionState, error: string | null = 'gone') => nextState(state, { type: 'lost', error })

  it('waits 1 s, 2 s, 4 s… while the attempts keep failing, up to 30 s', () => {
    let state = INITIAL
    const delays: number[] = []
    for (let i = 0; i < 8; i++) {
      state = lost(state)
      if (state.phase === 'waiting') delays.push(state.delayMs)
      state = nextState(state, { type: 'connect' })
    }
    expect(delays).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000])
  })

  it('starts again from 1 s after a good connection', () => {
    let state = lost(lost(nextState(lost(INITIAL), { type: 'connect' })))
    state = nextState(nextState(state, { type: 'connect' }), { type: 'connected' })
    expect(state).toEqual({ phase: 'connected', failures: 0, error: null })
    expect(lost(state, 'closed')).toEqual({ phase: 'waiting', failures: 1, error: 'closed', delayMs: 1000 })
  })

  it('keeps the error until the next attempt, then forgets it', () => {
    const waiting = lost(INITIAL, 'La machine poste-a est arrêtée.')
    expect(waiting).toMatchObject({ phase: 'waiting', error: 'La machine poste-a est arrêtée.' })
    expect(nextState(waiting, { type: 'connect' })).toEqual({ phase: 'connecting', failures: 1, error: null })
  })

  it('does not retry by itself after a fatal error, and ignores late reports', () => {
    const failed = nextState(INITIAL, { type: 'lost', error: 'No lab', fatal: true })
    expect(failed).toEqual({ phase: 'failed', failures: 1, error: 'No lab' })
    expect(lost(failed, 'late')).toBe(failed)
    const waiting = lost(INITIAL)
    expect(lost(waiting, 'late')).toBe(waiting)
  })

  it('does not retry by itself after 403, 404 or 409 (the lab closed to you); does after a network drop or a 5xx', () => {
    expect(isFatalStatus(404)).toBe(true)
    expect(isFatalStatus(403)).toBe(true)
    expect(isFatalStatus(409)).toBe(true)
    expect(isFatalStatus(0)).toBe(false)
    expect(isFatalStatus(503)).toBe(false)
    expect(isFatalStatus(429)).toBe(false)
  })
})

describe('console URLs', () => {
  it('makes the terminal URL an absolute WebSocket one', () => {
    expect(webSocketUrl('/api/consoles/terminal?ticket=a', 'http://localhost:8080/ateliers/x')).toBe(
      'ws://localhost:8080/api/consoles/terminal?ticket=a',
    )
    expect(webSocketUrl('/api/consoles/terminal?ticket=a', 'https://atelier.example/ateliers/x')).toBe(
      'wss://atelier.example/api/consoles/terminal?ticket=a',
    )
  })

  it('splits the display URL into the tunnel address and the connect data', () => {
    expect(splitTunnelUrl('/api/consoles/display?ticket=a%2Bb')).toEqual({ base: '/api/consoles/display', query: 'ticket=a%2Bb' })
    expect(splitTunnelUrl('/api/consoles/display')).toEqual({ base: '/api/consoles/display', query: '' })
  })
})
