import { useId, useState } from 'react'
import type { FormEvent, ReactNode } from 'react'
import { Link, useNavigate } from 'react-router'
import { api, toApiError, useRemote } from '../api'
import type { ApiError, DirectoryGroup, NewSession, Remote, SessionMode, TemplateSummary, TraineeDirectory } from '../api'
import { formatDuration, useI18n } from '../i18n'
import { addTrainees, localToIso, parseTrainees, removeTrainee } from '../sessions/time'
import { EmptyState, ErrorState, Loading, PageTitle } from '../ui'

/** The server's refusals that say what to change in the form (bad body, unknown template, lab limits). */
const FORM_STATUSES = [400, 404, 409]

type Field = 'template' | 'trainees' | 'duration' | 'limit' | 'startAt'
type Problems = Partial<Record<Field, string>>

/** In the form's order: the focus goes to the first one that is wrong. */
const FIELDS: Field[] = ['template', 'trainees', 'duration', 'limit', 'startAt']

/** "Nouvelle session": a template, a title, the trainees, the time and the mode; then the session's page. */
export function NewSessionPage() {
  const { t } = useI18n()
  const templates = useRemote(api.templates, 'templates')
  // Read alongside the catalog; the form works without it (the trainees can be typed).
  const directory = useRemote(api.trainees, 'trainees')
  return (
    <>
      <p className="back">
        <Link to="/sessions">
          <span aria-hidden="true">← </span>
          {t('newSession.back')}
        </Link>
      </p>
      <PageTitle>{t('newSession.title')}</PageTitle>
      <p className="lead">{t('newSession.intro')}</p>
      {templates.state === 'loading' && <Loading label={t('catalog.loading')} />}
      {templates.state === 'error' && <ErrorState error={templates.error} onRetry={templates.retry} />}
      {templates.state === 'ok' &&
        (templates.data.length === 0 ? (
          <EmptyState>
            <p>{t('newSession.noTemplates')}</p>
          </EmptyState>
        ) : (
          <SessionForm templates={templates.data} directory={directory} />
        ))}
    </>
  )
}

type Directory = Remote<TraineeDirectory> & { retry: () => void }

function SessionForm({ templates, directory }: { templates: TemplateSummary[]; directory: Directory }) {
  const { t, l, n, lang } = useI18n()
  const navigate = useNavigate()
  const ids = {
    template: useId(),
    title: useId(),
    trainees: useId(),
    duration: useId(),
    limit: useId(),
    startAt: useId(),
  }
  const [templateId, setTemplateId] = useState('')
  const [title, setTitle] = useState('')
  const [trainees, setTrainees] = useState('')
  const [duration, setDuration] = useState('')
  const [durationTouched, setDurationTouched] = useState(false)
  const [mode, setMode] = useState<SessionMode>('entrainement')
  const [limit, setLimit] = useState('0')
  const [startAt, setStartAt] = useState('')
  const [problems, setProblems] = useState<Problems>({})
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiError | null>(null)
  const template = templates.find((tpl) => tpl.id === templateId) ?? null
  const parsed = parseTrainees(trainees)

  function pickTemplate(id: string) {
    setTemplateId(id)
    const picked = templates.find((tpl) => tpl.id === id)
    // The template's duration, unless the trainer already typed one.
    if (picked && !durationTouched) setDuration(String(picked.durationMinutes))
  }

  function check(): { problems: Problems; body: NewSession | null } {
    const found: Problems = {}
    if (!template) found.template = t('newSession.templateRequired')
    if (parsed.invalid.length > 0) found.trainees = t('newSession.traineesInvalid', { names: parsed.invalid.join(', ') })
    else if (parsed.names.length === 0) found.trainees = t('newSession.traineesRequired')
    const minutes = Number(duration)
    if (!/^\d+$/.test(duration.trim()) || minutes <= 0) found.duration = t('newSession.durationInvalid')
    const verifications = Number(limit)
    if (mode === 'examen' && !/^\d+$/.test(limit.trim())) found.limit = t('newSession.limitInvalid')
    const start = startAt ? localToIso(startAt) : null
    if (startAt && (start === null || Date.parse(start) <= Date.now())) found.startAt = t('newSession.startAtInvalid')
    if (Object.keys(found).length > 0 || !template) return { problems: found, body: null }
    const body: NewSession = { templateId: template.id, trainees: parsed.names, durationMinutes: minutes, mode }
    if (title.trim()) body.title = title.trim()
    if (start) body.startAt = start
    if (mode === 'examen') body.verificationLimit = verifications
    return { problems: found, body }
  }

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault()
    if (busy) return
    const { problems: found, body } = check()
    setProblems(found)
    if (!body) {
      const first = FIELDS.find((field) => field in found)
      if (first) document.getElementById(ids[first])?.focus()
      return
    }
    setBusy(true)
    setError(null)
    try {
      const session = await api.createSession(body)
      navigate(`/sessions/${encodeURIComponent(session.id)}`)
    } catch (err) {
      setError(toApiError(err))
      setBusy(false)
    }
  }

  const invalid = Object.keys(problems).length > 0

  return (
    <form className="session-form" onSubmit={submit} noValidate aria-busy={busy}>
      <FormField id={ids.template} label={t('newSession.template')} problem={problems.template}>
        {(describedBy) => (
          <select
            id={ids.template}
            value={templateId}
            required
            aria-required="true"
            aria-invalid={problems.template ? true : undefined}
            aria-describedby={describedBy}
            onChange={(e) => pickTemplate(e.target.value)}
          >
            <option value="">{t('newSession.templatePick')}</option>
            {templates.map((tpl) => (
              <option key={tpl.id} value={tpl.id}>
                {l(tpl.title)} ({formatDuration(tpl.durationMinutes, lang)})
              </option>
            ))}
          </select>
        )}
      </FormField>

      <FormField id={ids.title} label={t('newSession.sessionTitle')} hint={t('newSession.sessionTitleHint')}>
        {(describedBy) => (
          <input id={ids.title} type="text" value={title} aria-describedby={describedBy} onChange={(e) => setTitle(e.target.value)} />
        )}
      </FormField>

      <DirectoryPicker
        directory={directory}
        listed={parsed.names}
        onAdd={(names) => setTrainees((text) => addTrainees(text, names))}
        onRemove={(name) => setTrainees((text) => removeTrainee(text, name))}
      />

      <FormField
        id={ids.trainees}
        label={t('newSession.trainees')}
        hint={t('newSession.traineesHint')}
        problem={problems.trainees}
        after={
          parsed.names.length > 0 && (
            <p className="muted hint" aria-live="polite">
              {n('newSession.traineesCount', parsed.names.length)}
            </p>
          )
        }
      >
        {(describedBy) => (
          <textarea
            id={ids.trainees}
            rows={5}
            value={trainees}
            required
            aria-required="true"
            spellCheck={false}
            autoCapitalize="none"
            autoComplete="off"
            aria-invalid={problems.trainees ? true : undefined}
            aria-describedby={describedBy}
            onChange={(e) => setTrainees(e.target.value)}
          />
        )}
      </FormField>

      <FormField
        id={ids.duration}
        label={t('newSession.duration')}
        hint={template ? t('newSession.durationHint', { duration: formatDuration(template.durationMinutes, lang) }) : undefined}
        problem={problems.duration}
      >
        {(describedBy) => (
          <input
            id={ids.duration}
            type="number"
            min={1}
            step={1}
            inputMode="numeric"
            value={duration}
            required
            aria-required="true"
            aria-invalid={problems.duration ? true : undefined}
            aria-describedby={describedBy}
            onChange={(e) => {
              setDuration(e.target.value)
              setDurationTouched(true)
            }}
          />
        )}
      </FormField>

      <fieldset className="form-field">
        <legend>{t('newSession.mode')}</legend>
        {(['entrainement', 'examen'] as SessionMode[]).map((value) => (
          <label key={value} className="choice">
            <input type="radio" name="mode" value={value} checked={mode === value} onChange={() => setMode(value)} />
            <span>
              <strong>{t(`mode.${value}`)}</strong> — {t(`newSession.mode.${value}Hint`)}
            </span>
          </label>
        ))}
      </fieldset>

      {mode === 'examen' && (
        <FormField id={ids.limit} label={t('newSession.limit')} hint={t('newSession.limitHint')} problem={problems.limit}>
          {(describedBy) => (
            <input
              id={ids.limit}
              type="number"
              min={0}
              step={1}
              inputMode="numeric"
              value={limit}
              aria-invalid={problems.limit ? true : undefined}
              aria-describedby={describedBy}
              onChange={(e) => setLimit(e.target.value)}
            />
          )}
        </FormField>
      )}

      <FormField id={ids.startAt} label={t('newSession.startAt')} hint={t('newSession.startAtHint')} problem={problems.startAt}>
        {(describedBy) => (
          <input
            id={ids.startAt}
            type="datetime-local"
            value={startAt}
            aria-invalid={problems.startAt ? true : undefined}
            aria-describedby={describedBy}
            onChange={(e) => setStartAt(e.target.value)}
          />
        )}
      </FormField>

      {invalid && (
        <p className="field-error" role="alert">
          {t('newSession.invalid')}
        </p>
      )}
      {error &&
        (FORM_STATUSES.includes(error.status) ? (
          <div className="notice notice-error" role="alert">
            <p className="notice-title">{t('newSession.refused')}</p>
            <p>{error.message}</p>
          </div>
        ) : (
          <ErrorState error={error} />
        ))}
      <p className="actions">
        <button type="submit" className="button" aria-disabled={busy}>
          {busy ? t('newSession.working') : t('newSession.submit')}
        </button>
      </p>
      <p className="announce" role="status" aria-live="polite">
        {busy ? t('newSession.working') : ''}
      </p>
    </form>
  )
}

/**
 * "Choisir dans l'annuaire": the platform's trainees as checkboxes and its groups as buttons,
 * all writing into the trainees' text, which stays what is sent; `listed` is what it holds.
 * Without the directory (loading, unreachable, empty) the text is typed as before.
 */
function DirectoryPicker({
  directory,
  listed,
  onAdd,
  onRemove,
}: {
  directory: Directory
  listed: string[]
  onAdd: (names: string[]) => void
  onRemove: (name: string) => void
}) {
  const { t, n } = useI18n()
  const hintId = useId()
  const groupsId = useId()
  const [announcement, setAnnouncement] = useState('')
  const trainees = directory.state === 'ok' ? directory.data.trainees : []
  const groups = directory.state === 'ok' ? directory.data.groups : []

  function addGroup(group: DirectoryGroup) {
    const added = group.members.filter((name, i) => !listed.includes(name) && group.members.indexOf(name) === i)
    if (added.length > 0) onAdd(added)
    setAnnouncement(
      added.length > 0
        ? n('newSession.groupAdded', added.length)
        : t(group.members.length === 0 ? 'newSession.groupEmpty' : 'newSession.groupAlreadyIn', { group: group.name }),
    )
  }

  return (
    <fieldset className="form-field directory" aria-describedby={trainees.length > 0 ? hintId : undefined}>
      <legend>{t('newSession.directory')}</legend>
      {directory.state === 'loading' && <Loading label={t('newSession.directoryLoading')} />}
      {directory.state === 'error' && (
        // Not an error of the form: said politely, with a retry, and the text still works.
        <div className="notice" role="status">
          <p className="notice-title">{t('newSession.directoryUnavailable')}</p>
          <p>{t('newSession.directoryUnavailableText')}</p>
          <button type="button" className="button button-secondary" onClick={directory.retry}>
            {t('retry')}
          </button>
        </div>
      )}
      {directory.state === 'ok' && trainees.length === 0 && (
        <EmptyState>
          <p>{t('newSession.directoryEmpty')}</p>
        </EmptyState>
      )}
      {trainees.length > 0 && (
        <>
          <p id={hintId} className="muted hint">
            {t('newSession.directoryHint')}
          </p>
          <ul className="directory-list" aria-label={t('newSession.directoryTrainees')}>
            {trainees.map((trainee) => {
              const name = trainee.name?.trim()
              return (
                <li key={trainee.username}>
                  <label className="choice">
                    <input
                      type="checkbox"
                      checked={listed.includes(trainee.username)}
                      onChange={(e) => (e.target.checked ? onAdd([trainee.username]) : onRemove(trainee.username))}
                    />
                    <span>{name ? `${name} (${trainee.username})` : trainee.username}</span>
                  </label>
                </li>
              )
            })}
          </ul>
          {groups.length > 0 && (
            <>
              <p id={groupsId} className="directory-groups-title">
                {t('newSession.directoryGroups')}
              </p>
              <ul className="directory-groups" aria-labelledby={groupsId}>
                {groups.map((group) => (
                  <li key={group.name}>
                    <button type="button" className="button button-secondary" onClick={() => addGroup(group)}>
                      {t('newSession.addGroup', { group: group.name, count: group.members.length })}
                    </button>
                  </li>
                ))}
              </ul>
            </>
          )}
          <p className="announce" role="status" aria-live="polite">
            {announcement}
          </p>
        </>
      )}
    </fieldset>
  )
}

/** A label, the control (given the ids that describe it), a hint and what is wrong with it. */
function FormField({
  id,
  label,
  hint,
  problem,
  after,
  children,
}: {
  id: string
  label: string
  hint?: string
  problem?: string
  after?: ReactNode
  children: (describedBy: string | undefined) => ReactNode
}) {
  const hintId = `${id}-hint`
  const problemId = `${id}-problem`
  const describedBy = [problem ? problemId : null, hint ? hintId : null].filter(Boolean).join(' ') || undefined
  return (
    <div className="form-field">
      <label htmlFor={id}>{label}</label>
      {children(describedBy)}
      {hint && (
        <p id={hintId} className="muted hint">
          {hint}
        </p>
      )}
      {problem && (
        <p id={problemId} className="field-error">
          {problem}
        </p>
      )}
      {after}
    </div>
  )
}
