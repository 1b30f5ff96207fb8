import type { Lab, ReportFormat } from '../api'

/** `grille-<trainee>-<first 8 characters of the lab id>.csv`, safe as a file name everywhere. */
export function reportFileName(lab: Pick<Lab, 'id' | 'trainee'>, format: Exclude<ReportFormat, 'html'>): string {
  const trainee = lab.trainee.replace(/[^\p{L}\p{N}._-]+/gu, '-').replace(/^[-.]+|-+$/g, '') || 'stagiaire'
  return `grille-${trainee}-${lab.id.slice(0, 8)}.${format}`
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
