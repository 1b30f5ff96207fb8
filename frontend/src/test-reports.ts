import type { CheckEvidence, CriterionGrade, GradeOverride, Report } from './api'

/** One check's evidence, PASS unless overridden. */
export function sampleCheck(overrides: Partial<CheckEvidence> = {}): CheckEvidence {
  return {
    checkId: 'drop-input',
    taskId: 'politique',
    criteria: ['C2.1-a'],
    points: 4,
    description: { fr: 'Entrée refusée par défaut', en: 'Input dropped by default' },
    feedback: null,
    verdict: 'PASS',
    transport: 'ssh',
    command: 'nft list chain inet filter input',
    exit: 0,
    output: 'policy drop;',
    reason: null,
    at: '2026-11-23T11:30:05Z',
    tookMillis: 840,
    ...overrides,
  }
}

function criterion(overrides: Partial<CriterionGrade> & Pick<CriterionGrade, 'id'>): CriterionGrade {
  return {
    text: { fr: overrides.id },
    points: 0,
    maxPoints: 4,
    threshold: 50,
    computed: false,
    acquired: false,
    unverified: false,
    override: null,
    checks: [],
    ...overrides,
  }
}

/**
 * A graded lab's grid: two blocks; C2.1-a acquired, C2.1-b not (1 point of 4 under a 75 %
 * threshold), C3.2-a not verified (its check could not run). Intact, no override yet.
 */
export function sampleReport(overrides: Partial<Report> = {}): Report {
  return {
    labId: '6f1c2d3e-0000-4000-8000-000000000001',
    trainee: 'stagiaire1',
    templateId: 'pare-feu-nftables',
    templateTitle: { fr: 'Filtrer le trafic avec nftables', en: 'Filtering traffic with nftables' },
    templateVersion: 3,
    referential: { id: 'bts-sio-sisr', title: { fr: 'BTS SIO option SISR' } },
    submittedAt: '2026-11-23T11:30:00Z',
    submittedBy: 'stagiaire1',
    hash: 'sha256:5d41402abc4b2a76b9719d911017c592',
    intact: true,
    grade: {
      points: 5,
      maxPoints: 10,
      acquiredCriteria: 1,
      totalCriteria: 3,
      blocks: [
        {
          id: 'B2',
          title: { fr: 'Administration des systèmes et des réseaux', en: 'Systems and network administration' },
          points: 5,
          maxPoints: 8,
          competencies: [
            {
              id: 'C2.1',
              title: { fr: 'Sécuriser les accès réseau', en: 'Secure network access' },
              points: 5,
              maxPoints: 8,
              criteria: [
                criterion({
                  id: 'C2.1-a',
                  text: { fr: 'La politique par défaut refuse les flux entrants', en: 'The default policy drops incoming traffic' },
                  points: 4,
                  computed: true,
                  acquired: true,
                  checks: [sampleCheck()],
                }),
                criterion({
                  id: 'C2.1-b',
                  text: { fr: 'Le site interdit est bloqué', en: 'The forbidden site is blocked' },
                  points: 1,
                  threshold: 75,
                  checks: [sampleCheck({ checkId: 'site-bloque', taskId: 'bloquer-site', criteria: ['C2.1-b'], verdict: 'FAIL', exit: 0 })],
                }),
              ],
            },
          ],
        },
        {
          id: 'B3',
          title: { fr: 'Maintenance et dépannage', en: 'Maintenance and troubleshooting' },
          points: 0,
          maxPoints: 2,
          competencies: [
            {
              id: 'C3.2',
              title: { fr: 'Dépanner un service réseau', en: 'Troubleshoot a network service' },
              points: 0,
              maxPoints: 2,
              criteria: [
                criterion({
                  id: 'C3.2-a',
                  text: { fr: 'La résolution de noms fonctionne', en: 'Name resolution works' },
                  maxPoints: 2,
                  unverified: true,
                  checks: [sampleCheck({ checkId: 'resolution', taskId: 'panne-dns', criteria: ['C3.2-a'], verdict: 'ERROR', exit: null, reason: 'ssh: timeout' })],
                }),
              ],
            },
          ],
        },
      ],
    },
    overrides: [],
    ...overrides,
  }
}

/** The sample grid once `C2.1-b` has been decided acquired by validateur1. */
export function sampleOverriddenReport(override: Partial<GradeOverride> = {}): Report {
  const decision: GradeOverride = {
    criterionId: 'C2.1-b',
    computed: false,
    previous: false,
    acquired: true,
    reason: 'Le blocage est fait dans la chaîne forward : la vérification visait input.',
    actor: 'validateur1',
    at: '2026-11-24T08:15:00Z',
    ...override,
  }
  const report = sampleReport({ overrides: [decision] })
  const competency = report.grade.blocks[0].competencies[0]
  competency.criteria[1] = { ...competency.criteria[1], acquired: decision.acquired, override: decision }
  report.grade.acquiredCriteria = decision.acquired ? 2 : 1
  return report
}
