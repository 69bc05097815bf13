# Maillage: texts with values (numbers, names, dates), French. The code formats them with
# `i18n::text` / `tr!`; plurals and numbers are Fluent's work.

## How this language writes numbers and dates.
number-decimal = ,
number-group = {"\u202F"}
month-1 = janvier
month-2 = février
month-3 = mars
month-4 = avril
month-5 = mai
month-6 = juin
month-7 = juillet
month-8 = août
month-9 = septembre
month-10 = octobre
month-11 = novembre
month-12 = décembre
long-date = { $day } { $month } { $year }
# Between a label and its value ("Niveau : régional").
colon = {" "}:{" "}
# Between items of a list of problems.
list-separator = {" "};{" "}
quoted = « { $text } »

## What is wrong with a field of input.
problem-required = ce champ est obligatoire
problem-too-long = trop long (au plus { $max } caractères)
problem-too-short = trop court (au moins { $min } caractères)
problem-control-characters = contient des caractères de contrôle
problem-unknown = { $what ->
        [level] niveau inconnu
        [kind] type d'acteur inconnu
        [sector] secteur inconnu
        [link_type] type de lien inconnu
        [territory] territoire inconnu
        [format] format inconnu
        [body] instance de coordination inconnue
        [phase] code de phase inconnu
        [choice] choix inconnu
        [legal_basis] base légale inconnue
       *[other] valeur inconnue
    } « { $value } » ; valeurs attendues : { $expected }
problem-ambiguous = « { $value } » est ambigu : { $candidates } ; précisez (code ou nom complet)
problem-out-of-range = « { $value } » hors limites : un nombre entier de { $min } à { $max }
problem-not-an-integer = « { $value } » n'est pas un nombre entier
problem-invalid-email = « { $value } » n'est pas une adresse courriel (nom@domaine.be)
problem-invalid-phone = « { $value } » n'est pas un numéro de téléphone (chiffres, espaces, + / . -)
problem-invalid-url = « { $value } » n'est pas une adresse web (https://…)
problem-invalid-date = « { $value } » n'est pas une date (AAAA-MM-JJ ou JJ/MM/AAAA)
problem-invalid-bool = « { $value } » : répondez oui/non (ou 1/0, formel/informel)
problem-wrong-password = ce n'est pas votre mot de passe actuel
problem-invalid-provenance = « { $value } » : provenance attendue manual, import:<fichier>, meeting:<réunion> ou observed:<description> (survey:… est réservé aux enquêtes)
problem-more-errors = { $count ->
        [one] … et un autre problème : corrigez d'abord ceux-ci, puis importez à nouveau
       *[other] … et { $count } autres problèmes : corrigez d'abord ceux-ci, puis importez à nouveau
    }
problem-too-many-rows = le fichier dépasse { $max } lignes de données : découpez-le en plusieurs fichiers
problem-too-many-items = au plus { $max } entrées
problem-repeated = « { $value } » figure deux fois
problem-wrong-code = ce code n'est pas le bon, ou a déjà servi ; prenez le code affiché maintenant
problem-expired = délai dépassé ; recommencez la connexion
problem-bad-credentials = adresse ou mot de passe incorrect
problem-date-order = la date de fin précède la date de début
problem-unknown-stakeholder = aucun acteur ne porte le nom ou le sigle « { $value } »
problem-self-link = un lien relie deux acteurs différents
problem-duplicate-in-file = doublon de la ligne { $line }
problem-unknown-column = colonne inconnue « { $value } » ; colonnes reconnues : { $expected }
problem-missing-column = colonne obligatoire absente de l'en-tête
problem-duplicate-column = colonne présente deux fois dans l'en-tête
problem-wrong-field-count = { $found ->
        [0] aucun champ au lieu de { $expected }
        [one] un champ au lieu de { $expected }
       *[other] { $found } champs au lieu de { $expected }
    }
problem-unreadable = fichier illisible : { $detail }
problem-empty = le fichier est vide
problem-invalid-code = « { $value } » : un code s'écrit en lettres minuscules sans accent, chiffres et _ (au plus 40)
problem-invalid-ins = « { $value } » n'est pas un code INS (cinq chiffres)
problem-not-a-commune = « { $value } » n'est pas une commune
problem-ins-taken = le code INS { $value } est déjà celui d'un autre territoire
problem-too-few-communes = une fusion réunit au moins deux communes
problem-other-province = « { $value } » est dans une autre province : une fusion se fait au sein d'une province
ref-merged = { $communes ->
        [one] Une commune fusionnée
       *[other] { $communes } communes fusionnées
    } dans { $name } : { $stakeholders ->
        [0] aucun acteur déplacé
        [one] un acteur déplacé
       *[other] { $stakeholders } acteurs déplacés
    }, { $bodies ->
        [0] aucune instance
        [one] une instance
       *[other] { $bodies } instances
    }.

## The respondent's privacy notice and the analysis' note on sampling.
privacy-notice = Protection des données. Les données de votre organisation et de ses personnes de contact sont tenues par l'équipe de coordination du projet OIM / SPW IAS d'accueil des personnes déplacées d'Ukraine, pour cartographier les acteurs et leurs liens et concevoir un mécanisme de coordination. Base légale : mission d'intérêt public (RGPD, art. 6.1.e), ou votre consentement lorsqu'il a été demandé. Les coordonnées des personnes de contact sont conservées { $months } mois après leur dernière confirmation, puis revues ou effacées ; vos réponses servent aux analyses du projet et ne sont montrées aux membres du comité de pilotage que sans données personnelles. Vous pouvez demander l'accès à vos données, leur rectification, leur effacement ou vous opposer à leur traitement en écrivant à l'équipe qui vous a envoyé ce lien, et introduire une plainte auprès de l'Autorité de protection des données (www.autoriteprotectiondonnees.be).
sampling-note = Réseau étendu : intermédiarité et proximité estimées à partir de { $sources } des { $nodes } acteurs pris comme points de départ (marge d'erreur à 95 % : ±{ $betweenness } pour l'intermédiarité, ±{ $closeness } pour la proximité). Le calcul exact : « maillage analyse --exact ».

## Where in a file.
at-line = ligne { $line } : { $text }
at-line-column = ligne { $line }, colonne { $column } : { $text }

## Territories.
territory-region = Wallonie
territory-province = Province de { $name }
territory-arrondissement = Arrondissement de { $name }
territory-commune = { $name }

## Errors said to the person.
error-unauthenticated = Connectez-vous pour accéder à cette page.
error-forbidden = Votre rôle ne permet pas cette action ; demandez-la à un administrateur.
error-cross-site = Requête refusée : elle ne vient pas d'une page de Maillage, ou la page a expiré. Rechargez la page et recommencez.
error-too-many-attempts = Trop de tentatives ; réessayez dans { $seconds } s.
error-storage = La base de données ne peut pas enregistrer pour le moment (disque plein ou serveur indisponible) : rien n'a été enregistré. Réessayez dans un moment ; l'incident est consigné.
error-unconfirmed = La base de données n'a pas confirmé l'enregistrement (disque plein ou serveur indisponible) : vérifiez si la modification apparaît avant de recommencer.
error-internal = Erreur interne ; elle a été consignée dans le journal du serveur.
error-json-body = corps de requête JSON invalide : { $detail }
unavailable-png = Le PNG demande Graphviz (paquet « graphviz »), qui n'est pas installé sur ce serveur ; téléchargez le SVG ou le DOT.
unavailable-pg-restore = pg_restore n'est pas installé sur cette machine
conflict-stakeholder-name = un acteur nommé « { $name } » existe déjà
conflict-name-taken-meanwhile = un acteur de ce fichier porte un nom pris entre-temps par un autre ; relancez l'import
conflict-body-name = un organe s'appelle déjà « { $name } »
conflict-account-email = Un compte existe déjà pour { $email }.
conflict-link-exists = un lien de ce type existe déjà entre ces deux acteurs
conflict-invalid-proposal = { $count ->
        [one] proposition invalide : un problème
       *[other] proposition invalide : { $count } problèmes
    }
conflict-correction = « { $value } » ne convient pas pour { $field } : { $problem }
revert-conflict = la modification n° { $change } ne peut être annulée : la modification n° { $later } a changé depuis { $fields }
revert-this-record = cet enregistrement
revert-final = la modification n° { $change } ne peut pas être annulée (elle est définitive par nature)
revert-unrecorded = les valeurs d'avant la modification n° { $change } n'ont pas été enregistrées
campaign-nobody = aucun acteur ne correspond à ces filtres : personne à inviter
campaign-unknown-organisation = aucune organisation de l’inventaire ne porte ce nom
campaign-closed = cette enquête est close depuis le { $closes } : prolongez-la d’abord
campaign-already-invited = { $name } est déjà invité à cette enquête
campaign-withdraw-answered = cet acteur a déjà envoyé ses réponses : elles restent dans les résultats, l’invitation ne peut plus être retirée
privacy-who-unknown = « { $value } » n'est ni une adresse e-mail ni un numéro de personne de contact (contact:12)
privacy-who-vague = rien d'assez précis pour identifier la personne (5 caractères au moins)

## Backups and restores.
load-format = ce n'est pas un export complet de Maillage (format { $format }, version { $version })
load-schema = l'export a été fait au schéma { $dump }, cette base est au schéma { $here } : chargez-le avec la version de Maillage qui l'a fait, puis mettez à jour
load-not-empty = la base n'est pas vide ({ $what }) : le chargement et la restauration ne remplissent qu'une base vide
load-unknown-table = l'export contient une table « { $table } » que cette base n'a pas
load-unknown-column = table { $table } : la colonne « { $column } » n'existe pas dans cette base
load-row-width = table { $table }, ligne { $row } : { $columns } valeurs pour { $expected } colonnes
load-unreadable = export illisible, ligne { $line }, colonne { $column } : { $detail }
backup-exists = { $file } existe déjà : choisissez un autre fichier
restore-unknown-format = { $file } n'est ni une base SQLite, ni une archive pg_dump, ni un export JSON de Maillage
restore-pg-dump-into-sqlite = une archive pg_dump se restaure dans une base PostgreSQL ; pour SQLite, faites un export JSON (maillage dump)

## A respondent's answers.
answer-required = Cette question est obligatoire.
answer-choose-given = Choisissez parmi les options proposées.
answer-one-only = Une seule réponse, s'il vous plaît.
answer-other-too-long = « Autre » : 500 caractères au plus.
answer-not-a-number = Indiquez un nombre, par exemple 2,5.
answer-not-a-date = Indiquez une date (jj/mm/aaaa).
answer-new-name-too-long = Le nom d'une organisation à ajouter compte 200 caractères au plus.
answer-new-incomplete = Pour une organisation à ajouter, donnez son nom, son niveau et son type.
answer-describe-ties = Complétez la description de chaque organisation citée.
answer-entry-undecided = Modifiez les champs inexacts, ou confirmez que tout est exact.
answer-entry-name-empty = Le nom ne peut pas être vide.
answer-too-long = { $max } caractères au plus (vous en avez écrit { $written }).
answer-out-of-range = Indiquez un nombre entre { $min } et { $max }.
answer-too-many-ties = { $max } organisations au plus par question (vous en citez { $named }).
tie-type-coordinates = Nous nous coordonnons
tie-type-partners = Partenariat
tie-type-refers = Nous leur orientons des personnes
tie-type-referred_by = Ils nous orientent des personnes
tie-type-funds = Nous les finançons
tie-type-funded_by = Ils nous financent
tie-type-shares_data = Nous partageons des données
tie-frequency-weekly = Chaque semaine
tie-frequency-monthly = Chaque mois
tie-frequency-quarterly = Chaque trimestre
tie-frequency-less = Moins souvent
tie-formal-yes = Accord formel (convention…)
tie-formal-no = Informel

## The map.
grouped-by-level = niveau
grouped-by-province = province
grouped-by-kind = type d'acteur
group-no-province = Sans province (niveaux supra-provinciaux)
grouped-title = Réseau de { $actors } acteurs et { $links } liens, regroupés par { $by } ({ $groups } groupes)
grouped-between = { $a } – { $b } : { $count ->
        [one] un lien
       *[other] { $count } liens
    }
grouped-members = { $actors ->
        [one] un acteur
       *[other] { $actors } acteurs
    } · { $links ->
        [0] aucun lien interne
        [one] un lien interne
       *[other] { $links } liens internes
    }
grouped-click = {" "}— cliquer pour afficher ce groupe
node-not-answered = (invité, n'a pas répondu)
node-draft = (invitée, brouillon en cours, pas envoyé)
node-not-invited = (pas invitée, citée par un répondant)
node-added = (nouveau)
node-removed = (disparu depuis)
renderer-builtin = moteur intégré (bandes par niveau)
graphviz-missing = Graphviz n'est pas installé sur ce serveur.
graphviz-failed = Graphviz a échoué ({ $detail })

## What each measure of the analysis means, in one line.
measure-degree = Nombre de liens de l'acteur, dans les deux sens.
measure-weighted_degree = Liens pondérés par leur intensité (1 à 3).
measure-in_degree = Liens reçus : combien d'acteurs s'adressent à lui.
measure-out_degree = Liens émis : vers combien d'acteurs il se tourne.
measure-betweenness = Part des plus courts chemins entre deux acteurs qui passent par lui : un intermédiaire obligé.
measure-closeness = Proximité moyenne avec tous les autres : l'information lui parvient vite.
measure-eigenvector = Être relié à des acteurs eux-mêmes très reliés.
measure-clustering = Ses partenaires travaillent-ils aussi entre eux ? (0 = jamais, 1 = toujours)
measure-constraint = Dépendance envers un petit cercle fermé ; faible = l'acteur relie des groupes séparés (trous structuraux).
measure-brokerage = Chemins ouverts A → acteur → B où il fait l'intermédiaire, selon les niveaux de A, de lui et de B.
measure-articulation_point = Point de rupture : s'il disparaît, le réseau se coupe en morceaux.
measure-community = Groupe d'acteurs plus liés entre eux qu'avec le reste (méthode de Louvain).
measure-ei_index = Indice E-I : +1 tous les liens relient des niveaux différents, −1 aucun.

## E-mails.
mail-reset-subject = Maillage : choisir un nouveau mot de passe
mail-reset-body =
    Bonjour,

    Quelqu'un (sans doute vous) a demandé à choisir un nouveau mot de passe pour le compte { $account } de Maillage.

    Ce lien sert une fois, pendant deux jours :
    { $link }

    Si vous n'avez rien demandé, ignorez ce message : votre mot de passe ne change pas.
choose-questionnaire = Choisissez un questionnaire.
map-grouped = Plus de { $limit } acteurs : la carte les regroupe par { $by }. Cliquez un groupe pour l'ouvrir ; chaque groupe assez petit s'affiche acteur par acteur.
cli-analysing = analyse du réseau

## The analysis.
column-degree = Liens
column-weighted_degree = Liens pondérés
column-in_degree = Reçus
column-out_degree = Émis
column-betweenness = Intermédiarité
column-closeness = Proximité
column-eigenvector = Vecteur propre
column-clustering = Regroupement
column-constraint = Contrainte
column-brokerage = Courtage
brokerage-roles = coord. { $coordinator } · itin. { $itinerant } · repr. { $representative } · gardien { $gatekeeper } · liaison { $liaison }
grid-cell = { $count } acteurs (hors acteurs clés) — influence { $influence }, intérêt { $interest }

## Survey results.
province-not-given = (non précisée)
result-mean = moyenne { $mean } sur { $points }
result-numbers = médiane { $median }, total { $total }, de { $lowest } à { $highest }
result-ties = { $ties ->
        [0] aucun lien déclaré
        [one] un lien déclaré
       *[other] { $ties } liens déclarés
    }, { $per_respondent } par répondant ; { $proposed ->
        [0] aucune organisation proposée
        [one] une organisation proposée
       *[other] { $proposed } organisations proposées
    }
result-entries = { $confirmed ->
        [0] aucune fiche confirmée telle quelle
        [one] une fiche confirmée telle quelle
       *[other] { $confirmed } fiches confirmées telles quelles
    }, { $corrected } avec corrections
tie-satisfaction-1 = 1 – très insatisfaisant
tie-satisfaction-2 = 2
tie-satisfaction-3 = 3
tie-satisfaction-4 = 4
tie-satisfaction-5 = 5 – très satisfaisant
territory-region-and-provinces = Région et provinces
mail-invitation-subject = { $kind ->
        [reminder] Rappel : { $title }
       *[invitation] { $title }
    }
mail-invitation-body =
    Bonjour,

    { $kind ->
        [reminder] Sauf erreur, nous n'avons pas encore reçu votre réponse. { $name } est invité·e à répondre à l'enquête « { $title } ».
       *[invitation] { $name } est invité·e à répondre à l'enquête « { $title } ».
    }

    Votre lien personnel (ne le transférez pas : il ouvre la réponse de votre organisation) :
    { $link }

    Vous pouvez enregistrer un brouillon, revenir plus tard avec le même lien et modifier vos réponses jusqu'au { $closes }.

    Merci pour votre participation.

## The mechanism, the steering dashboard and snapshots.
mech-reach-line = { $name } mettrait { $n ->
        [one] un acteur de plus
       *[other] { $n } acteurs de plus
    } à un pas de l'organe, dont
mech-at-distance = { $n ->
        [one] à un lien des acteurs de la commune
       *[other] à { $n } liens des acteurs de la commune
    }
mech-commune-tooltip = { $name } : { $n ->
        [0] aucun acteur
        [one] un acteur
       *[other] { $n } acteurs
    }
mech-geojson-error = Les contours des communes n'ont pas pu être lus : { $error }
mech-uncovered-communes = Communes sans acteur de terrain pour ce secteur : { $n }
mech-as-of = Situation au { $date }
mech-coverage-help = sur { $n } communes wallonnes
mech-mechanism-line = { $bodies ->
        [0] aucun organe
        [one] un organe
       *[other] { $bodies } organes
    }, { $meetings ->
        [0] aucune réunion tenue
        [one] une réunion tenue
       *[other] { $meetings } réunions tenues
    }
mech-actions-line = { $open ->
        [0] aucune ouverte
        [one] une ouverte
       *[other] { $open } ouvertes
    }, dont { $overdue } en retard
mech-changes-since = Changements depuis « { $name } » ({ $date })
mech-summary-line = { $stakeholders } acteurs ({ $added_s } nouveaux, { $removed_s } disparus), { $links } liens ({ $added_l } nouveaux, { $removed_l } disparus), densité { $density }.
mech-more-rows = … et { $n } de plus
mech-review-isolated-line = { $body } : { $n ->
        [one] un membre sans aucun lien observé avec un autre membre :
       *[other] { $n } membres sans aucun lien observé avec un autre membre :
    }
mech-review-central-line = Parmi les { $n } acteurs les plus centraux (les { $pct } % premiers par intermédiarité), { $count } ne siègent dans aucun organe :
mech-review-under-line = { $body } s'est réuni { $held } fois sur { $expected } prévues ({ $frequency } depuis le { $since }).
mech-review-fragile-line = { $body } : les liens entre membres passent par
privacy-due-intro = Personnes de contact dont les données n'ont pas été confirmées depuis plus de { $months ->
        [one] un mois
       *[other] { $months } mois
    }.
survey-resumed = Bon retour : vos réponses sont conservées. Vous reprenez à la partie { $part } sur { $count }.
provenance-manual = saisi à la main
provenance-import = importé de { $file }
provenance-meeting = constaté en réunion ({ $reference })
provenance-observed = observé : { $what }
provenance-survey = réponse à l'enquête n° { $campaign }
analysis-summary-crossing = { $share } % des liens relient des acteurs de niveaux institutionnels différents.
analysis-summary-parts = { $parts ->
    [1] Tous les acteurs liés forment un seul réseau ({ $largest } sur { $actors }).
   *[other] Le réseau se divise en { $parts } parties séparées ; la plus grande réunit { $largest } acteurs sur { $actors }.
}
analysis-summary-isolated = { $n ->
    [one] Un acteur n'a aucun lien.
   *[other] { $n } acteurs n'ont aucun lien.
}
analysis-summary-one-sided = { $n ->
    [one] Un lien n'est déclaré que d'un côté (à confirmer).
   *[other] { $n } liens ne sont déclarés que d'un côté (à confirmer).
}
map-unseen-invitees = { $count ->
    [one] Une organisation invitée n'a pas répondu et n'est citée par aucun répondant : elle n'est pas dessinée.
   *[other] { $count } organisations invitées n'ont pas répondu et ne sont citées par aucun répondant : elles ne sont pas dessinées.
}
