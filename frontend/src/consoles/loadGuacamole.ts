/** Where the platform serves the official guacamole-common-js 1.6.0 build. */
export const GUACAMOLE_SCRIPT = '/guacamole-common-js/all.min.js'

let loading: Promise<typeof Guacamole> | null = null

/**
 * Loads guacamole-common-js once, with a <script> tag, the first time a screen is shown.
 * A failed load is forgotten, so that the next attempt tries again.
 */
export function loadGuacamole(): Promise<typeof Guacamole> {
  const ready = window.Guacamole
  if (ready) return Promise.resolve(ready)
  if (loading) return loading

  loading = new Promise<typeof Guacamole>((resolve, reject) => {
    const script = document.createElement('script')
    script.src = GUACAMOLE_SCRIPT
    script.async = true
    script.onload = () => {
      const loaded = window.Guacamole
      if (loaded) resolve(loaded)
      else fail(`${GUACAMOLE_SCRIPT} did not define Guacamole`)
    }
    script.onerror = () => fail(`${GUACAMOLE_SCRIPT} could not be loaded`)
    function fail(message: string) {
      script.remove()
      loading = null
      reject(new Error(message))
    }
    document.head.appendChild(script)
  })
  return loading
}
