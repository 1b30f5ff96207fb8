import Keycloak from 'keycloak-js'
import { setTokenProvider } from './api'

export type AuthConfig = { keycloakUrl: string; realm: string; clientId: string }

let keycloak: Keycloak | null = null

/**
 * Reads /api/config (public), then signs in with Keycloak (redirects to the
 * login page when needed). Resolves once the user is authenticated.
 */
export async function initAuth(): Promise<Keycloak> {
  const response = await fetch('/api/config', { headers: { Accept: 'application/json' } })
  if (!response.ok) throw new Error(`/api/config: HTTP ${response.status}`)
  const config = (await response.json()) as AuthConfig

  const kc = new Keycloak({ url: config.keycloakUrl, realm: config.realm, clientId: config.clientId })
  await kc.init({ onLoad: 'login-required', pkceMethod: 'S256', checkLoginIframe: false })
  keycloak = kc
  setTokenProvider(freshToken)
  return kc
}

/** Refreshes the access token when it expires within 30 s; re-login if that fails. */
async function freshToken(): Promise<string | undefined> {
  const kc = keycloak
  if (!kc) return undefined
  try {
    await kc.updateToken(30)
  } catch {
    // Refresh token expired or revoked: back to the login page.
    await kc.login()
    throw new Error('Session expired: redirecting to the login page')
  }
  return kc.token
}

export function logout(): void {
  void keycloak?.logout({ redirectUri: location.origin + '/' })
}
