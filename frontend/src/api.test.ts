import { describe, expect, it, vi } from 'vitest'
import { ApiError, apiFetch, setTokenProvider } from './api'

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
