import { createContext, createElement, useCallback, useContext, useEffect, useMemo, useState } from 'react'
import type { ReactNode } from 'react'

export type Lang = 'fr' | 'en'
export const LANGS: Lang[] = ['fr', 'en']

/** A text as the API sends it: French always, English optional. */
export type Localized = { fr: string; en?: string | null }

const fr = {
  'app.name': 'Atelier',
  'skip': 'Aller au contenu',
  'nav.label': 'Navigation principale',
  'nav.catalog': 'Catalogue',
  'nav.myLabs': 'Mes ateliers',
  'nav.sessions': 'Sessions',
  'nav.validation': 'Validation',
  'nav.admin': 'Administration',
  'lang.label': 'Langue',
  'logout': 'Se déconnecter',
  'user.label': 'Connecté en tant que',
  'role.trainee': 'Stagiaire',
  'role.trainer': 'Formateur',
  'role.validator': 'Validateur',
  'role.admin': 'Administrateur',

  'loading': 'Chargement…',
  'retry': 'Réessayer',
  'error.title': 'Une erreur est survenue',
  'error.0': 'Le serveur ne répond pas. Vérifiez votre connexion puis réessayez.',
  'error.401': 'Votre session a expiré. Rechargez la page pour vous reconnecter.',
  'error.403': "Vous n'avez pas les droits nécessaires pour cette action.",
  'error.404': 'Élément introuvable.',
  'error.other': 'Le serveur a renvoyé une erreur.',
  'error.detail': 'Détail\u00a0:',
  'boot.error': "Impossible de démarrer Atelier",

  'catalog.title': 'Catalogue des ateliers',
  'catalog.intro': 'Les modèles d’ateliers pratiques publiés sur cette plateforme, avec les critères de compétence qu’ils permettent de vérifier.',
  'catalog.loading': 'Chargement du catalogue…',
  'catalog.empty': "Aucun modèle d'atelier n'est encore publié. Les modèles apparaîtront ici dès qu'un administrateur les aura ajoutés au catalogue.",
  'catalog.emptyFiltered': 'Aucun modèle pour ce référentiel.',
  'catalog.filter': 'Référentiel',
  'catalog.filterAll': 'Tous les référentiels',
  'catalog.count.one': '{n} modèle',
  'catalog.count.other': '{n} modèles',
  'catalog.details': 'Voir le détail',

  'facts.referential': 'Référentiel',
  'facts.duration': 'Durée',
  'facts.machines': 'Machines',
  'facts.tasks': 'Tâches',
  'facts.points': 'Barème',
  'facts.practice': 'Entraînement',
  'facts.tags': 'Mots-clés',
  'machines.one': '{n} machine',
  'machines.other': '{n} machines',
  'tasks.one': '{n} tâche',
  'tasks.other': '{n} tâches',
  'points.one': '{n} point',
  'points.other': '{n} points',
  'checks.one': '{n} vérification',
  'checks.other': '{n} vérifications',
  'criteria.title': 'Critères couverts',
  'criteria.none': 'Aucun critère de référentiel associé.',

  'template.back': 'Retour au catalogue',
  'template.loading': 'Chargement du modèle…',
  'template.notFound': 'Modèle introuvable',
  'template.notFoundText': "Ce modèle d'atelier n'existe pas ou n'est plus publié.",
  'template.networks': 'Réseaux',
  'template.noNetworks': 'Aucun réseau déclaré.',
  'template.machines': 'Machines',
  'template.tasks': 'Tâches',
  'template.noTasks': 'Aucune tâche déclarée.',
  'template.checksOf': 'Vérifications de la tâche « {title} »',
  'col.name': 'Nom',
  'col.cidr': 'Plage d’adresses',
  'col.gateway': 'Passerelle',
  'col.description': 'Description',
  'col.image': 'Image',
  'col.memory': 'Mémoire',
  'col.cpus': 'Processeurs',
  'col.consoles': 'Consoles',
  'col.addresses': 'Adresses',
  'col.check': 'Vérification',
  'col.criteria': 'Critères',
  'col.points': 'Points',
  'memory': '{n} Mio',
  'console.vnc': 'Écran (VNC)',
  'console.serial': 'Console série',
  'console.ssh': 'SSH',
  'none': '—',

  'admin.title': 'Administration',
  'admin.intro': 'État du catalogue tel que le serveur l’a lu dans les fichiers de modèles.',
  'admin.loading': 'Chargement du rapport…',
  'admin.loadedAt': 'Dernière lecture des fichiers\u00a0:',
  'admin.templates': 'Modèles chargés',
  'admin.noTemplates': 'Aucun modèle chargé.',
  'admin.problems': 'Problèmes',
  'admin.noProblems': 'Aucun problème détecté dans les fichiers de modèles.',
  'admin.col.location': 'Fichier',
  'admin.col.path': 'Emplacement',
  'admin.col.message': 'Message',
  'admin.reload': 'Relire les modèles',
  'admin.reloading': 'Relecture en cours…',
  'admin.reloaded': 'Modèles relus\u00a0: {templates}, {problems}.',
  'admin.templates.one': '{n} modèle chargé',
  'admin.templates.other': '{n} modèles chargés',
  'admin.problems.one': '{n} problème',
  'admin.problems.other': '{n} problèmes',

  'myLabs.title': 'Mes ateliers',
  'myLabs.empty': "Aucun atelier pour l'instant. Votre formateur vous inscrira à une session ; vos ateliers apparaîtront ici.",
  'sessions.title': 'Sessions',
  'sessions.empty': "Aucune session pour l'instant. Vous pourrez bientôt créer ici une session à partir d'un modèle du catalogue, y inscrire vos stagiaires et suivre leur avancement.",
  'validation.title': 'Validation',
  'validation.empty': "Aucun résultat à valider pour l'instant. Les ateliers terminés par les stagiaires apparaîtront ici pour que vous puissiez vérifier et valider les critères évalués.",
  'soon': 'Cette page est en cours de construction.',

  'forbidden.title': 'Accès réservé',
  'forbidden.text': "Cette page est réservée à un autre rôle que le vôtre. Si vous pensez que c'est une erreur, contactez l'administrateur de la plateforme.",
  'notFound.title': 'Page introuvable',
  'notFound.text': "L'adresse demandée ne correspond à aucune page d'Atelier.",
  'notFound.home': 'Aller au catalogue',
}

export type Key = keyof typeof fr

const en: Record<Key, string> = {
  'app.name': 'Atelier',
  'skip': 'Skip to content',
  'nav.label': 'Main navigation',
  'nav.catalog': 'Catalog',
  'nav.myLabs': 'My labs',
  'nav.sessions': 'Sessions',
  'nav.validation': 'Validation',
  'nav.admin': 'Administration',
  'lang.label': 'Language',
  'logout': 'Log out',
  'user.label': 'Signed in as',
  'role.trainee': 'Trainee',
  'role.trainer': 'Trainer',
  'role.validator': 'Validator',
  'role.admin': 'Administrator',

  'loading': 'Loading…',
  'retry': 'Try again',
  'error.title': 'Something went wrong',
  'error.0': 'The server is not responding. Check your connection and try again.',
  'error.401': 'Your session has expired. Reload the page to sign in again.',
  'error.403': 'You do not have the rights needed for this action.',
  'error.404': 'Not found.',
  'error.other': 'The server returned an error.',
  'error.detail': 'Details:',
  'boot.error': 'Atelier could not start',

  'catalog.title': 'Lab catalog',
  'catalog.intro': 'The hands-on lab templates published on this platform, with the competency criteria they can check.',
  'catalog.loading': 'Loading the catalog…',
  'catalog.empty': 'No lab template has been published yet. Templates will appear here as soon as an administrator adds them to the catalog.',
  'catalog.emptyFiltered': 'No template for this referential.',
  'catalog.filter': 'Referential',
  'catalog.filterAll': 'All referentials',
  'catalog.count.one': '{n} template',
  'catalog.count.other': '{n} templates',
  'catalog.details': 'View details',

  'facts.referential': 'Referential',
  'facts.duration': 'Duration',
  'facts.machines': 'Machines',
  'facts.tasks': 'Tasks',
  'facts.points': 'Points',
  'facts.practice': 'Practice',
  'facts.tags': 'Tags',
  'machines.one': '{n} machine',
  'machines.other': '{n} machines',
  'tasks.one': '{n} task',
  'tasks.other': '{n} tasks',
  'points.one': '{n} point',
  'points.other': '{n} points',
  'checks.one': '{n} check',
  'checks.other': '{n} checks',
  'criteria.title': 'Criteria covered',
  'criteria.none': 'No referential criterion attached.',

  'template.back': 'Back to the catalog',
  'template.loading': 'Loading the template…',
  'template.notFound': 'Template not found',
  'template.notFoundText': 'This lab template does not exist or is no longer published.',
  'template.networks': 'Networks',
  'template.noNetworks': 'No network declared.',
  'template.machines': 'Machines',
  'template.tasks': 'Tasks',
  'template.noTasks': 'No task declared.',
  'template.checksOf': 'Checks of the task “{title}”',
  'col.name': 'Name',
  'col.cidr': 'Address range',
  'col.gateway': 'Gateway',
  'col.description': 'Description',
  'col.image': 'Image',
  'col.memory': 'Memory',
  'col.cpus': 'CPUs',
  'col.consoles': 'Consoles',
  'col.addresses': 'Addresses',
  'col.check': 'Check',
  'col.criteria': 'Criteria',
  'col.points': 'Points',
  'memory': '{n} MiB',
  'console.vnc': 'Screen (VNC)',
  'console.serial': 'Serial console',
  'console.ssh': 'SSH',
  'none': '—',

  'admin.title': 'Administration',
  'admin.intro': 'State of the catalog as the server read it from the template files.',
  'admin.loading': 'Loading the report…',
  'admin.loadedAt': 'Files last read:',
  'admin.templates': 'Loaded templates',
  'admin.noTemplates': 'No template loaded.',
  'admin.problems': 'Problems',
  'admin.noProblems': 'No problem found in the template files.',
  'admin.col.location': 'File',
  'admin.col.path': 'Location',
  'admin.col.message': 'Message',
  'admin.reload': 'Reload templates',
  'admin.reloading': 'Reloading…',
  'admin.reloaded': 'Templates reloaded: {templates}, {problems}.',
  'admin.templates.one': '{n} template loaded',
  'admin.templates.other': '{n} templates loaded',
  'admin.problems.one': '{n} problem',
  'admin.problems.other': '{n} problems',

  'myLabs.title': 'My labs',
  'myLabs.empty': 'No lab yet. Your trainer will enrol you in a session; your labs will appear here.',
  'sessions.title': 'Sessions',
  'sessions.empty': 'No session yet. Soon you will be able to create a session here from a catalog template, enrol your trainees and follow their progress.',
  'validation.title': 'Validation',
  'validation.empty': 'Nothing to validate yet. Labs completed by trainees will appear here so that you can review and validate the assessed criteria.',
  'soon': 'This page is under construction.',

  'forbidden.title': 'Restricted access',
  'forbidden.text': 'This page is reserved for another role than yours. If you think this is a mistake, contact the platform administrator.',
  'notFound.title': 'Page not found',
  'notFound.text': 'The requested address does not match any Atelier page.',
  'notFound.home': 'Go to the catalog',
}

const dictionaries: Record<Lang, Record<Key, string>> = { fr, en }
const STORAGE_KEY = 'atelier.lang'

export type Params = Record<string, string | number>

/** Translates a key, replacing `{name}` placeholders. */
export function translate(lang: Lang, key: Key, params?: Params): string {
  const text = dictionaries[lang][key] ?? fr[key]
  return params ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m)) : text
}

/** Picks the text in the wanted language, falling back to French when missing. */
export function pick(text: Localized | null | undefined, lang: Lang): string {
  if (!text) return ''
  const wanted = lang === 'en' ? text.en : text.fr
  return wanted && wanted.trim() !== '' ? wanted : text.fr
}

export function formatNumber(n: number, lang: Lang): string {
  return new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: 2 }).format(n)
}

/** "{n} machine(s)" with the language's plural rules (French: 0 and 1 are singular). */
export function plural(lang: Lang, base: string, n: number): string {
  const category = new Intl.PluralRules(lang).select(n) === 'one' ? 'one' : 'other'
  return translate(lang, `${base}.${category}` as Key, { n: formatNumber(n, lang) })
}

/** 90 → "1 h 30" (fr) / "1 h 30 min" (en); 45 → "45 min"; 120 → "2 h". */
export function formatDuration(minutes: number, lang: Lang): string {
  const total = Math.max(0, Math.round(minutes))
  const h = Math.floor(total / 60)
  const m = total % 60
  if (h === 0) return `${m} min`
  if (m === 0) return `${h} h`
  return lang === 'fr' ? `${h} h ${String(m).padStart(2, '0')}` : `${h} h ${m} min`
}

export function formatDateTime(iso: string, lang: Lang): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'long', timeStyle: 'short' }).format(date)
}

export function storedLang(): Lang {
  try {
    const value = localStorage.getItem(STORAGE_KEY)
    return value === 'en' || value === 'fr' ? value : 'fr'
  } catch {
    return 'fr'
  }
}

type I18n = {
  lang: Lang
  setLang: (lang: Lang) => void
  t: (key: Key, params?: Params) => string
  l: (text: Localized | null | undefined) => string
  n: (base: string, count: number) => string
}

const I18nContext = createContext<I18n | null>(null)

export function I18nProvider({ children, initialLang }: { children: ReactNode; initialLang?: Lang }) {
  const [lang, setLangState] = useState<Lang>(() => initialLang ?? storedLang())

  useEffect(() => {
    document.documentElement.lang = lang
  }, [lang])

  const setLang = useCallback((next: Lang) => {
    setLangState(next)
    try {
      localStorage.setItem(STORAGE_KEY, next)
    } catch {
      // Storage may be disabled: the choice then lasts for this visit only.
    }
  }, [])

  const value = useMemo<I18n>(
    () => ({
      lang,
      setLang,
      t: (key, params) => translate(lang, key, params),
      l: (text) => pick(text, lang),
      n: (base, count) => plural(lang, base, count),
    }),
    [lang, setLang],
  )
  return createElement(I18nContext.Provider, { value }, children)
}

export function useI18n(): I18n {
  const value = useContext(I18nContext)
  if (!value) throw new Error('useI18n must be used inside <I18nProvider>')
  return value
}
