import { fireEvent, screen, within } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { App, navItems } from './App'
import type { Me } from './api'
import { sampleLab } from './test-labs'
import { mockApi, renderAt } from './test-utils'

const trainee: Me = { username: 'stagiaire1', name: 'Samir Stagiaire-Un', roles: ['trainee'] }
const admin: Me = { username: 'admin1', name: 'Alice Admin', roles: ['admin'] }
const trainer: Me = { username: 'formateur1', name: 'Fanny Formatrice', roles: ['trainer'] }
const validator: Me = { username: 'validateur1', name: 'Victor Validateur', roles: ['validator'] }

function navLinks() {
  const nav = screen.getByRole('navigation', { name: 'Navigation principale' })
  return within(nav)
    .getAllByRole('link')
    .map((link) => link.textContent)
}

describe('role-aware navigation', () => {
  it('shows Catalogue and Mes ateliers to a trainee, not Administration', () => {
    mockApi({ 'GET /api/labs': [200, []] })
    renderAt(<App user={trainee} onLogout={() => {}} />, { route: '/mes-ateliers' })

    expect(navLinks()).toEqual(['Catalogue', 'Mes ateliers'])
    expect(screen.queryByRole('link', { name: 'Administration' })).toBeNull()
  })

  it('shows Sessions and Administration to an admin', () => {
    mockApi({ 'GET /api/templates': [200, []] })
    renderAt(<App user={admin} onLogout={() => {}} />)

    expect(navLinks()).toEqual(['Catalogue', 'Sessions', 'Administration'])
    expect(navLinks()).not.toContain('Mes ateliers')
  })

  it('shows Sessions to a trainer and a validator, and opens the sessions page', async () => {
    mockApi({ 'GET /api/sessions': [200, []] })
    renderAt(<App user={trainer} onLogout={() => {}} />, { route: '/sessions' })
    expect(navLinks()).toEqual(['Catalogue', 'Mes ateliers', 'Sessions'])
    expect(screen.getByRole('link', { name: 'Sessions' }).getAttribute('aria-current')).toBe('page')
    expect(screen.getByRole('heading', { level: 1, name: 'Sessions' })).toBeTruthy()
    expect(navItems(['validator']).map((i) => i.to)).toEqual(['/', '/sessions', '/validation'])
  })

  it('keeps the sessions from a trainee', () => {
    renderAt(<App user={trainee} onLogout={() => {}} />, { route: '/sessions' })
    expect(screen.getByRole('heading', { level: 1, name: 'Accès réservé' })).toBeTruthy()
  })

  it('refuses the creation form to a validator', () => {
    renderAt(<App user={validator} onLogout={() => {}} />, { route: '/sessions/nouvelle' })
    expect(screen.getByRole('heading', { level: 1, name: 'Accès réservé' })).toBeTruthy()
  })

  it('lists the entries of every role a user holds', () => {
    expect(navItems(['trainer', 'validator']).map((i) => i.to)).toEqual(['/', '/mes-ateliers', '/sessions', '/validation'])
    expect(navItems([]).map((i) => i.to)).toEqual(['/'])
  })

  it('marks the current page with aria-current', () => {
    mockApi({ 'GET /api/labs': [200, []] })
    renderAt(<App user={trainee} onLogout={() => {}} />, { route: '/mes-ateliers' })
    expect(screen.getByRole('link', { name: 'Mes ateliers' }).getAttribute('aria-current')).toBe('page')
    expect(screen.getByRole('link', { name: 'Catalogue' }).getAttribute('aria-current')).toBeNull()
  })
})

describe('layout', () => {
  it('has the landmarks, the skip link, the user name and an empty state', async () => {
    mockApi({ 'GET /api/labs': [200, []] })
    renderAt(<App user={trainee} onLogout={() => {}} />, { route: '/mes-ateliers' })

    expect(screen.getByRole('banner')).toBeTruthy()
    expect(screen.getByRole('main').id).toBe('contenu')
    expect(screen.getByRole('link', { name: 'Aller au contenu' }).getAttribute('href')).toBe('#contenu')
    expect(screen.getByText('Samir Stagiaire-Un')).toBeTruthy()
    expect(screen.getByRole('heading', { level: 1, name: 'Mes ateliers' })).toBeTruthy()
    expect(await screen.findByText(/C'est votre formateur qui lance les ateliers/)).toBeTruthy()
  })

  it('switches to English, remembers it and sets <html lang>', () => {
    mockApi({ 'GET /api/labs': [200, []] })
    renderAt(<App user={trainee} onLogout={() => {}} />, { route: '/mes-ateliers' })

    fireEvent.click(screen.getByRole('button', { name: /EN/ }))

    expect(screen.getByRole('heading', { level: 1, name: 'My labs' })).toBeTruthy()
    expect(screen.getByRole('button', { name: 'Log out' })).toBeTruthy()
    expect(document.documentElement.lang).toBe('en')
    expect(localStorage.getItem('atelier.lang')).toBe('en')
  })

  it('logs out with the button', () => {
    const onLogout = vi.fn()
    mockApi({ 'GET /api/labs': [200, []] })
    renderAt(<App user={trainee} onLogout={onLogout} />, { route: '/mes-ateliers' })
    fireEvent.click(screen.getByRole('button', { name: 'Se déconnecter' }))
    expect(onLogout).toHaveBeenCalledOnce()
  })

  it('opens a lab page and keeps "Mes ateliers" current in the menu', async () => {
    mockApi({ 'GET /api/labs/lab-1': [200, sampleLab({ id: 'lab-1' })] })
    renderAt(<App user={trainee} onLogout={() => {}} />, { route: '/ateliers/lab-1' })

    expect(await screen.findByRole('heading', { level: 1, name: 'Filtrer le trafic avec nftables' })).toBeTruthy()
    expect(screen.getByRole('link', { name: 'Mes ateliers' }).getAttribute('aria-current')).toBe('page')
  })

  it('refuses the administration page to a trainee', () => {
    renderAt(<App user={trainee} onLogout={() => {}} />, { route: '/administration' })
    expect(screen.getByRole('heading', { level: 1, name: 'Accès réservé' })).toBeTruthy()
  })
})
