/** `/api/consoles/terminal?ticket=…` → `wss://host/api/consoles/terminal?ticket=…` (ws:// on plain http). */
export function webSocketUrl(url: string, page: string = location.href): string {
  const absolute = new URL(url, page)
  absolute.protocol = absolute.protocol === 'https:' || absolute.protocol === 'wss:' ? 'wss:' : 'ws:'
  return absolute.toString()
}

/**
 * `/api/consoles/display?ticket=…` → the tunnel's address and the data given to `client.connect`:
 * Guacamole.WebSocketTunnel opens `base + "?" + query` itself.
 */
export function splitTunnelUrl(url: string): { base: string; query: string } {
  const at = url.indexOf('?')
  return at < 0 ? { base: url, query: '' } : { base: url.slice(0, at), query: url.slice(at + 1) }
}
