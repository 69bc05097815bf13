# Maillage: texts with values (numbers, names, dates), Dutch. The code formats them with
# `i18n::text` / `tr!`; plurals and numbers are Fluent's work.

## How this language writes numbers and dates.
number-decimal = ,
number-group = .
month-1 = januari
month-2 = februari
month-3 = maart
month-4 = april
month-5 = mei
month-6 = juni
month-7 = juli
month-8 = augustus
month-9 = september
month-10 = oktober
month-11 = november
month-12 = december
long-date = { $day } { $month } { $year }
# Between a label and its value ("Niveau: gewestelijk").
colon = :{" "}
# Between items of a list of problems.
list-separator = ;{" "}
quoted = ‘{ $text }’

## What is wrong with a field of input.
problem-required = dit veld is verplicht
problem-too-long = te lang (hoogstens { $max } tekens)
problem-too-short = te kort (minstens { $min } tekens)
problem-control-characters = bevat controletekens
problem-unknown = { $what ->
        [level] onbekend niveau
        [kind] onbekende soort actor
        [sector] onbekende sector
        [link_type] onbekende soort verbinding
        [territory] onbekend grondgebied
        [format] onbekend formaat
        [body] onbekend coördinatieorgaan
        [phase] onbekende fase
        [choice] onbekende keuze
        [legal_basis] onbekende rechtsgrond
       *[other] onbekende waarde
    } ‘{ $value }’; verwacht: een van { $expected }
problem-ambiguous = ‘{ $value }’ is dubbelzinnig: { $candidates }; wees specifieker (code of volledige naam)
problem-out-of-range = ‘{ $value }’ buiten bereik: een geheel getal van { $min } tot { $max }
problem-not-an-integer = ‘{ $value }’ is geen geheel getal
problem-invalid-email = ‘{ $value }’ is geen e-mailadres (naam@domein.be)
problem-invalid-phone = ‘{ $value }’ is geen telefoonnummer (cijfers, spaties, + / . -)
problem-invalid-url = ‘{ $value }’ is geen webadres (https://…)
problem-invalid-date = ‘{ $value }’ is geen datum (JJJJ-MM-DD of DD/MM/JJJJ)
problem-invalid-bool = ‘{ $value }’: verwacht ja/nee (of 1/0, formeel/informeel)
problem-wrong-password = dit is niet uw huidige wachtwoord
problem-invalid-provenance = ‘{ $value }’: verwachte herkomst manual, import:<bestand>, meeting:<vergadering> of observed:<beschrijving> (survey:… is voorbehouden aan bevragingen)
problem-more-errors = { $count ->
        [one] … en nog één probleem: los eerst deze op en importeer dan opnieuw
       *[other] … en nog { $count } problemen: los eerst deze op en importeer dan opnieuw
    }
problem-too-many-rows = het bestand telt meer dan { $max } gegevensregels: splits het op in meerdere bestanden
problem-too-many-items = hoogstens { $max } items
problem-repeated = ‘{ $value }’ komt twee keer voor
problem-wrong-code = deze code is niet de juiste of werd al gebruikt; neem de code die nu wordt getoond
problem-expired = te laat; meld u opnieuw aan
problem-bad-credentials = verkeerd adres of wachtwoord
problem-date-order = de einddatum ligt vóór de begindatum
problem-unknown-stakeholder = geen enkele actor heeft de naam of afkorting ‘{ $value }’
problem-self-link = een verbinding verbindt twee verschillende actoren
problem-duplicate-in-file = dubbel van regel { $line }
problem-unknown-column = onbekende kolom ‘{ $value }’; bekende kolommen: { $expected }
problem-missing-column = verplichte kolom ontbreekt in de kopregel
problem-duplicate-column = kolom komt twee keer voor in de kopregel
problem-wrong-field-count = { $found ->
        [one] één veld in plaats van { $expected }
       *[other] { $found } velden in plaats van { $expected }
    }
problem-unreadable = onleesbaar bestand: { $detail }
problem-empty = het bestand is leeg
problem-invalid-code = "{ $value }": een code bestaat uit kleine letters zonder accenten, cijfers en _ (hoogstens 40)
problem-invalid-ins = "{ $value }" is geen NIS-code (vijf cijfers)
problem-not-a-commune = "{ $value }" is geen gemeente
problem-ins-taken = NIS-code { $value } hoort al bij een ander gebied
problem-too-few-communes = een fusie brengt minstens twee gemeenten samen
problem-other-province = "{ $value }" ligt in een andere provincie: een fusie gebeurt binnen één provincie
ref-merged = { $communes ->
        [one] Eén gemeente samengevoegd
       *[other] { $communes } gemeenten samengevoegd
    } tot { $name }: { $stakeholders ->
        [0] geen actor verplaatst
        [one] één actor verplaatst
       *[other] { $stakeholders } actoren verplaatst
    }, { $bodies ->
        [0] geen orgaan
        [one] één orgaan
       *[other] { $bodies } organen
    }.

## The respondent's privacy notice and the analysis' note on sampling.
privacy-notice = Gegevensbescherming. De gegevens van uw organisatie en van haar contactpersonen worden bijgehouden door het coördinatieteam van het project IOM / SPW IAS voor de opvang van ontheemden uit Oekraïne, om de actoren en hun verbindingen in kaart te brengen en een coördinatiemechanisme te ontwerpen. Rechtsgrond: een taak van algemeen belang (AVG, art. 6.1.e), of uw toestemming wanneer die werd gevraagd. De gegevens van contactpersonen worden { $months } maanden na hun laatste bevestiging bewaard en daarna nagekeken of gewist; uw antwoorden dienen voor de analyses van het project en worden aan het stuurcomité alleen zonder persoonsgegevens getoond. U kunt inzage in uw gegevens, verbetering of wissing ervan vragen of u tegen de verwerking verzetten door te schrijven naar het team dat u deze link stuurde, en klacht indienen bij de Gegevensbeschermingsautoriteit (www.gegevensbeschermingsautoriteit.be).
sampling-note = Groot netwerk: tussenliggendheid en nabijheid geschat vanuit { $sources } van de { $nodes } actoren als vertrekpunt (foutenmarge bij 95 %: ±{ $betweenness } voor de tussenliggendheid, ±{ $closeness } voor de nabijheid). De exacte berekening: ‘maillage analyse --exact’.

## Where in a file.
at-line = regel { $line }: { $text }
at-line-column = regel { $line }, kolom { $column }: { $text }

## Territories.
territory-region = Wallonië
territory-province = Provincie { $name }
territory-arrondissement = Arrondissement { $name }
territory-commune = { $name }

## Errors said to the person.
error-unauthenticated = Meld u aan om deze pagina te openen.
error-forbidden = Uw rol laat dit niet toe; vraag het aan een beheerder.
error-cross-site = Verzoek geweigerd: het komt niet van een pagina van Maillage, of de pagina is verlopen. Laad de pagina opnieuw en probeer nog eens.
error-too-many-attempts = Te veel pogingen; probeer opnieuw over { $seconds } s.
error-storage = De databank kan op dit moment niet opslaan (schijf vol of server onbereikbaar): er is niets opgeslagen. Probeer het zo meteen opnieuw; het incident is geregistreerd.
error-unconfirmed = De databank heeft het opslaan niet bevestigd (schijf vol of server onbereikbaar): controleer of de wijziging er is voor u het opnieuw probeert.
error-internal = Interne fout; ze is geregistreerd in het serverlogboek.
error-json-body = ongeldige JSON-inhoud van het verzoek: { $detail }
unavailable-png = Voor PNG is Graphviz nodig (pakket ‘graphviz’), dat niet op deze server is geïnstalleerd; download in de plaats de SVG of de DOT.
unavailable-pg-restore = pg_restore is niet geïnstalleerd op deze machine
conflict-stakeholder-name = er bestaat al een actor met de naam ‘{ $name }’
conflict-name-taken-meanwhile = een actor uit dit bestand heeft een naam die intussen door een andere is genomen; start de import opnieuw
conflict-body-name = er bestaat al een orgaan met de naam ‘{ $name }’
conflict-account-email = Er bestaat al een account voor { $email }.
conflict-link-exists = er bestaat al een verbinding van deze soort tussen deze twee actoren
conflict-invalid-proposal = { $count ->
        [one] ongeldig voorstel: één probleem
       *[other] ongeldig voorstel: { $count } problemen
    }
conflict-correction = ‘{ $value }’ past niet voor { $field }: { $problem }
revert-conflict = wijziging nr. { $change } kan niet ongedaan worden gemaakt: wijziging nr. { $later } heeft sindsdien { $fields } gewijzigd
revert-this-record = deze fiche
revert-final = wijziging nr. { $change } kan niet ongedaan worden gemaakt (ze is per definitie definitief)
revert-unrecorded = de waarden van vóór wijziging nr. { $change } zijn niet opgeslagen
campaign-nobody = geen enkele actor voldoet aan deze filters: niemand om uit te nodigen
campaign-unknown-organisation = geen enkele organisatie in de inventaris heeft deze naam
campaign-closed = deze enquête is gesloten sinds { $closes }: verleng ze eerst
campaign-already-invited = { $name } is al uitgenodigd voor deze enquête
campaign-withdraw-answered = deze actor heeft zijn antwoorden al verstuurd: ze blijven in de resultaten en de uitnodiging kan niet meer worden ingetrokken
privacy-who-unknown = ‘{ $value }’ is noch een e-mailadres noch het nummer van een contactpersoon (contact:12)
privacy-who-vague = niets precies genoeg om de persoon te identificeren (minstens 5 tekens)

## Backups and restores.
load-format = geen volledige export van Maillage (formaat { $format }, versie { $version })
load-schema = de export werd gemaakt met schema { $dump }, deze databank heeft schema { $here }: laad hem met de versie van Maillage die hem maakte en werk daarna bij
load-not-empty = de databank is niet leeg ({ $what }): laden en herstellen vullen alleen een lege databank
load-unknown-table = de export bevat een tabel ‘{ $table }’ die deze databank niet heeft
load-unknown-column = tabel { $table }: de kolom ‘{ $column }’ bestaat niet in deze databank
load-row-width = tabel { $table }, regel { $row }: { $columns } waarden voor { $expected } kolommen
load-unreadable = onleesbare export, regel { $line }, kolom { $column }: { $detail }
backup-exists = { $file } bestaat al: kies een ander bestand
restore-unknown-format = { $file } is geen SQLite-databank, geen pg_dump-archief en geen JSON-export van Maillage
restore-pg-dump-into-sqlite = een pg_dump-archief wordt hersteld in een PostgreSQL-databank; gebruik voor SQLite een JSON-export (maillage dump)

## A respondent's answers.
answer-required = Deze vraag is verplicht.
answer-choose-given = Kies uit de voorgestelde antwoorden.
answer-one-only = Slechts één antwoord, alstublieft.
answer-other-too-long = ‘Andere’: hoogstens 500 tekens.
answer-not-a-number = Geef een getal op, bijvoorbeeld 2,5.
answer-not-a-date = Geef een datum op (dd/mm/jjjj).
answer-new-name-too-long = De naam van een toe te voegen organisatie telt hoogstens 200 tekens.
answer-new-incomplete = Geef voor een toe te voegen organisatie de naam, het niveau en de soort op.
answer-describe-ties = Beschrijf elke organisatie die u noemt.
answer-entry-undecided = Wijzig de foute velden, of bevestig dat alles klopt.
answer-entry-name-empty = De naam mag niet leeg zijn.
answer-too-long = Hoogstens { $max } tekens (u schreef er { $written }).
answer-out-of-range = Geef een getal tussen { $min } en { $max } op.
answer-too-many-ties = Hoogstens { $max } organisaties per vraag (u noemt er { $named }).
tie-type-coordinates = Wij stemmen ons werk af
tie-type-partners = Partnerschap
tie-type-refers = Wij verwijzen mensen naar hen door
tie-type-referred_by = Zij verwijzen mensen naar ons door
tie-type-funds = Wij financieren hen
tie-type-funded_by = Zij financieren ons
tie-type-shares_data = Wij delen gegevens
tie-frequency-weekly = Wekelijks
tie-frequency-monthly = Maandelijks
tie-frequency-quarterly = Driemaandelijks
tie-frequency-less = Minder vaak
tie-formal-yes = Formeel akkoord (overeenkomst…)
tie-formal-no = Informeel

## The map.
grouped-by-level = niveau
grouped-by-province = provincie
grouped-by-kind = soort actor
group-no-province = Geen provincie (bovenprovinciale niveaus)
grouped-title = Netwerk van { $actors } actoren en { $links } verbindingen, gegroepeerd per { $by } ({ $groups } groepen)
grouped-between = { $a } – { $b }: { $count ->
        [one] één verbinding
       *[other] { $count } verbindingen
    }
grouped-members = { $actors ->
        [one] één actor
       *[other] { $actors } actoren
    } · { $links ->
        [one] één interne verbinding
       *[other] { $links } interne verbindingen
    }
grouped-click = {" "}— klik om deze groep te tonen
node-not-answered = (uitgenodigd, heeft niet geantwoord)
node-draft = (uitgenodigd, concept bezig, niet verzonden)
node-not-invited = (niet uitgenodigd, genoemd door een respondent)
node-added = (nieuw)
node-removed = (sindsdien verdwenen)
renderer-builtin = ingebouwde weergave (banden per niveau)
graphviz-missing = Graphviz is niet geïnstalleerd op deze server.
graphviz-failed = Graphviz is mislukt ({ $detail })

## What each measure of the analysis means, in one line.
measure-degree = Hoeveel verbindingen de actor heeft, in beide richtingen.
measure-weighted_degree = Verbindingen gewogen naar hun intensiteit (1 tot 3).
measure-in_degree = Ontvangen verbindingen: hoeveel actoren zich tot hem wenden.
measure-out_degree = Uitgaande verbindingen: tot hoeveel actoren hij zich wendt.
measure-betweenness = Aandeel van de kortste paden tussen twee actoren dat via hem loopt: een onvermijdelijke tussenpersoon.
measure-closeness = Hoe dicht hij bij alle anderen staat: informatie bereikt hem snel.
measure-eigenvector = Verbonden zijn met actoren die zelf goed verbonden zijn.
measure-clustering = Werken zijn partners ook onderling samen? (0 = nooit, 1 = altijd)
measure-constraint = Afhankelijkheid van één gesloten kring; laag = de actor verbindt gescheiden groepen (structurele gaten).
measure-brokerage = Open paden A → actor → B waarin hij bemiddelt, volgens de niveaus van A, van hemzelf en van B.
measure-articulation_point = Kwetsbaar knooppunt: als hij wegvalt, valt het netwerk uiteen.
measure-community = Een groep actoren die onderling sterker verbonden zijn dan met de rest (methode van Louvain).
measure-ei_index = E-I-index: +1 elke verbinding overschrijdt niveaus, −1 geen enkele.

## E-mails.
mail-reset-subject = Maillage: een nieuw wachtwoord kiezen
mail-reset-body =
    Goedendag,

    Iemand (waarschijnlijk u) heeft gevraagd een nieuw wachtwoord te kiezen voor het Maillage-account { $account }.

    Deze link werkt één keer, gedurende twee dagen:
    { $link }

    Hebt u niets gevraagd, negeer dan dit bericht: uw wachtwoord verandert niet.
choose-questionnaire = Kies een vragenlijst.
map-grouped = Meer dan { $limit } actoren: de kaart groepeert ze per { $by }. Klik op een groep om ze te openen; een groep die klein genoeg is, wordt actor per actor getekend.
cli-analysing = analyse van het netwerk

## The analysis.
column-degree = Verbindingen
column-weighted_degree = Gewogen verbindingen
column-in_degree = Inkomend
column-out_degree = Uitgaand
column-betweenness = Tussenliggendheid
column-closeness = Nabijheid
column-eigenvector = Eigenvector
column-clustering = Clustering
column-constraint = Beperking
column-brokerage = Bemiddeling
brokerage-roles = coörd. { $coordinator } · rondtr. { $itinerant } · vert. { $representative } · poortw. { $gatekeeper } · verb. { $liaison }
grid-cell = { $count } actoren (zonder sleutelactoren) — invloed { $influence }, belang { $interest }

## Survey results.
province-not-given = (niet opgegeven)
result-mean = gemiddeld { $mean } op { $points }
result-numbers = mediaan { $median }, totaal { $total }, van { $lowest } tot { $highest }
result-ties = { $ties ->
        [one] één relatie opgegeven
       *[other] { $ties } relaties opgegeven
    }, { $per_respondent } per respondent; { $proposed ->
        [one] één organisatie voorgesteld
       *[other] { $proposed } organisaties voorgesteld
    }
result-entries = { $confirmed ->
        [one] één fiche ongewijzigd bevestigd
       *[other] { $confirmed } fiches ongewijzigd bevestigd
    }, { $corrected } met verbeteringen
tie-satisfaction-1 = 1 – zeer onbevredigend
tie-satisfaction-2 = 2
tie-satisfaction-3 = 3
tie-satisfaction-4 = 4
tie-satisfaction-5 = 5 – zeer bevredigend
territory-region-and-provinces = Gewest en provincies
mail-invitation-subject = { $kind ->
        [reminder] Herinnering: { $title }
       *[invitation] { $title }
    }
mail-invitation-body =
    Goedendag,

    { $kind ->
        [reminder] Tenzij we ons vergissen, hebben we uw antwoord nog niet ontvangen. { $name } wordt uitgenodigd om deel te nemen aan de bevraging ‘{ $title }’.
       *[invitation] { $name } wordt uitgenodigd om deel te nemen aan de bevraging ‘{ $title }’.
    }

    Uw persoonlijke link (stuur hem niet door: hij opent het antwoord van uw organisatie):
    { $link }

    U kunt een concept opslaan, later met dezelfde link terugkomen en uw antwoorden wijzigen tot { $closes }.

    Hartelijk dank voor uw deelname.

## The mechanism, the steering dashboard and snapshots.
mech-reach-line = { $name } zou { $n ->
        [one] nog één actor
       *[other] nog { $n } actoren
    } op één stap van het orgaan brengen, onder wie
mech-at-distance = { $n ->
        [one] op één verbinding van de actoren van de gemeente
       *[other] op { $n } verbindingen van de actoren van de gemeente
    }
mech-commune-tooltip = { $name }: { $n ->
        [one] één actor
       *[other] { $n } actoren
    }
mech-geojson-error = De grenzen van de gemeenten konden niet worden gelezen: { $error }
mech-uncovered-communes = Gemeenten zonder actor op het terrein voor deze sector: { $n }
mech-as-of = Toestand op { $date }
mech-coverage-help = van de { $n } Waalse gemeenten
mech-mechanism-line = { $bodies ->
        [one] één orgaan
       *[other] { $bodies } organen
    }, { $meetings ->
        [one] één vergadering gehouden
       *[other] { $meetings } vergaderingen gehouden
    }
mech-actions-line = { $open } open, waarvan { $overdue } achterstallig
mech-changes-since = Wijzigingen sinds ‘{ $name }’ ({ $date })
mech-summary-line = { $stakeholders } actoren ({ $added_s } nieuw, { $removed_s } verdwenen), { $links } verbindingen ({ $added_l } nieuw, { $removed_l } verdwenen), dichtheid { $density }.
mech-more-rows = … en nog { $n }
mech-review-isolated-line = { $body }: { $n ->
        [one] één lid zonder waargenomen verbinding met een ander lid:
       *[other] { $n } leden zonder waargenomen verbinding met een ander lid:
    }
mech-review-central-line = Van de { $n } meest centrale actoren (de eerste { $pct } % volgens tussenliggendheid) zetelen er { $count } in geen enkel orgaan:
mech-review-under-line = { $body } vergaderde { $held } keer op { $expected } geplande ({ $frequency } sinds { $since }).
mech-review-fragile-line = { $body }: de verbindingen tussen de leden lopen via
privacy-due-intro = Contactpersonen van wie de gegevens al meer dan { $months ->
        [one] een maand
       *[other] { $months } maanden
    } niet meer bevestigd zijn.
survey-resumed = Welkom terug: uw antwoorden zijn bewaard. U gaat verder bij deel { $part } van { $count }.
provenance-manual = met de hand ingevoerd
provenance-import = geïmporteerd uit { $file }
provenance-meeting = vastgesteld op een vergadering ({ $reference })
provenance-observed = waargenomen: { $what }
provenance-survey = antwoord op bevraging nr. { $campaign }
analysis-summary-crossing = { $share } % van de links verbinden actoren van verschillende institutionele niveaus.
analysis-summary-parts = { $parts ->
    [1] Alle verbonden actoren vormen één netwerk ({ $largest } van { $actors }).
   *[other] Het netwerk valt uiteen in { $parts } afzonderlijke delen; het grootste telt { $largest } van de { $actors } actoren.
}
analysis-summary-isolated = { $n ->
    [one] Eén actor heeft geen enkele link.
   *[other] { $n } actoren hebben geen enkele link.
}
analysis-summary-one-sided = { $n ->
    [one] Eén link is maar door één kant opgegeven (te bevestigen).
   *[other] { $n } links zijn maar door één kant opgegeven (te bevestigen).
}
map-unseen-invitees = { $count ->
    [one] Eén uitgenodigde organisatie heeft niet geantwoord en geen respondent noemde haar: ze wordt niet getekend.
   *[other] { $count } uitgenodigde organisaties hebben niet geantwoord en geen respondent noemde ze: ze worden niet getekend.
}
