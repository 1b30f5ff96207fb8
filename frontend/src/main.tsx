import { StrictMode, useEffect, useState } from 'react'
import { createRoot } from 'react-dom/client'
import { BrowserRouter } from 'react-router'
import { App } from './App'
import { api } from './api'
import type { Me } from './api'
import { initAuth, logout } from './auth'
import { I18nProvider, useI18n } from './i18n'
import { Loading } from './ui'
import './styles.css'

// Started once, outside React: Keycloak may be initialised only once per page.
let signedIn = false
const session: Promise<Me> = initAuth().then(() => {
  signedIn = true
  return api.me()
})

function Boot() {
  const { t } = useI18n()
  const [user, setUser] = useState<Me | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    session.then(setUser, (e: unknown) => setError(e instanceof Error ? e.message : String(e)))
  }, [])

  if (user) {
    return (
      <BrowserRouter>
        <App user={user} onLogout={logout} />
      </BrowserRouter>
    )
  }
  return (
    <main id="contenu" className="boot">
      <p className="brand">{t('app.name')}</p>
      {error ? (
        <div className="notice notice-error" role="alert">
          <h1 className="notice-title">{t('boot.error')}</h1>
          <p>{error}</p>
          <p className="actions">
            <button type="button" className="button" onClick={() => location.reload()}>
              {t('retry')}
            </button>
            {signedIn && (
              <button type="button" className="button button-secondary" onClick={logout}>
                {t('logout')}
              </button>
            )}
          </p>
        </div>
      ) : (
        <Loading />
      )}
    </main>
  )
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      <Boot />
    </I18nProvider>
  </StrictMode>,
)
