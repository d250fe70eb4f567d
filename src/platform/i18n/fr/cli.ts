// What the command line (src/main.ts) says to whoever installs and runs the conciergerie.
export const cli = {
  'cli.no_concierge': 'Aucun compte de concierge pour l’instant : créez le premier avec npm run create-admin -- --email=adresse@exemple.fr --name="Prénom Nom"',
  'cli.seed_refused':
    'La ville de démonstration ne se charge jamais en production (NODE_ENV=production) : ses comptes ont un mot de passe publié. Créez le premier concierge avec npm run create-admin -- --email=… --name=…',
  'cli.remove_login_code.usage': 'Indiquez l’adresse e-mail du compte : npm run remove-login-code -- --email=adresse@exemple.fr',
  'cli.remove_login_code.unknown': 'Aucun compte avec l’adresse {email} : rien n’a été changé.',
  'cli.remove_login_code.not_on': 'Le compte {email} ne demande pas de code à six chiffres : rien n’a été changé.',
  'cli.remove_login_code.done': 'Code de connexion retiré du compte de {name} ({email}) : ses sessions sont fermées et un courriel l’en prévient.',
  'cli.create_admin.usage': 'Indiquez l’adresse e-mail et le nom du concierge : npm run create-admin -- --email=adresse@exemple.fr --name="Prénom Nom"',
  'cli.create_admin.bad_email': 'L’adresse e-mail « {email} » n’est pas valable : rien n’a été créé.',
  'cli.create_admin.email_taken':
    'Un compte existe déjà avec l’adresse {email} : rien n’a été créé. S’il s’agit du vôtre, choisissez un nouveau mot de passe par « Mot de passe oublié » sur la page de connexion.',
  'cli.create_admin.done': 'Compte de concierge créé pour {name} ({email}), sans mot de passe.',
  'cli.create_admin.link': 'Pour choisir son mot de passe, ouvrez ce lien (il ne sert qu’une fois et reste valable jusqu’au {date}) :',
  'cli.create_admin.keep': 'Ce lien donne accès au compte : ne le transmettez qu’à son titulaire, par un moyen sûr. Il n’est affiché qu’ici et n’est enregistré nulle part.',
} as const;
