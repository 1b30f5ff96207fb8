import { cleanup, configure } from '@testing-library/react'
import { afterEach, vi } from 'vitest'

// A loaded machine (VMs booting beside the build) slows rendering: findBy*/waitFor give a page
// up to 5 s to show what it should, instead of 1 s. A page that never shows it still fails.
configure({ asyncUtilTimeout: 5000 })

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
  localStorage.clear()
})
