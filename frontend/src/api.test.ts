import { describe, expect, it, vi } from 'vitest'
import { ApiError, api, apiFetch, retryAfter, setTokenProvider } from './api'

describe('apiFetch (fetch mocked)', () => {
  it('asks for a fresh token before each call and sends it as a bearer', async () => {
    const provider = vi.fn(async () => 'abc')
    setTokenProvider(provider)
    const fetchMock = vi.fn(async () => new Response('{"username":"u"}', { status: 200 }))
    vi.stubGlobal('fetch', fetchMock)

    await apiFetch('/api/me')
    await apiFetch('/api/me')

    expect(provider).toHaveBeenCalledTimes(2)
    const init = (fetchMock.mock.calls[0] as unknown as [string, RequestInit])[1]
    expect(new Headers(init.headers).get('Authorization')).toBe('Bearer abc')
  })

  it('turns a JSON error body into a readable ApiError', async () => {
    setTokenProvider(async () => 'abc')
    vi.stubGlobal('fetch', async () => new Response('{"status":404,"error":"No template \'x\' in the catalog"}', { status: 404 }))

    const error = await apiFetch('/api/templates/x').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect((error as ApiError).status).toBe(404)
    expect((error as ApiError).message).toBe("No template 'x' in the catalog")
  })

  it('copes with non-JSON errors and unreachable servers', async () => {
    setTokenProvider(async () => undefined)
    vi.stubGlobal('fetch', async () => new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }))
    await expect(apiFetch('/api/me')).rejects.toMatchObject({ status: 502, message: 'HTTP 502 Bad Gateway' })

    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch')
    })
    await expect(apiFetch('/api/me')).rejects.toMatchObject({ status: 0, message: 'Failed to fetch' })
  })
})

describe('waits, absences and reports', () => {
  it('keeps the Retry-After of a refusal, in seconds', async () => {
    setTokenProvider(async () => 'abc')
    vi.stubGlobal(
      'fetch',
      async () =>
        new Response('{"status":429,"error":"Too soon."}', { status: 429, headers: { 'Retry-After': '7' } }),
    )
    const error = (await api.verify('lab-1').catch((e: unknown) => e)) as ApiError
    expect(error).toMatchObject({ status: 429, message: 'Too soon.', retryAfterSeconds: 7 })
  })

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-11-23T10:00:00Z')
    expect(retryAfter('12', now)).toBe(12)
    expect(retryAfter('Mon, 23 Nov 2026 10:00:09 GMT', now)).toBe(9)
    expect(retryAfter('Mon, 23 Nov 2026 09:00:00 GMT', now)).toBe(0)
    expect(retryAfter(null, now)).toBeNull()
    expect(retryAfter('soon', now)).toBeNull()
    expect(new ApiError(500, 'x').retryAfterSeconds).toBeNull()
  })

  it('answers null when there is no verification or submission yet, and fails otherwise', async () => {
    setTokenProvider(async () => 'abc')
    vi.stubGlobal('fetch', async () => new Response('{"status":404,"error":"None yet."}', { status: 404 }))
    await expect(api.latestVerification('lab-1')).resolves.toBeNull()
    await expect(api.submission('lab-1')).resolves.toBeNull()

    vi.stubGlobal('fetch', async () => new Response('{"status":403,"error":"Not yours."}', { status: 403 }))
    await expect(api.submission('lab-1')).rejects.toMatchObject({ status: 403, message: 'Not yours.' })
  })

  it('asks for a report in the wanted format, with the token, and gives it as a Blob', async () => {
    setTokenProvider(async () => 'abc')
    const fetchMock = vi.fn(async () => new Response('a;b\n', { status: 200, headers: { 'Content-Type': 'text/csv' } }))
    vi.stubGlobal('fetch', fetchMock)

    const blob = await api.downloadReport('lab/1', 'csv')

    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit]
    expect(url).toBe('/api/labs/lab%2F1/report')
    expect(new Headers(init.headers).get('Accept')).toBe('text/csv')
    expect(new Headers(init.headers).get('Authorization')).toBe('Bearer abc')
    expect(blob.type).toBe('text/csv')
    expect(await blob.text()).toBe('a;b\n')
  })

  it('posts to the task, verification and submission addresses', async () => {
    setTokenProvider(async () => 'abc')
    const fetchMock = vi.fn(async () => new Response('{}', { status: 200 }))
    vi.stubGlobal('fetch', fetchMock)

    await api.startTask('lab-1', 'panne dns')
    await api.verify('lab-1')
    await api.submit('lab-1')

    expect(fetchMock.mock.calls.map((c) => {
      const [url, init] = c as unknown as [string, RequestInit]
      return `${init.method} ${url}`
    })).toEqual([
      'POST /api/labs/lab-1/tasks/panne%20dns/start',
      'POST /api/labs/lab-1/verifications',
      'POST /api/labs/lab-1/submission',
    ])
  })
})
