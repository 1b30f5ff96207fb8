import { render } from '@testing-library/react'
import type { ReactElement } from 'react'
import { MemoryRouter } from 'react-router'
import { vi } from 'vitest'
import { setTokenProvider } from './api'
import { I18nProvider } from './i18n'
import type { Lang } from './i18n'

/** Renders inside the router and the i18n provider, at the given address. */
export function renderAt(ui: ReactElement, { route = '/', lang = 'fr' as Lang } = {}) {
  return render(
    <MemoryRouter initialEntries={[route]}>
      <I18nProvider initialLang={lang}>{ui}</I18nProvider>
    </MemoryRouter>,
  )
}

/**
 * A fake answer: [status, JSON body, extra headers], or a function for anything else (a slow
 * answer, one that depends on the request's headers…); it is given the request.
 */
export type MockReply =
  | [number, unknown]
  | [number, unknown, Record<string, string>]
  | ((input: RequestInfo | URL, init?: RequestInit) => Response | Promise<Response>)

/**
 * Replaces `fetch` with a fake server: `routes` maps "METHOD /path" to [status, body]
 * (optionally with headers, e.g. Retry-After) or to a function answering a Response.
 * Returns the mock, to inspect the requests that were made.
 */
export function mockApi(routes: Record<string, MockReply>) {
  setTokenProvider(async () => 'test-token')
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const key = `${init?.method ?? 'GET'} ${String(input)}`
    const reply = routes[key] ?? [404, { status: 404, error: `no mock for ${key}` }]
    if (typeof reply === 'function') return reply(input, init)
    const [status, body, headers] = reply
    return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } })
  })
  vi.stubGlobal('fetch', fetchMock)
  return fetchMock
}
