import { useI18n } from '../i18n'
import type { Key } from '../i18n'
import { EmptyState, PageTitle } from '../ui'

/** A page whose feature is not built yet: says what will appear here. */
export function EmptyPage({ title, text }: { title: Key; text: Key }) {
  const { t } = useI18n()
  return (
    <>
      <PageTitle>{t(title)}</PageTitle>
      <EmptyState>
        <p>{t(text)}</p>
        <p className="muted">{t('soon')}</p>
      </EmptyState>
    </>
  )
}
