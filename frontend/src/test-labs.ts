import type { Lab, Submission, TaskResult, Verification } from './api'

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
    tasks: [
      { id: 'politique', title: { fr: 'Politique par défaut', en: 'Default policy' }, startable: false, startedAt: null },
      { id: 'bloquer-site', title: { fr: 'Bloquer le site interdit', en: 'Block the forbidden site' }, startable: false, startedAt: null },
      { id: 'panne-dns', title: { fr: 'Réparer la résolution de noms', en: 'Repair name resolution' }, startable: true, startedAt: null },
    ],
    ...overrides,
  }
}

/** Per-task results: the first task passes, the second fails one check, the third could not be checked. */
export function sampleResults(): TaskResult[] {
  return [
    {
      id: 'politique',
      title: { fr: 'Politique par défaut', en: 'Default policy' },
      passed: true,
      checks: [
        { id: 'drop-input', description: { fr: 'Entrée refusée par défaut', en: 'Input dropped by default' }, verdict: 'PASS', feedback: null },
      ],
    },
    {
      id: 'bloquer-site',
      title: { fr: 'Bloquer le site interdit', en: 'Block the forbidden site' },
      passed: false,
      checks: [
        { id: 'regle-existe', description: { fr: 'Une règle vise exemple.test' }, verdict: 'PASS', feedback: null },
        {
          id: 'site-bloque',
          description: { fr: 'Le client ne joint plus exemple.test', en: 'The client no longer reaches exemple.test' },
          verdict: 'FAIL',
          feedback: { fr: 'Le client joint encore exemple.test en HTTP : la règle est-elle dans la bonne chaîne ?', en: 'The client still reaches exemple.test over HTTP: is the rule in the right chain?' },
        },
      ],
    },
    {
      id: 'panne-dns',
      title: { fr: 'Réparer la résolution de noms', en: 'Repair name resolution' },
      passed: false,
      checks: [
        {
          id: 'resolution',
          description: null,
          verdict: 'ERROR',
          feedback: { fr: "La plateforme n'a pas pu faire cette vérification ; réessayez dans un moment.", en: 'The platform could not run this check; try again in a moment.' },
        },
      ],
    },
  ]
}

export function sampleVerification(overrides: Partial<Verification> = {}): Verification {
  return { at: '2026-11-23T10:15:00Z', passedTasks: 1, totalTasks: 3, tasks: sampleResults(), ...overrides }
}

export function sampleSubmission(overrides: Partial<Submission> = {}): Submission {
  return {
    labId: '6f1c2d3e-0000-4000-8000-000000000001',
    submittedAt: '2026-11-23T11:30:00Z',
    submittedBy: 'stagiaire1',
    hash: 'sha256:5d41402abc4b2a76b9719d911017c592',
    acquiredCriteria: 4,
    totalCriteria: 6,
    points: 12.5,
    maxPoints: 20,
    tasks: sampleResults(),
    ...overrides,
  }
}
