/** The session page's network identity card: the proxy and the exit IP (README, "Account safety"). */

export const en = {
  'network.title': 'Network identity',
  'network.intro':
    'Where LinkedIn sees this account come from. Runs, session checks and page checks go through the proxy when one is set; before each run the browser reads its exit IP.',
  'network.exitIp': 'Exit IP',
  'network.exitIpRead': 'read {time}',
  'network.exitIpNone': 'Not read yet: the next run reads it.',
  'network.exitIpChanged':
    'The exit IP changed: the run before came from {previous} ({time}). LinkedIn saw this account move to another address.',
  'network.proxyUrl': 'Proxy',
  'network.proxyUrlHint':
    'http://host:port, https://host:port or socks5://host:port. SOCKS only without username and password: Chromium cannot authenticate to it. Empty: no proxy.',
  'network.username': 'Proxy username',
  'network.password': 'Proxy password',
  'network.passwordSet': 'A password is stored (never shown): leave empty to keep it, or type a new one.',
  'network.passwordNotSet': 'No password stored.',
  'network.clearPassword': 'Clear password',
  'network.passwordCleared': 'Proxy password cleared',
  'network.ipCheckUrl': 'IP check URL',
  'network.ipCheckUrlHint':
    'Opened by the browser (through the proxy) before each run; it answers {"ip":"…"} or the address as text. Through a proxy, a run that cannot read it stops before LinkedIn.',
  'network.save': 'Save network settings',
  'network.saved': 'Network settings saved',
} as const;

export const fr: Record<keyof typeof en, string> = {
  'network.title': 'Identité réseau',
  'network.intro':
    "D'où LinkedIn voit venir ce compte. Les exécutions, les vérifications de session et de pages passent par le proxy s'il y en a un ; avant chaque exécution, le navigateur lit son IP de sortie.",
  'network.exitIp': 'IP de sortie',
  'network.exitIpRead': 'lue {time}',
  'network.exitIpNone': 'Pas encore lue : la prochaine exécution la lira.',
  'network.exitIpChanged':
    "L'IP de sortie a changé : l'exécution précédente venait de {previous} ({time}). LinkedIn a vu ce compte changer d'adresse.",
  'network.proxyUrl': 'Proxy',
  'network.proxyUrlHint':
    "http://hôte:port, https://hôte:port ou socks5://hôte:port. SOCKS uniquement sans identifiant ni mot de passe : Chromium ne sait pas s'y authentifier. Vide : pas de proxy.",
  'network.username': 'Identifiant du proxy',
  'network.password': 'Mot de passe du proxy',
  'network.passwordSet':
    'Un mot de passe est enregistré (jamais affiché) : laissez vide pour le garder, ou saisissez-en un nouveau.',
  'network.passwordNotSet': 'Aucun mot de passe enregistré.',
  'network.clearPassword': 'Effacer le mot de passe',
  'network.passwordCleared': 'Mot de passe du proxy effacé',
  'network.ipCheckUrl': "URL de vérification de l'IP",
  'network.ipCheckUrlHint':
    'Ouverte par le navigateur (via le proxy) avant chaque exécution ; elle répond {"ip":"…"} ou l\'adresse en texte. Avec un proxy, une exécution qui ne peut pas la lire s\'arrête avant LinkedIn.',
  'network.save': 'Enregistrer les réglages réseau',
  'network.saved': 'Réglages réseau enregistrés',
};
