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
  'console.short.vnc': 'Écran',
  'console.short.serial': 'Série',
  'console.short.ssh': 'SSH',
  'consoles.title': 'Consoles',
  'consoles.none': 'Aucune machine de cet atelier n’a de console.',
  'consoles.tab': '{node} — {kind}',
  'consoles.connecting': 'Connexion…',
  'consoles.connected': 'Connecté',
  'consoles.retrying': 'Déconnecté — nouvelle tentative dans {seconds} s',
  'consoles.disconnected': 'Déconnecté',
  'consoles.stopped': 'Machine arrêtée',
  'consoles.stoppedHint': 'La machine {node} est arrêtée\u00a0: sa console n’est pas disponible. Démarrez-la avec le bouton «\u00a0Démarrer\u00a0» de l’atelier, puis revenez à cet onglet.',
  'consoles.readOnly': 'Lecture seule',
  'consoles.inControl': 'Vous avez la main',
  'consoles.reconnectNow': 'Reconnecter maintenant',
  'consoles.fullscreen': 'Plein écran',
  'consoles.exitFullscreen': 'Quitter le plein écran',
  'consoles.takeControl': 'Prendre la main',
  'consoles.releaseControl': 'Rendre la main',
  'consoles.confirmControl.title': 'Prendre la main sur {node}\u00a0?',
  'consoles.confirmControl.text': 'Vous pourrez agir sur la machine en même temps que le stagiaire. La prise de main est enregistrée.',
  'consoles.screen': 'Écran de {node}',
  'consoles.terminal': 'Terminal de {node}',
  'consoles.captureKeyboard': 'Capturer le clavier',
  'consoles.captureOff': 'Pour taper dans la machine, activez «\u00a0Capturer le clavier\u00a0» puis cliquez sur l’écran. Sans capture, Tab et Échap restent à la page.',
  'consoles.captureOn': 'Clavier capturé\u00a0: quand l’écran a le focus, toutes les touches, Tab et Échap compris, vont à la machine. Ctrl+Alt+Maj libère le clavier.',
  'consoles.clipboard': 'Presse-papiers',
  'consoles.clipboardHint': 'Le texte écrit ici est envoyé au presse-papiers de la machine\u00a0; le texte copié dans la machine s’affiche ici.',
  'consoles.screenReader': "Mode lecteur d'écran",
  'consoles.copyHint': 'Copier\u00a0: sélectionnez le texte (un clic droit sélectionne un mot) puis Ctrl+Maj+C. Coller\u00a0: Ctrl+Maj+V.',
  'consoles.error.script': 'Impossible de charger le client d’écran (guacamole-common-js).',
  'consoles.error.unreachable': 'La console de la machine ne répond pas.',
  'consoles.error.refused': 'Accès à la console refusé (ticket expiré ou déjà utilisé).',
  'consoles.error.remote': 'Erreur de la console distante (code {code}).',
  'consoles.error.closed': 'La connexion a été fermée.',
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
  'myLabs.intro': 'Les ateliers pratiques lancés pour vous ou par vous, avec leur état.',
  'myLabs.loading': 'Chargement des ateliers…',
  'myLabs.empty': "Aucun atelier pour l'instant. C'est votre formateur qui lance les ateliers de sa session\u00a0: ils apparaîtront ici dès qu'il l'aura fait. Vous pouvez aussi démarrer un atelier d'entraînement depuis le catalogue, sur la page d'un modèle marqué «\u00a0Entraînement\u00a0».",
  'myLabs.toCatalog': 'Parcourir le catalogue',
  'myLabs.count.one': '{n} atelier',
  'myLabs.count.other': '{n} ateliers',
  'myLabs.col.template': 'Modèle',
  'myLabs.col.trainee': 'Stagiaire',
  'myLabs.col.state': 'État',
  'myLabs.col.createdAt': 'Créé le',

  'labState.REQUESTED': 'Demandé',
  'labState.PROVISIONING': 'En préparation',
  'labState.READY': 'Prêt',
  'labState.STOPPED': 'Arrêté',
  'labState.SUBMITTED': 'Rendu',
  'labState.GRADED': 'Noté',
  'labState.FAILED': 'En échec',
  'labState.DESTROYED': 'Supprimé',
  'labState.EXPIRED': 'Expiré',

  'lab.back': 'Retour à mes ateliers',
  'lab.loading': "Chargement de l'atelier…",
  'lab.notFound': 'Atelier introuvable',
  'lab.notFoundText': "Cet atelier n'existe pas, a été supprimé, ou n'est pas visible avec votre compte.",
  'lab.state': 'État\u00a0:',
  'lab.progress': 'Les machines démarrent… environ une minute. Cette page se met à jour toute seule.',
  'lab.reason': 'Cause\u00a0:',
  'lab.refreshError': "La mise à jour automatique de l'état a échoué\u00a0: {message}. Nouvel essai dans quelques secondes.",
  'lab.template': 'Modèle',
  'lab.trainee': 'Stagiaire',
  'lab.createdBy': 'Lancé par',
  'lab.createdAt': 'Créé le',
  'lab.readyAt': 'Prêt depuis le',
  'lab.expiresAt': 'Expire le',
  'lab.credentials': 'Identifiants de connexion',
  'lab.credentialsIntro': 'Ce compte ouvre une session sur chaque machine de l’atelier.',
  'lab.user': 'Utilisateur',
  'lab.password': 'Mot de passe',
  'lab.passwordHidden': 'masqué',
  'lab.showPassword': 'Afficher le mot de passe',
  'lab.hidePassword': 'Masquer le mot de passe',
  'lab.noCredentials': 'Les identifiants ne sont pas disponibles pour votre compte.',
  'lab.parameters': "Paramètres de l'atelier",
  'lab.col.parameter': 'Paramètre',
  'lab.col.value': 'Valeur',
  'lab.machines': 'Machines',
  'lab.noMachines': 'Aucune machine.',
  'lab.col.running': 'En marche',
  'lab.col.labAddresses': 'Adresses dans l’atelier',
  'lab.col.management': 'Adresse de gestion',
  'lab.running.yes': 'Oui',
  'lab.running.no': 'Non',
  'lab.running.unknown': 'Inconnu',
  'lab.actions': 'Actions',
  'lab.noActions': 'Aucune action possible dans cet état.',
  'lab.stop': 'Arrêter',
  'lab.start': 'Démarrer',
  'lab.reset': 'Réinitialiser',
  'lab.delete': 'Supprimer',
  'lab.working': 'Opération en cours…',
  'lab.done.stop': 'Atelier arrêté.',
  'lab.done.start': 'Démarrage demandé.',
  'lab.done.reset': 'Réinitialisation demandée.',
  'lab.confirmReset.title': "Réinitialiser l'atelier\u00a0?",
  'lab.confirmReset.text': "Les disques reviennent à l'état initial, les modifications sont perdues.",
  'lab.confirmDelete.title': "Supprimer l'atelier\u00a0?",
  'lab.confirmDelete.text': 'Les machines et leurs disques sont supprimés définitivement, les modifications sont perdues.',
  'lab.confirmDelete.working': 'Suppression en cours… cela peut prendre une minute.',
  'progress.title': 'Tâches et progression',
  'progress.intro': 'Les tâches de l’atelier, dans l’ordre, avec le résultat de la dernière vérification.',
  'progress.noTasks': 'Cet atelier ne déclare aucune tâche.',
  'progress.verify': 'Vérifier',
  'progress.verifyHint': '«\u00a0Vérifier\u00a0» contrôle les machines et indique ce qui est réussi. Ce n’est pas noté\u00a0: seul le travail rendu compte.',
  'progress.verifying': 'Vérification en cours… cela peut prendre une demi-minute.',
  'progress.verified': 'Vérification terminée\u00a0: {result}.',
  'progress.loading': 'Chargement de la dernière vérification…',
  'progress.empty': 'Pas encore de vérification\u00a0: cliquez sur Vérifier quand vous pensez avoir terminé une tâche.',
  'progress.emptyWatch': 'Pas encore de vérification pour cet atelier.',
  'progress.lastVerification': 'Dernière vérification le {at}',
  'progress.passed.one': '{n} tâche sur {total} réussie',
  'progress.passed.other': '{n} tâches sur {total} réussies',
  'progress.wait': 'Patientez {seconds} s avant une nouvelle vérification.',
  'progress.refused': 'Action refusée',
  'task.passed': 'Réussie',
  'task.notYet': 'Pas encore réussie',
  'task.checks': 'Vérifications de la tâche «\u00a0{title}\u00a0»',
  'task.start': 'Commencer cette tâche',
  'task.confirmStart.title': 'Commencer la tâche «\u00a0{title}\u00a0»\u00a0?',
  'task.confirmStart.text': 'La plateforme va mettre en place la situation de départ de cette tâche. Continuer\u00a0?',
  'task.confirmStart.confirm': 'Commencer',
  'task.starting': 'Mise en place de la situation de départ…',
  'task.started': 'Tâche «\u00a0{title}\u00a0» commencée à {time}.',
  'task.startedAt': 'Commencée à {time}',
  'task.notStarted': 'Pas encore commencée',
  'verdict.PASS': 'Réussi',
  'verdict.FAIL': 'À revoir',
  'verdict.ERROR': 'Non vérifiable',
  'submit.button': 'Rendre mon travail',
  'submit.hint': 'Quand vous avez terminé, rendez votre travail\u00a0: la plateforme fait la vérification finale et calcule la note.',
  'submit.confirm.title': 'Rendre votre travail\u00a0?',
  'submit.confirm.text': 'Après le rendu, vos machines restent consultables mais la note est définitive.',
  'submit.confirm.confirm': 'Rendre',
  'submit.working': 'Rendu en cours… la vérification finale peut prendre une demi-minute.',
  'submit.done': 'Travail rendu.',
  'submission.summary': 'Travail rendu le {at} — {criteria}',
  'submission.criteria.one': '{n} critère acquis sur {total}',
  'submission.criteria.other': '{n} critères acquis sur {total}',
  'submission.points': 'Points',
  'submission.pointsValue': '{points} sur {max}',
  'submission.by': 'Rendu par',
  'submission.hash': 'Empreinte du rendu',
  'submission.loading': 'Chargement du travail rendu…',
  'submission.none': 'Aucun travail rendu n’est enregistré pour cet atelier.',
  'cancel': 'Annuler',

  'launch.title': 'Lancer pour un stagiaire',
  'launch.trainee': 'Identifiant du stagiaire',
  'launch.traineeHint': 'Son nom d’utilisateur, par exemple «\u00a0stagiaire1\u00a0».',
  'launch.traineeRequired': "Indiquez l'identifiant du stagiaire.",
  'launch.submit': "Lancer l'atelier",
  'launch.working': 'Lancement en cours…',
  'practice.title': "S'entraîner",
  'practice.text': 'Ce modèle est ouvert à l’entraînement\u00a0: vous pouvez démarrer votre propre atelier.',
  'practice.button': "S'entraîner",
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
  'console.short.vnc': 'Screen',
  'console.short.serial': 'Serial',
  'console.short.ssh': 'SSH',
  'consoles.title': 'Consoles',
  'consoles.none': 'No machine of this lab has a console.',
  'consoles.tab': '{node} — {kind}',
  'consoles.connecting': 'Connecting…',
  'consoles.connected': 'Connected',
  'consoles.retrying': 'Disconnected — retrying in {seconds} s',
  'consoles.disconnected': 'Disconnected',
  'consoles.stopped': 'Machine stopped',
  'consoles.stoppedHint': 'The machine {node} is stopped: its console is not available. Start it with the lab’s “Start” button, then come back to this tab.',
  'consoles.readOnly': 'Read only',
  'consoles.inControl': 'You have control',
  'consoles.reconnectNow': 'Reconnect now',
  'consoles.fullscreen': 'Full screen',
  'consoles.exitFullscreen': 'Exit full screen',
  'consoles.takeControl': 'Take control',
  'consoles.releaseControl': 'Give control back',
  'consoles.confirmControl.title': 'Take control of {node}?',
  'consoles.confirmControl.text': 'You will be able to act on the machine at the same time as the trainee. Taking control is logged.',
  'consoles.screen': 'Screen of {node}',
  'consoles.terminal': 'Terminal of {node}',
  'consoles.captureKeyboard': 'Capture the keyboard',
  'consoles.captureOff': 'To type in the machine, turn on “Capture the keyboard” then click the screen. Without capture, Tab and Escape stay with the page.',
  'consoles.captureOn': 'Keyboard captured: while the screen has the focus, every key, Tab and Escape included, goes to the machine. Ctrl+Alt+Shift releases the keyboard.',
  'consoles.clipboard': 'Clipboard',
  'consoles.clipboardHint': 'Text written here is sent to the machine’s clipboard; text copied in the machine shows here.',
  'consoles.screenReader': 'Screen reader mode',
  'consoles.copyHint': 'Copy: select the text (a right click selects a word) then Ctrl+Shift+C. Paste: Ctrl+Shift+V.',
  'consoles.error.script': 'The screen client (guacamole-common-js) could not be loaded.',
  'consoles.error.unreachable': 'The machine’s console does not answer.',
  'consoles.error.refused': 'Access to the console refused (ticket expired or already used).',
  'consoles.error.remote': 'Remote console error (code {code}).',
  'consoles.error.closed': 'The connection was closed.',
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
  'myLabs.intro': 'The hands-on labs started for you or by you, with their state.',
  'myLabs.loading': 'Loading the labs…',
  'myLabs.empty': 'No lab yet. Your trainer starts the labs of their session: they will appear here as soon as they do. You can also start a practice lab from the catalog, on the page of a template marked “Practice”.',
  'myLabs.toCatalog': 'Browse the catalog',
  'myLabs.count.one': '{n} lab',
  'myLabs.count.other': '{n} labs',
  'myLabs.col.template': 'Template',
  'myLabs.col.trainee': 'Trainee',
  'myLabs.col.state': 'State',
  'myLabs.col.createdAt': 'Created',

  'labState.REQUESTED': 'Requested',
  'labState.PROVISIONING': 'Preparing',
  'labState.READY': 'Ready',
  'labState.STOPPED': 'Stopped',
  'labState.SUBMITTED': 'Submitted',
  'labState.GRADED': 'Graded',
  'labState.FAILED': 'Failed',
  'labState.DESTROYED': 'Deleted',
  'labState.EXPIRED': 'Expired',

  'lab.back': 'Back to my labs',
  'lab.loading': 'Loading the lab…',
  'lab.notFound': 'Lab not found',
  'lab.notFoundText': 'This lab does not exist, was deleted, or is not visible to your account.',
  'lab.state': 'State:',
  'lab.progress': 'The machines are starting… about one minute. This page updates by itself.',
  'lab.reason': 'Reason:',
  'lab.refreshError': 'Refreshing the state failed: {message}. Trying again in a few seconds.',
  'lab.template': 'Template',
  'lab.trainee': 'Trainee',
  'lab.createdBy': 'Started by',
  'lab.createdAt': 'Created',
  'lab.readyAt': 'Ready since',
  'lab.expiresAt': 'Expires',
  'lab.credentials': 'Sign-in credentials',
  'lab.credentialsIntro': 'This account signs in on every machine of the lab.',
  'lab.user': 'User',
  'lab.password': 'Password',
  'lab.passwordHidden': 'hidden',
  'lab.showPassword': 'Show the password',
  'lab.hidePassword': 'Hide the password',
  'lab.noCredentials': 'The credentials are not available to your account.',
  'lab.parameters': 'Lab parameters',
  'lab.col.parameter': 'Parameter',
  'lab.col.value': 'Value',
  'lab.machines': 'Machines',
  'lab.noMachines': 'No machine.',
  'lab.col.running': 'Running',
  'lab.col.labAddresses': 'Lab addresses',
  'lab.col.management': 'Management address',
  'lab.running.yes': 'Yes',
  'lab.running.no': 'No',
  'lab.running.unknown': 'Unknown',
  'lab.actions': 'Actions',
  'lab.noActions': 'No action is possible in this state.',
  'lab.stop': 'Stop',
  'lab.start': 'Start',
  'lab.reset': 'Reset',
  'lab.delete': 'Delete',
  'lab.working': 'Working…',
  'lab.done.stop': 'Lab stopped.',
  'lab.done.start': 'Start requested.',
  'lab.done.reset': 'Reset requested.',
  'lab.confirmReset.title': 'Reset the lab?',
  'lab.confirmReset.text': 'The disks go back to their initial state; changes are lost.',
  'lab.confirmDelete.title': 'Delete the lab?',
  'lab.confirmDelete.text': 'The machines and their disks are deleted for good; changes are lost.',
  'lab.confirmDelete.working': 'Deleting… this may take a minute.',
  'progress.title': 'Tasks and progress',
  'progress.intro': 'The lab’s tasks, in order, with the result of the last verification.',
  'progress.noTasks': 'This lab declares no task.',
  'progress.verify': 'Verify',
  'progress.verifyHint': '“Verify” checks the machines and shows what passes. It is not graded: only the submitted work counts.',
  'progress.verifying': 'Verifying… this may take half a minute.',
  'progress.verified': 'Verification done: {result}.',
  'progress.loading': 'Loading the last verification…',
  'progress.empty': 'No verification yet: click Verify when you think you have finished a task.',
  'progress.emptyWatch': 'No verification of this lab yet.',
  'progress.lastVerification': 'Last verified on {at}',
  'progress.passed.one': '{n} of {total} tasks passed',
  'progress.passed.other': '{n} of {total} tasks passed',
  'progress.wait': 'Wait {seconds} s before verifying again.',
  'progress.refused': 'Action refused',
  'task.passed': 'Passed',
  'task.notYet': 'Not passed yet',
  'task.checks': 'Checks of the task “{title}”',
  'task.start': 'Start this task',
  'task.confirmStart.title': 'Start the task “{title}”?',
  'task.confirmStart.text': 'The platform will set up the starting situation of this task. Continue?',
  'task.confirmStart.confirm': 'Start',
  'task.starting': 'Setting up the starting situation…',
  'task.started': 'Task “{title}” started at {time}.',
  'task.startedAt': 'Started at {time}',
  'task.notStarted': 'Not started yet',
  'verdict.PASS': 'Passed',
  'verdict.FAIL': 'Needs work',
  'verdict.ERROR': 'Could not be checked',
  'submit.button': 'Submit my work',
  'submit.hint': 'When you are done, submit your work: the platform runs the final verification and computes the grade.',
  'submit.confirm.title': 'Submit your work?',
  'submit.confirm.text': 'After submitting, your machines stay available to look at, but the grade is final.',
  'submit.confirm.confirm': 'Submit',
  'submit.working': 'Submitting… the final verification may take half a minute.',
  'submit.done': 'Work submitted.',
  'submission.summary': 'Work submitted on {at} — {criteria}',
  'submission.criteria.one': '{n} of {total} criteria acquired',
  'submission.criteria.other': '{n} of {total} criteria acquired',
  'submission.points': 'Points',
  'submission.pointsValue': '{points} of {max}',
  'submission.by': 'Submitted by',
  'submission.hash': 'Submission fingerprint',
  'submission.loading': 'Loading the submitted work…',
  'submission.none': 'No submitted work is recorded for this lab.',
  'cancel': 'Cancel',

  'launch.title': 'Start for a trainee',
  'launch.trainee': 'Trainee user name',
  'launch.traineeHint': 'Their user name, for example “stagiaire1”.',
  'launch.traineeRequired': 'Enter the trainee’s user name.',
  'launch.submit': 'Start the lab',
  'launch.working': 'Starting…',
  'practice.title': 'Practice',
  'practice.text': 'This template is open for practice: you can start your own lab.',
  'practice.button': 'Practice',
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

/**
 * "{n} machine(s)" with the language's plural rules (French: 0 and 1 are singular);
 * `params` fills the text's other placeholders ("{n} tâches sur {total}").
 */
export function plural(lang: Lang, base: string, n: number, params?: Params): string {
  const category = new Intl.PluralRules(lang).select(n) === 'one' ? 'one' : 'other'
  return translate(lang, `${base}.${category}` as Key, { ...params, n: formatNumber(n, lang) })
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

/** The time of day only: "14:05". */
export function formatTime(iso: string, lang: Lang): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { hour: '2-digit', minute: '2-digit' }).format(date)
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
  n: (base: string, count: number, params?: Params) => string
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
      n: (base, count, params) => plural(lang, base, count, params),
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
