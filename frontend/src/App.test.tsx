import { fireEvent, screen, within } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { App, navItems } from './App'
import type { Me } from './api'
import { mockApi, renderAt } from './test-utils'

const trainee: Me = { username: 'stagiaire1', name: 'Samir Stagiaire-Un', roles: ['trainee'] }
const admin: Me = { username: 'admin1', name: 'Alice Admin', roles: ['admin'] }

function navLinks() {
  const nav = screen.getByRole('navigation', { name: 'Navigation principale' })
  return within(nav)
    .getAllByRole('link')
    .map((link) => link.textContent)
}

describe('role-aware navigation', () => {
  it('shows Catalogue and Mes ateliers to a trainee, not Administration', () => {
    mockApi({ 'GET /api/templates': [200, []] })
    renderAt(<App user={trainee} onLogout={() => {}} />, { route: '/mes-ateliers' })

    expect(navLinks()).toEqual(['Catalogue', 'Mes ateliers'])
    expect(screen.queryByRole('link', { name: 'Administration' })).toBeNull()
  })

  it('shows Administration to an admin', () => {
    mockApi({ 'GET /api/templates': [200, []] })
    renderAt(<App user={admin} onLogout={() => {}} />)

    expect(navLinks()).toEqual(['Catalogue', 'Administration'])
    expect(navLinks()).not.toContain('Mes ateliers')
  })

  it('lists the entries of every role a user holds', () => {
    expect(navItems(['trainer', 'validator']).map((i) => i.to)).toEqual(['/', '/sessions', '/validation'])
    expect(navItems([]).map((i) => i.to)).toEqual(['/'])
  })

  it('marks the current page with aria-current', () => {
    renderAt(<App user={trainee} onLogout={() => {}} />, { route: '/mes-ateliers' })
    expect(screen.getByRole('link', { name: 'Mes ateliers' }).getAttribute('aria-current')).toBe('page')
    expect(screen.getByRole('link', { name: 'Catalogue' }).getAttribute('aria-current')).toBeNull()
  })
})

describe('layout', () => {
  it('has the landmarks, the skip link, the user name and an empty state', () => {
    renderAt(<App user={trainee} onLogout={() => {}} />, { route: '/mes-ateliers' })

    expect(screen.getByRole('banner')).toBeTruthy()
    expect(screen.getByRole('main').id).toBe('contenu')
    expect(screen.getByRole('link', { name: 'Aller au contenu' }).getAttribute('href')).toBe('#contenu')
    expect(screen.getByText('Samir Stagiaire-Un')).toBeTruthy()
    expect(screen.getByRole('heading', { level: 1, name: 'Mes ateliers' })).toBeTruthy()
    expect(screen.getByText(/Votre formateur vous inscrira à une session/)).toBeTruthy()
  })

  it('switches to English, remembers it and sets <html lang>', () => {
    renderAt(<App user={trainee} onLogout={() => {}} />, { route: '/mes-ateliers' })

    fireEvent.click(screen.getByRole('button', { name: /EN/ }))

    expect(screen.getByRole('heading', { level: 1, name: 'My labs' })).toBeTruthy()
    expect(screen.getByRole('button', { name: 'Log out' })).toBeTruthy()
    expect(document.documentElement.lang).toBe('en')
    expect(localStorage.getItem('atelier.lang')).toBe('en')
  })

  it('logs out with the button', () => {
    const onLogout = vi.fn()
    renderAt(<App user={trainee} onLogout={onLogout} />, { route: '/mes-ateliers' })
    fireEvent.click(screen.getByRole('button', { name: 'Se déconnecter' }))
    expect(onLogout).toHaveBeenCalledOnce()
  })

  it('refuses the administration page to a trainee', () => {
    renderAt(<App user={trainee} onLogout={() => {}} />, { route: '/administration' })
    expect(screen.getByRole('heading', { level: 1, name: 'Accès réservé' })).toBeTruthy()
  })
})
