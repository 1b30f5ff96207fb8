import type { Lab, LabState, LabTask, Role } from '../api'

/** Who looks at the lab page: the signed-in user's name (when known) and roles. */
export type Viewer = { username?: string; roles: readonly Role[] }

/** States in which the lab has tasks to show: being worked on, or handed in. */
export const PROGRESS_STATES: LabState[] = ['READY', 'SUBMITTED', 'GRADED']

/**
 * May verify and start tasks, as the API allows (`LabAccess.operable`): the lab's trainee,
 * the trainer who launched it, an admin. Without a user name, the roles decide (the API
 * only shows a trainee or a trainer their own labs) and the API has the last word.
 */
export function mayOperate(lab: Lab, viewer: Viewer): boolean {
  if (viewer.roles.includes('admin')) return true
  if (viewer.username) return viewer.username === lab.trainee || viewer.username === lab.createdBy
  return viewer.roles.includes('trainee') || viewer.roles.includes('trainer')
}

/** "Rendre mon travail" is the trainee's own act. */
export function isLabTrainee(lab: Lab, viewer: Viewer): boolean {
  if (viewer.username) return viewer.username === lab.trainee
  return viewer.roles.includes('trainee')
}

/** The evaluation grid is for the staff: trainers, validators, admins; never a trainee. */
export function seesReports(roles: readonly Role[]): boolean {
  return roles.includes('trainer') || roles.includes('validator') || roles.includes('admin')
}

/** The lab's tasks; a server from before tasks were sent gives none. */
export function labTasks(lab: Lab): LabTask[] {
  return lab.tasks ?? []
}
