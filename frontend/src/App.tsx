import { useEffect, useRef } from 'react'
import type { ReactNode } from 'react'
import { Link, Route, Routes, useLocation } from 'react-router'
import type { Me, Role } from './api'
import { LANGS, useI18n } from './i18n'
import type { Key } from './i18n'
import { AdminPage } from './pages/AdminPage'
import { CatalogPage } from './pages/CatalogPage'
import { EmptyPage } from './pages/EmptyPage'
import { LabPage } from './pages/LabPage'
import { LabsPage } from './pages/LabsPage'
import { NewSessionPage } from './pages/NewSessionPage'
import { SessionPage } from './pages/SessionPage'
import { SessionsPage } from './pages/SessionsPage'
import { TemplatePage } from './pages/TemplatePage'
import { PageTitle } from './ui'

type NavItem = { to: string; label: Key; roles?: Role[] }

const NAV: NavItem[] = [
  { to: '/', label: 'nav.catalog' },
  // a trainee's labs, or the labs a trainer launched
  { to: '/mes-ateliers', label: 'nav.myLabs', roles: ['trainee', 'trainer'] },
  { to: '/sessions', label: 'nav.sessions', roles: ['trainer', 'admin', 'validator'] },
  { to: '/validation', label: 'nav.validation', roles: ['validator'] },
  { to: '/administration', label: 'nav.admin', roles: ['admin'] },
]

const ROLES: Role[] = ['trainee', 'trainer', 'validator', 'admin']

/** Roles that see sessions (a trainer their own; a validator reads them all, an admin runs them too). */
const SESSION_ROLES: Role[] = ['trainer', 'admin', 'validator']
/** Roles that create and run sessions. */
const SESSION_MANAGERS: Role[] = ['trainer', 'admin']

/** Roles for which GET /api/labs answers (each sees its own share of the labs). */
const LAB_ROLES: Role[] = ['trainee', 'trainer', 'validator', 'admin']

/** The navigation entries a user with these roles may see. */
export function navItems(roles: readonly string[]): NavItem[] {
  return NAV.filter((item) => !item.roles || item.roles.some((role) => roles.includes(role)))
}

function isCurrent(item: NavItem, pathname: string): boolean {
  if (item.to === '/') return pathname === '/' || pathname === '/catalogue'
  if (item.to === '/mes-ateliers' && pathname.startsWith('/ateliers/')) return true
  return pathname === item.to || pathname.startsWith(item.to + '/')
}

export function App({ user, onLogout }: { user: Me; onLogout: () => void }) {
  const guard = (role: Role | Role[], page: ReactNode) =>
    (Array.isArray(role) ? role : [role]).some((r) => user.roles.includes(r)) ? page : <MessagePage page="forbidden" />
  return (
    <Layout user={user} onLogout={onLogout}>
      <Routes>
        <Route path="/" element={<CatalogPage />} />
        <Route path="/catalogue" element={<CatalogPage />} />
        <Route path="/modeles/:id" element={<TemplatePage roles={user.roles} />} />
        {/* In the menu for trainees; trainers and admins reach it too (the labs they launched). */}
        <Route path="/mes-ateliers" element={guard(LAB_ROLES, <LabsPage />)} />
        {/* The API answers 404 for a lab the user may not see. */}
        <Route path="/ateliers/:id" element={guard(LAB_ROLES, <LabPage roles={user.roles} username={user.username} />)} />
        <Route path="/sessions" element={guard(SESSION_ROLES, <SessionsPage roles={user.roles} />)} />
        <Route path="/sessions/nouvelle" element={guard(SESSION_MANAGERS, <NewSessionPage />)} />
        <Route path="/sessions/:id" element={guard(SESSION_ROLES, <SessionPage roles={user.roles} />)} />
        <Route path="/validation" element={guard('validator', <EmptyPage title="validation.title" text="validation.empty" />)} />
        <Route path="/administration" element={guard('admin', <AdminPage />)} />
        <Route path="*" element={<MessagePage page="notFound" />} />
      </Routes>
    </Layout>
  )
}

function Layout({ user, onLogout, children }: { user: Me; onLogout: () => void; children: ReactNode }) {
  const { t, lang, setLang } = useI18n()
  const { pathname } = useLocation()
  const main = useRef<HTMLElement>(null)
  const shownPath = useRef(pathname)

  // After a client-side navigation, move the focus to the new content (as a page load would).
  useEffect(() => {
    if (shownPath.current === pathname) return
    shownPath.current = pathname
    main.current?.focus()
  }, [pathname])

  const roles = ROLES.filter((role) => user.roles.includes(role))

  return (
    <>
      <a className="skip-link" href="#contenu">
        {t('skip')}
      </a>
      <header className="site-header">
        <div className="header-inner">
          <Link to="/" className="brand">
            {t('app.name')}
          </Link>
          <nav aria-label={t('nav.label')}>
            <ul className="nav-list">
              {navItems(user.roles).map((item) => (
                <li key={item.to}>
                  <Link to={item.to} aria-current={isCurrent(item, pathname) ? 'page' : undefined}>
                    {t(item.label)}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
          <div className="header-tools">
            <p className="user">
              <span className="visually-hidden">{t('user.label')} </span>
              <span className="user-name">{user.name || user.username}</span>
              {roles.length > 0 && (
                <span className="user-roles">{roles.map((role) => t(`role.${role}` as Key)).join(', ')}</span>
              )}
            </p>
            <div className="lang-switch" role="group" aria-label={t('lang.label')}>
              {LANGS.map((code) => (
                <button
                  key={code}
                  type="button"
                  lang={code}
                  aria-pressed={lang === code}
                  onClick={() => setLang(code)}
                >
                  {code.toUpperCase()}
                  <span className="visually-hidden"> {code === 'fr' ? 'Français' : 'English'}</span>
                </button>
              ))}
            </div>
            <button type="button" className="button button-light" onClick={onLogout}>
              {t('logout')}
            </button>
          </div>
        </div>
      </header>
      <main id="contenu" ref={main} tabIndex={-1}>
        {children}
      </main>
    </>
  )
}

/** A page that only says why there is nothing here, with a way back to the catalog. */
function MessagePage({ page }: { page: 'forbidden' | 'notFound' }) {
  const { t } = useI18n()
  return (
    <>
      <PageTitle>{t(`${page}.title`)}</PageTitle>
      <p>{t(`${page}.text`)}</p>
      <p>
        <Link to="/">{t('notFound.home')}</Link>
      </p>
    </>
  )
}
