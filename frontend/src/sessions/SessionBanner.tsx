import { useEffect, useRef, useState } from 'react'
import { api } from '../api'
import type { LabSession } from '../api'
import { useI18n } from '../i18n'
import { modeLabel } from './labels'
import { crossedThreshold, formatCountdown, secondsLeft } from './time'
import { useNow } from './useNow'

/** How often the trainee's page asks again for the session (a pause, an extension). */
export const BANNER_REFRESH_MS = 10_000

/** A 200 from `GET /api/labs/{id}/session` (anything else: the lab is not part of a session). */
function isLabSession(value: unknown): value is LabSession {
  return typeof value === 'object' && value !== null && typeof (value as LabSession).sessionId === 'string'
}

/**
 * On the trainee's lab page, when the lab belongs to a session: its title and mode, the time
 * left counted down each second (said aloud only at 15, 5 and 1 minutes left), "En pause",
 * and in an exam the verifications left. Nothing when the lab is not part of a session.
 */
export function SessionBanner({
  labId,
  refreshMs = BANNER_REFRESH_MS,
  onSession,
}: {
  labId: string
  refreshMs?: number
  /** Told whether the lab belongs to a session, once known. */
  onSession?: (inSession: boolean) => void
}) {
  const [info, setInfo] = useState<LabSession | null>(null)

  useEffect(() => {
    let current = true
    let timer: ReturnType<typeof setTimeout> | undefined
    function load() {
      api.labSession(labId).then(
        (answer) => {
          if (!current) return
          setInfo(isLabSession(answer) ? answer : null)
          timer = setTimeout(load, refreshMs)
        },
        () => {
          // Keep what is shown; ask again later.
          if (current) timer = setTimeout(load, refreshMs)
        },
      )
    }
    load()
    return () => {
      current = false
      clearTimeout(timer)
    }
  }, [labId, refreshMs])

  useEffect(() => {
    onSession?.(info !== null)
  }, [info, onSession])

  return info ? <Banner info={info} /> : null
}

function Banner({ info }: { info: LabSession }) {
  const { t, n } = useI18n()
  const running = info.state === 'RUNNING'
  const now = useNow(running && info.deadline !== null)
  const seconds = secondsLeft(info.deadline, info.remainingSeconds, now)
  const [announce, setAnnounce] = useState('')
  const before = useRef<{ seconds: number | null; state: LabSession['state'] }>({ seconds, state: info.state })

  useEffect(() => {
    const was = before.current
    before.current = { seconds, state: info.state }
    if (was.state !== info.state) {
      setAnnounce(info.state === 'PAUSED' ? t('banner.paused') : t(`change.state.${info.state}`))
      return
    }
    const minutes = running ? crossedThreshold(was.seconds, seconds) : null
    if (minutes !== null) setAnnounce(n('banner.left', minutes))
  }, [seconds, info.state, running, t, n])

  const paused = info.state === 'PAUSED'
  return (
    <section className={`session-banner${paused ? ' paused' : ''}`} aria-label={info.title}>
      <p>
        <strong>{info.title}</strong> — {modeLabel(info.mode, t)}
      </p>
      {info.state === 'PLANNED' && <p>{t('banner.notStarted')}</p>}
      {info.state === 'ENDED' && <p>{t('banner.ended')}</p>}
      {(running || paused) && seconds !== null && (running && seconds === 0 ? (
        <p>
          <strong>{t('banner.timeUp')}</strong>
        </p>
      ) : (
        <p>
          {t('banner.timeLeft')}{' '}
          <span role="timer" className="countdown">
            {formatCountdown(seconds)}
          </span>
        </p>
      ))}
      {paused && (
        <p>
          <strong>{t('banner.paused')}</strong> — {t('banner.pausedHint')}
        </p>
      )}
      {info.mode === 'examen' && info.verificationLimit !== null && info.verificationsLeft !== null && (
        <p>{t('banner.verificationsLeft', { n: info.verificationsLeft })}</p>
      )}
      {info.hintsHidden && <p className="muted">{t('banner.hintsHidden')}</p>}
      <p className="visually-hidden" aria-live="polite" aria-atomic="true">
        {announce}
      </p>
    </section>
  )
}
