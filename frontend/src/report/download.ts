import type { Lab, ReportFormat, Session } from '../api'

/** `grille-<trainee>-<first 8 characters of the lab id>.csv`, safe as a file name everywhere. */
export function reportFileName(lab: Pick<Lab, 'id' | 'trainee'>, format: Exclude<ReportFormat, 'html'>): string {
  const trainee = lab.trainee.replace(/[^\p{L}\p{N}._-]+/gu, '-').replace(/^[-.]+|-+$/g, '') || 'stagiaire'
  return `grille-${trainee}-${lab.id.slice(0, 8)}.${format}`
}

/**
 * `resultats-<session title as a slug>.csv` ("BTS SIO 1 — groupe B" → `resultats-bts-sio-1-groupe-b.csv`);
 * a title with nothing usable in it gives the first 8 characters of the session's id instead.
 */
export function sessionReportFileName(session: Pick<Session, 'id' | 'title'>): string {
  const slug = (session.title ?? '')
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '')
  const id = session.id.replace(/[^A-Za-z0-9-]+/g, '').slice(0, 8)
  return `resultats-${slug || id || 'session'}.csv`
}

/** Has the browser save the document at `url` (a Blob URL) as `fileName`: a click on a temporary link with `download`. */
export function saveAs(url: string, fileName: string) {
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.hidden = true
  document.body.append(link)
  link.click()
  link.remove()
}

/**
 * Opens `url` in a new tab, without giving that tab a handle on this page. A browser may
 * still block it: the caller keeps a visible link to the same address.
 */
export function openInNewTab(url: string) {
  const link = document.createElement('a')
  link.href = url
  link.target = '_blank'
  link.rel = 'noopener'
  link.hidden = true
  document.body.append(link)
  link.click()
  link.remove()
}
