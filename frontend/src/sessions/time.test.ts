import { describe, expect, it } from 'vitest'
import { EventStreamParser } from './sse'
import { USER_NAME, addTrainees, crossedThreshold, formatCountdown, localToIso, parseTrainees, removeTrainee, secondsLeft } from './time'

describe('formatCountdown', () => {
  it('writes mm:ss under an hour, h:mm:ss beyond', () => {
    expect(formatCountdown(83)).toBe('01:23')
    expect(formatCountdown(5025)).toBe('1:23:45')
    expect(formatCountdown(3600)).toBe('1:00:00')
    expect(formatCountdown(0)).toBe('00:00')
    expect(formatCountdown(-5)).toBe('00:00')
  })
})

describe('secondsLeft', () => {
  const now = Date.parse('2026-11-23T10:00:00Z')
  it('counts down from the deadline, rounding up', () => {
    expect(secondsLeft('2026-11-23T10:12:34Z', 999, now)).toBe(754)
    expect(secondsLeft('2026-11-23T10:00:00.400Z', null, now)).toBe(1)
    expect(secondsLeft('2026-11-23T09:00:00Z', null, now)).toBe(0)
  })
  it('keeps the frozen time while paused, nothing before the start', () => {
    expect(secondsLeft(null, 600, now)).toBe(600)
    expect(secondsLeft(null, null, now)).toBeNull()
  })
})

describe('parseTrainees', () => {
  it('takes one name per line or comma-separated, once each', () => {
    expect(parseTrainees('stagiaire1\nstagiaire2, jean_dupont ,\n\nstagiaire1;m_x-2\n_svc')).toEqual({
      names: ['stagiaire1', 'stagiaire2', 'jean_dupont', 'm_x-2', '_svc'],
      invalid: [],
    })
  })
  it('lists what cannot be a user name', () => {
    expect(parseTrainees('Stagiaire1\njean dupont\nok')).toEqual({ names: ['ok'], invalid: ['Stagiaire1', 'jean dupont'] })
  })
  it('follows the server’s one rule (UserNames.java): [a-z_][a-z0-9_-]{0,31}, no dot any more', () => {
    const longest = 'a' + '1'.repeat(31)
    expect(parseTrainees(['jean.dupont', '1stagiaire', '-x', 'élève', longest, longest + '2', 'a', '_'].join('\n'))).toEqual({
      names: [longest, 'a', '_'],
      invalid: ['jean.dupont', '1stagiaire', '-x', 'élève', longest + '2'],
    })
    expect(USER_NAME.test('stagiaire1')).toBe(true)
    expect(USER_NAME.test('stagiaire1\n')).toBe(false)
  })
})

describe('addTrainees', () => {
  it('adds each missing name on its own line, once', () => {
    expect(addTrainees('', ['stagiaire1'])).toBe('stagiaire1')
    expect(addTrainees('stagiaire1, stagiaire2,\n', ['stagiaire2', 'stagiaire3', 'stagiaire3'])).toBe(
      'stagiaire1, stagiaire2\nstagiaire3',
    )
  })
  it('leaves the text as typed when every name is there', () => {
    expect(addTrainees('stagiaire1 ;\n', ['stagiaire1'])).toBe('stagiaire1 ;\n')
  })
})

describe('removeTrainee', () => {
  it('removes every mention of the name and keeps the rest as typed', () => {
    expect(removeTrainee('stagiaire1\nstagiaire2, stagiaire1 ;Jean Dupont\n\nstagiaire3', 'stagiaire1')).toBe(
      'stagiaire2, Jean Dupont\n\nstagiaire3',
    )
    expect(removeTrainee('stagiaire1', 'stagiaire1')).toBe('')
    expect(removeTrainee('stagiaire10\nstagiaire2', 'stagiaire1')).toBe('stagiaire10\nstagiaire2')
  })
})

describe('localToIso', () => {
  it('turns a datetime-local value into an instant', () => {
    expect(localToIso('2026-11-23T09:30')).toBe(new Date(2026, 10, 23, 9, 30).toISOString())
    expect(localToIso('')).toBeNull()
    expect(localToIso('demain')).toBeNull()
  })
})

describe('crossedThreshold', () => {
  it('announces 15, 5 and 1 minutes left once, going down only', () => {
    expect(crossedThreshold(901, 900)).toBe(15)
    expect(crossedThreshold(900, 899)).toBeNull()
    expect(crossedThreshold(301, 299)).toBe(5)
    expect(crossedThreshold(61, 60)).toBe(1)
    expect(crossedThreshold(60, 1200)).toBeNull()
    expect(crossedThreshold(null, 60)).toBeNull()
  })
})

describe('EventStreamParser', () => {
  it('hands back complete events, whatever the chunks', () => {
    const parser = new EventStreamParser()
    expect(parser.push(': keep-alive\n\nevent: session\ndata: {"a":')).toEqual([])
    expect(parser.push('1}\n\nevent: session\r\ndata: {"a":2}\r\n\r\n')).toEqual([
      { event: 'session', data: '{"a":1}' },
      { event: 'session', data: '{"a":2}' },
    ])
  })
  it('joins multi-line data and drops events without data', () => {
    const parser = new EventStreamParser()
    expect(parser.push('event: ping\n\ndata: a\ndata:b\n\n')).toEqual([{ event: 'message', data: 'a\nb' }])
  })
})
