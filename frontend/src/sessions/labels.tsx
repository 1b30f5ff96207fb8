import type { SessionMode, SessionState } from '../api'
import { useI18n } from '../i18n'
import type { Key } from '../i18n'

const MODES: SessionMode[] = ['entrainement', 'examen']
const STATES: SessionState[] = ['PLANNED', 'RUNNING', 'PAUSED', 'ENDED']

/** The mode in words; an unknown mode from a newer server shows as is. */
export function modeLabel(mode: string, t: (key: Key) => string): string {
  return (MODES as string[]).includes(mode) ? t(`mode.${mode}` as Key) : mode
}

export function sessionStateLabel(state: string, t: (key: Key) => string): string {
  return (STATES as string[]).includes(state) ? t(`sessionState.${state}` as Key) : state
}

const STATE_CLASS: Record<SessionState, string> = {
  PLANNED: 'state-requested',
  RUNNING: 'state-ready',
  PAUSED: 'state-paused',
  ENDED: 'state-graded',
}

export function SessionStateBadge({ state }: { state: SessionState }) {
  const { t } = useI18n()
  return <span className={`state ${STATE_CLASS[state] ?? ''}`}>{sessionStateLabel(state, t)}</span>
}

/** Who may run a session (create it, start it, give time); a validator only reads. */
export function managesSessions(roles: readonly string[]): boolean {
  return roles.includes('trainer') || roles.includes('admin')
}
