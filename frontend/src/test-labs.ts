import type { Lab } from './api'

/** A lab as the API sends it, READY unless overridden. */
export function sampleLab(overrides: Partial<Lab> = {}): Lab {
  return {
    id: '6f1c2d3e-0000-4000-8000-000000000001',
    templateId: 'pare-feu-nftables',
    templateTitle: { fr: 'Filtrer le trafic avec nftables', en: 'Filtering traffic with nftables' },
    trainee: 'stagiaire1',
    createdBy: 'formateur1',
    state: 'READY',
    reason: null,
    createdAt: '2026-11-23T09:00:00Z',
    readyAt: '2026-11-23T09:01:10Z',
    expiresAt: '2026-11-23T17:00:00Z',
    credentials: { user: 'stagiaire1', password: 's3cret-Pa55' },
    parameters: { site_bloque: 'exemple.test' },
    nodes: [
      {
        name: 'fw',
        image: 'debian-base',
        running: true,
        managementAddress: '10.200.0.11',
        addresses: [{ network: 'lan', ip: '192.168.10.1', mac: '52:54:00:00:00:01' }],
        consoles: ['vnc', 'ssh'],
      },
      {
        name: 'client',
        image: 'debian-base',
        running: false,
        managementAddress: null,
        addresses: [{ network: 'lan', ip: '192.168.10.20', mac: '52:54:00:00:00:02' }],
        consoles: ['serial'],
      },
    ],
    ...overrides,
  }
}
