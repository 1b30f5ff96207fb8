import { useState } from 'react'
import { api } from '../api'
import type { Lab, Submission } from '../api'
import { useI18n } from '../i18n'
import { Section } from '../ui'
import { LiveProgress } from './LiveProgress'
import { SubmissionLoader, SubmissionView } from './SubmittedWork'

/**
 * "Tâches et progression" of a READY, SUBMITTED or GRADED lab: while it is worked on, the
 * last verification and the "Vérifier" / "Rendre" buttons; once handed in, the submission,
 * read-only. `canOperate`: the viewer may verify and start tasks; `isTrainee`: may hand in;
 * `canCatchUp`: may catch the lab up to a task.
 */
export function TasksPanel({
  lab,
  canOperate,
  isTrainee,
  canCatchUp = false,
  onLabChange,
}: {
  lab: Lab
  canOperate: boolean
  isTrainee: boolean
  canCatchUp?: boolean
  onLabChange: (lab: Lab) => void
}) {
  const { t } = useI18n()
  // The answer to "Rendre", shown at once (no second fetch once the lab says GRADED).
  const [submitted, setSubmitted] = useState<Submission | null>(null)
  const [announce, setAnnounce] = useState('')
  const handedIn = lab.state === 'SUBMITTED' || lab.state === 'GRADED'

  function onSubmitted(submission: Submission) {
    setSubmitted(submission)
    setAnnounce(t('submit.done'))
    // The lab's state changed (GRADED): the page shows it once the server says so.
    api.lab(lab.id).then(onLabChange, () => {
      // The submission is shown anyway; the state comes back with the next load of the page.
    })
  }

  return (
    <Section title="progress.title">
      <p className="muted">{t('progress.intro')}</p>
      <p className="announce" role="status" aria-live="polite">
        {announce}
      </p>
      {submitted ? (
        <SubmissionView lab={lab} submission={submitted} />
      ) : handedIn ? (
        <SubmissionLoader lab={lab} />
      ) : (
        <LiveProgress
          lab={lab}
          canOperate={canOperate}
          isTrainee={isTrainee}
          canCatchUp={canCatchUp}
          onLabChange={onLabChange}
          onSubmitted={onSubmitted}
        />
      )}
    </Section>
  )
}
