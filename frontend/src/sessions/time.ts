// Time as the session pages show it, as pure functions: the components only tick.

/** 83 → "1:23"; 5025 → "1:23:45"; never negative. */
export function formatCountdown(seconds: number): string {
  const total = Math.max(0, Math.floor(seconds))
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = total % 60
  const ss = String(s).padStart(2, '0')
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${String(m).padStart(2, '0')}:${ss}`
}

/**
 * The seconds left at `now` (ms): counted down from `deadline` while the time runs, the
 * server's frozen `remainingSeconds` while it does not (paused), null when it has not begun.
 */
export function secondsLeft(deadline: string | null, remainingSeconds: number | null, now: number): number | null {
  if (deadline) {
    const end = Date.parse(deadline)
    if (!Number.isNaN(end)) return Math.max(0, Math.ceil((end - now) / 1000))
  }
  return remainingSeconds === null ? null : Math.max(0, remainingSeconds)
}

/**
 * The server's one rule for a trainee's user name (`security/UserNames.java`): it becomes a Linux
 * account on the lab's machines, so a lower-case letter or `_`, then up to 31 lower-case letters,
 * digits, `_` or `-`.
 */
export const USER_NAME = /^[a-z_][a-z0-9_-]{0,31}$/

/**
 * The trainees typed in the form: one per line or comma-separated, blanks ignored, each
 * name once (in the order first given); `invalid` lists the names that cannot be user names.
 */
export function parseTrainees(text: string): { names: string[]; invalid: string[] } {
  const names: string[] = []
  const invalid: string[] = []
  for (const raw of text.split(/[\n,;]/)) {
    const name = raw.trim()
    if (!name) continue
    if (!USER_NAME.test(name)) {
      if (!invalid.includes(name)) invalid.push(name)
    } else if (!names.includes(name)) {
      names.push(name)
    }
  }
  return { names, invalid }
}

/**
 * The trainees' text with `names` added, each on its own line after what is there, unless
 * already listed; the text is otherwise left as typed.
 */
export function addTrainees(text: string, names: string[]): string {
  const listed = parseTrainees(text).names
  const added = names.filter((name, i) => !listed.includes(name) && names.indexOf(name) === i)
  if (added.length === 0) return text
  const kept = text.replace(/[\s,;]+$/, '')
  return [...(kept ? [kept] : []), ...added].join('\n')
}

/**
 * The trainees' text without `name` (every time it is given); the other entries stay as
 * typed, invalid ones included, and a line left empty goes.
 */
export function removeTrainee(text: string, name: string): string {
  const lines: string[] = []
  for (const line of text.split('\n')) {
    const parts = line.split(/[,;]/)
    const rest = parts.filter((part) => part.trim() !== name)
    if (rest.length === parts.length) lines.push(line)
    else if (rest.some((part) => part.trim())) lines.push(rest.map((part) => part.trim()).filter(Boolean).join(', '))
  }
  return lines.join('\n')
}

/** A `datetime-local` value ("2026-11-23T09:30", the browser's time zone) → an ISO instant; null when unreadable. */
export function localToIso(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(value)) return null
  const date = new Date(value)
  return Number.isNaN(date.getTime()) ? null : date.toISOString()
}

/** Minutes left at which the trainee hears how much time remains. */
export const ANNOUNCE_AT_MINUTES = [15, 5, 1]

/**
 * The threshold (in minutes) crossed between two readings of the seconds left, if any:
 * 901 s then 900 s → 15. Only a step down counts (an extension moves the time up).
 */
export function crossedThreshold(before: number | null, after: number | null): number | null {
  if (before === null || after === null || after >= before) return null
  for (const minutes of ANNOUNCE_AT_MINUTES) {
    const at = minutes * 60
    if (before > at && after <= at) return minutes
  }
  return null
}
