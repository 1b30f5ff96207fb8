import { describe, expect, it } from 'vitest'
import { formatDuration, pick, plural, translate } from './i18n'

describe('formatDuration', () => {
  it('writes hours and minutes the French way', () => {
    expect(formatDuration(90, 'fr')).toBe('1 h 30')
    expect(formatDuration(65, 'fr')).toBe('1 h 05')
    expect(formatDuration(120, 'fr')).toBe('2 h')
    expect(formatDuration(45, 'fr')).toBe('45 min')
    expect(formatDuration(0, 'fr')).toBe('0 min')
  })

  it('adds the minutes unit in English', () => {
    expect(formatDuration(90, 'en')).toBe('1 h 30 min')
    expect(formatDuration(180, 'en')).toBe('3 h')
  })
})

describe('pick (language fallback)', () => {
  it('returns the English text when there is one', () => {
    expect(pick({ fr: 'Pare-feu', en: 'Firewall' }, 'en')).toBe('Firewall')
    expect(pick({ fr: 'Pare-feu', en: 'Firewall' }, 'fr')).toBe('Pare-feu')
  })

  it('falls back to French when English is missing, null or blank', () => {
    expect(pick({ fr: 'Pare-feu' }, 'en')).toBe('Pare-feu')
    expect(pick({ fr: 'Pare-feu', en: null }, 'en')).toBe('Pare-feu')
    expect(pick({ fr: 'Pare-feu', en: '  ' }, 'en')).toBe('Pare-feu')
  })

  it('gives an empty string for an absent text', () => {
    expect(pick(null, 'fr')).toBe('')
  })
})

describe('translate and plural', () => {
  it('replaces placeholders', () => {
    expect(translate('fr', 'template.checksOf', { title: 'Bloquer' })).toBe('Vérifications de la tâche « Bloquer »')
  })

  it('follows each language’s plural rules and number format', () => {
    expect(plural('fr', 'machines', 3)).toBe('3 machines')
    expect(plural('fr', 'machines', 1)).toBe('1 machine')
    expect(plural('fr', 'points', 0)).toBe('0 point')
    expect(plural('fr', 'points', 16.5)).toBe('16,5 points')
    expect(plural('en', 'points', 0)).toBe('0 points')
    expect(plural('en', 'tasks', 1)).toBe('1 task')
  })

  it('fills the other placeholders of a plural text', () => {
    expect(plural('fr', 'progress.passed', 1, { total: 3 })).toBe('1 tâche sur 3 réussie')
    expect(plural('fr', 'progress.passed', 2, { total: 3 })).toBe('2 tâches sur 3 réussies')
    expect(plural('en', 'progress.passed', 0, { total: 3 })).toBe('0 of 3 tasks passed')
  })
})

describe('points of a grid', () => {
  it('are singular below two in French, as "1 point sur 1"', () => {
    expect(plural('fr', 'decisions.points', 1, { max: '1' })).toBe('1 point sur 1')
    expect(plural('fr', 'decisions.points', 0, { max: '4' })).toBe('0 point sur 4')
    expect(plural('fr', 'decisions.points', 5, { max: '10' })).toBe('5 points sur 10')
    expect(plural('en', 'decisions.points', 1, { max: '2' })).toBe('1 of 2 points')
  })
})
