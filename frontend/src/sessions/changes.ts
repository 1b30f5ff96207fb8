import type { LabState, Session, TraineeRow } from '../api'
import type { Key, Params } from '../i18n'

const PREPARING: LabState[] = ['REQUESTED', 'PROVISIONING']

/** The labs still being prepared. */
export function preparing(rows: TraineeRow[]): number {
  return rows.filter((row) => PREPARING.includes(row.labState)).length
}

/**
 * What is worth saying aloud between two versions of a session: its state, every lab ready,
 * a lab failed, a trainee's progress or submission. Not the seconds ticking by, nor the
 * submissions that the end of the session itself causes.
 */
export function describeChanges(
  before: Session,
  after: Session,
  t: (key: Key, params?: Params) => string,
  n: (base: string, count: number, params?: Params) => string,
): string[] {
  const said: string[] = []
  if (before.state !== after.state) said.push(t(`change.state.${after.state}` as Key))
  if (preparing(before.trainees) > 0 && preparing(after.trainees) === 0 && after.trainees.every((row) => row.labState === 'READY')) {
    said.push(t('change.allReady'))
  }
  const old = new Map(before.trainees.map((row) => [row.trainee, row]))
  for (const row of after.trainees) {
    const was = old.get(row.trainee)
    if (!was) continue
    if (row.labState === 'FAILED' && was.labState !== 'FAILED') said.push(t('change.failed', { trainee: row.trainee }))
    if (row.submittedAt && !was.submittedAt) {
      if (after.state !== 'ENDED' || before.state === 'ENDED') said.push(t('change.submitted', { trainee: row.trainee }))
    } else if (row.passedTasks !== null && row.passedTasks !== was.passedTasks) {
      said.push(t('change.progress', { trainee: row.trainee, result: n('progress.passed', row.passedTasks, { total: row.totalTasks }) }))
    }
  }
  return said
}
