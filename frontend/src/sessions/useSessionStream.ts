import { useEffect, useRef, useState } from 'react'
import { ApiError, api, apiStream } from '../api'
import type { Session } from '../api'
import { backoffDelay } from '../consoles/reconnect'
import { EventStreamParser } from './sse'

/** How the grid hears of changes: the stream, waiting to reconnect to it, or asking every few seconds. */
export type LiveStatus = 'connecting' | 'live' | 'retrying' | 'polling'

export const POLL_MS = 5000
/** Failed stream connections in a row before falling back to polling. */
export const MAX_STREAM_FAILURES = 3

export type StreamOptions = { pollMs?: number; maxFailures?: number; firstDelayMs?: number }

/**
 * Follows `GET /api/sessions/{id}/events` (each `session` event carries the whole Session)
 * and hands every session to `onSession`. Read with fetch (EventSource cannot send the
 * token); on a lost connection it reconnects after 1 s, 2 s, 4 s…; after `maxFailures`
 * failures in a row (a connection that delivered an event counts as good) it polls
 * `GET /api/sessions/{id}` instead. Everything stops on unmount.
 */
export function useSessionStream(
  id: string,
  onSession: (session: Session) => void,
  { pollMs = POLL_MS, maxFailures = MAX_STREAM_FAILURES, firstDelayMs }: StreamOptions = {},
): LiveStatus {
  const [status, setStatus] = useState<LiveStatus>('connecting')
  const deliver = useRef(onSession)
  deliver.current = onSession

  useEffect(() => {
    let stopped = false
    let failures = 0
    let timer: ReturnType<typeof setTimeout> | undefined
    let controller: AbortController | null = null
    let reader: ReadableStreamDefaultReader<Uint8Array> | null = null
    const path = `/api/sessions/${encodeURIComponent(id)}/events`

    async function connect() {
      if (stopped) return
      setStatus(failures === 0 ? 'connecting' : 'retrying')
      controller = new AbortController()
      try {
        const response = await apiStream(path, controller.signal)
        if (!response.body) throw new Error('No stream body')
        reader = response.body.getReader()
        if (stopped) return
        setStatus('live')
        const decoder = new TextDecoder()
        const parser = new EventStreamParser()
        for (;;) {
          const { value, done } = await reader.read()
          if (stopped || done) break
          for (const event of parser.push(decoder.decode(value, { stream: true }))) {
            if (event.event !== 'session') continue
            let session: Session
            try {
              session = JSON.parse(event.data) as Session
            } catch {
              continue // a garbled event: the next one carries the whole session again
            }
            failures = 0
            deliver.current(session)
          }
        }
      } catch (e) {
        if (stopped) return
        // 403/404: the session is gone or not ours; polling will show the same error no better.
        if (e instanceof ApiError && (e.status === 403 || e.status === 404)) failures = maxFailures - 1
      }
      if (stopped) return
      failures += 1
      if (failures >= maxFailures) {
        setStatus('polling')
        timer = setTimeout(poll, pollMs)
      } else {
        setStatus('retrying')
        timer = setTimeout(connect, backoffDelay(failures, firstDelayMs))
      }
    }

    function poll() {
      if (stopped) return
      api.session(id).then(
        (session) => {
          if (stopped) return
          deliver.current(session)
          timer = setTimeout(poll, pollMs)
        },
        () => {
          if (!stopped) timer = setTimeout(poll, pollMs)
        },
      )
    }

    connect()
    return () => {
      stopped = true
      clearTimeout(timer)
      controller?.abort()
      reader?.cancel().catch(() => {
        // Already closed or aborted.
      })
    }
  }, [id, pollMs, maxFailures, firstDelayMs])

  return status
}
