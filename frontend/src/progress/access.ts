import type { Lab, LabState, LabTask, Role } from '../api'

// What each role may do on a lab, as the API decides it (README "API", `lab/LabAccess.java`,
// the resources' @RolesAllowed): the page shows a button only to whoever the API would let use
// it. The API keeps the last word, and its refusal is shown.

/** Who looks at the lab page: the signed-in user's name (when known) and roles. */
export type Viewer = { username?: string; roles: readonly Role[] }

/** States in which the lab has tasks to show: being worked on, or handed in. */
export const PROGRESS_STATES: LabState[] = ['READY', 'SUBMITTED', 'GRADED']

/** The roles the API lets act on a lab (verify, hand in, start a task, stop, start, reset, delete): never a validator. */
const ACTING_ROLES: Role[] = ['trainee', 'trainer', 'admin']

/** A trainer or an admin ("isStaff" on the server). */
export function isStaff(roles: readonly Role[]): boolean {
  return roles.includes('trainer') || roles.includes('admin')
}

/**
 * May verify and start tasks, as the API allows (`LabAccess.operable`): the lab's trainee,
 * the trainer who launched it, an admin. Without a user name, the roles decide (the API
 * only shows a trainee or a trainer their own labs) and the API has the last word.
 */
export function mayOperate(lab: Lab, viewer: Viewer): boolean {
  if (viewer.roles.includes('admin')) return true
  if (!ACTING_ROLES.some((role) => viewer.roles.includes(role))) return false
  if (viewer.username) return viewer.username === lab.trainee || viewer.username === lab.createdBy
  return true
}

/**
 * May stop, start and reset the lab (`LabAccess.manageable`): whoever may operate it, except
 * the trainee of a lab that belongs to a session (its trainer manages it).
 */
export function mayManage(lab: Lab, viewer: Viewer, inSession: boolean): boolean {
  return mayOperate(lab, viewer) && !(inSession && isLabTrainee(lab, viewer))
}

/** May delete the lab: whoever may manage it, if a trainer, an admin, or the one who started it (a practice lab). */
export function mayDelete(lab: Lab, viewer: Viewer, inSession: boolean): boolean {
  if (!mayManage(lab, viewer, inSession)) return false
  return isStaff(viewer.roles) || !viewer.username || viewer.username === lab.createdBy
}

/** May take control of a console the server opened read-only: the trainer who launched the lab, an admin. */
export function mayTakeControl(lab: Lab, viewer: Viewer): boolean {
  if (viewer.roles.includes('admin')) return true
  if (viewer.username) return viewer.username === lab.createdBy
  return viewer.roles.includes('trainer')
}

/**
 * May catch the lab up to a task (`TaskResource.catchUp`): the trainer who launched it or an
 * admin, never the lab's trainee (a practice lab's trainee launched it themselves).
 */
export function mayCatchUp(lab: Lab, viewer: Viewer): boolean {
  if (isLabTrainee(lab, viewer)) return false
  if (viewer.roles.includes('admin')) return true
  if (!viewer.roles.includes('trainer')) return false
  return viewer.username ? viewer.username === lab.createdBy : true
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
