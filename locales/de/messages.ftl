# Maillage: texts with values (numbers, names, dates), German. The code formats them with
# `i18n::text` / `tr!`; plurals and numbers are Fluent's work.

## How this language writes numbers and dates.
number-decimal = ,
number-group = .
month-1 = Januar
month-2 = Februar
month-3 = März
month-4 = April
month-5 = Mai
month-6 = Juni
month-7 = Juli
month-8 = August
month-9 = September
month-10 = Oktober
month-11 = November
month-12 = Dezember
long-date = { $day }. { $month } { $year }
# Between a label and its value ("Ebene: regional").
colon = :{" "}
# Between items of a list of problems.
list-separator = ;{" "}
quoted = „{ $text }“

## What is wrong with a field of input.
problem-required = dieses Feld ist ein Pflichtfeld
problem-too-long = zu lang (höchstens { $max } Zeichen)
problem-too-short = zu kurz (mindestens { $min } Zeichen)
problem-control-characters = enthält Steuerzeichen
problem-unknown = { $what ->
        [level] unbekannte Ebene
        [kind] unbekannte Art des Akteurs
        [sector] unbekannter Bereich
        [link_type] unbekannte Art der Verbindung
        [territory] unbekanntes Gebiet
        [format] unbekanntes Format
        [body] unbekanntes Koordinierungsgremium
        [phase] unbekannte Phase
        [choice] unbekannte Auswahl
        [legal_basis] unbekannte Rechtsgrundlage
       *[other] unbekannter Wert
    } „{ $value }“; erwartet wird eines von: { $expected }
problem-ambiguous = „{ $value }“ ist mehrdeutig: { $candidates }; bitte genauer angeben (Code oder vollständiger Name)
problem-out-of-range = „{ $value }“ außerhalb des Bereichs: eine ganze Zahl von { $min } bis { $max }
problem-not-an-integer = „{ $value }“ ist keine ganze Zahl
problem-invalid-email = „{ $value }“ ist keine E-Mail-Adresse (name@domain.be)
problem-invalid-phone = „{ $value }“ ist keine Telefonnummer (Ziffern, Leerzeichen, + / . -)
problem-invalid-url = „{ $value }“ ist keine Webadresse (https://…)
problem-invalid-date = „{ $value }“ ist kein Datum (JJJJ-MM-TT oder TT/MM/JJJJ)
problem-invalid-bool = „{ $value }“: erwartet wird ja/nein (oder 1/0, formell/informell)
problem-wrong-password = das ist nicht Ihr aktuelles Passwort
problem-invalid-provenance = „{ $value }“: erwartete Herkunft manual, import:<Datei>, meeting:<Sitzung> oder observed:<Beschreibung> (survey:… ist Umfragen vorbehalten)
problem-more-errors = { $count ->
        [one] … und ein weiteres Problem: Beheben Sie zuerst diese und importieren Sie dann erneut
       *[other] … und { $count } weitere Probleme: Beheben Sie zuerst diese und importieren Sie dann erneut
    }
problem-too-many-rows = die Datei hat mehr als { $max } Datenzeilen: Teilen Sie sie in mehrere Dateien auf
problem-too-many-items = höchstens { $max } Einträge
problem-repeated = „{ $value }“ kommt zweimal vor
problem-wrong-code = dieser Code ist falsch oder wurde schon verwendet; nehmen Sie den jetzt angezeigten
problem-expired = Zeit abgelaufen; melden Sie sich erneut an
problem-bad-credentials = Adresse oder Passwort falsch
problem-date-order = das Enddatum liegt vor dem Anfangsdatum
problem-unknown-stakeholder = kein Akteur trägt den Namen oder das Kürzel „{ $value }“
problem-self-link = eine Verbindung verbindet zwei verschiedene Akteure
problem-duplicate-in-file = Dublette von Zeile { $line }
problem-unknown-column = unbekannte Spalte „{ $value }“; bekannte Spalten: { $expected }
problem-missing-column = Pflichtspalte fehlt in der Kopfzeile
problem-duplicate-column = Spalte kommt in der Kopfzeile zweimal vor
problem-wrong-field-count = { $found ->
        [one] ein Feld statt { $expected }
       *[other] { $found } Felder statt { $expected }
    }
problem-unreadable = Datei nicht lesbar: { $detail }
problem-empty = die Datei ist leer
problem-invalid-code = „{ $value }“: Ein Code besteht aus Kleinbuchstaben ohne Akzente, Ziffern und _ (höchstens 40)
problem-invalid-ins = „{ $value }“ ist kein NIS-Code (fünf Ziffern)
problem-not-a-commune = „{ $value }“ ist keine Gemeinde
problem-ins-taken = Der NIS-Code { $value } gehört bereits zu einem anderen Gebiet
problem-too-few-communes = Eine Fusion vereint mindestens zwei Gemeinden
problem-other-province = „{ $value }“ liegt in einer anderen Provinz: Eine Fusion erfolgt innerhalb einer Provinz
ref-merged = { $communes ->
        [one] Eine Gemeinde
       *[other] { $communes } Gemeinden
    } zu { $name } fusioniert: { $stakeholders ->
        [0] kein Akteur verschoben
        [one] ein Akteur verschoben
       *[other] { $stakeholders } Akteure verschoben
    }, { $bodies ->
        [0] kein Gremium
        [one] ein Gremium
       *[other] { $bodies } Gremien
    }.

## The respondent's privacy notice and the analysis' note on sampling.
privacy-notice = Datenschutz. Die Daten Ihrer Organisation und ihrer Kontaktpersonen werden vom Koordinationsteam des Projekts IOM / SPW IAS zur Aufnahme von aus der Ukraine vertriebenen Menschen verwaltet, um die Akteure und ihre Verbindungen zu kartieren und einen Koordinierungsmechanismus zu entwerfen. Rechtsgrundlage: eine Aufgabe im öffentlichen Interesse (DSGVO Art. 6 Abs. 1 Buchst. e) oder Ihre Einwilligung, wo sie eingeholt wurde. Die Angaben zu Kontaktpersonen werden { $months } Monate nach ihrer letzten Bestätigung aufbewahrt und dann überprüft oder gelöscht; Ihre Antworten dienen den Auswertungen des Projekts und werden dem Lenkungsausschuss nur ohne personenbezogene Daten gezeigt. Sie können Auskunft über Ihre Daten, ihre Berichtigung oder Löschung verlangen oder ihrer Verarbeitung widersprechen, indem Sie an das Team schreiben, das Ihnen diesen Link geschickt hat, und Beschwerde bei der belgischen Datenschutzbehörde einlegen (www.datenschutzbehorde.be).
sampling-note = Großes Netzwerk: Vermittlungs- und Nähezentralität wurden ausgehend von { $sources } der { $nodes } Akteure geschätzt (Fehlermarge bei 95 %: ±{ $betweenness } für die Vermittlung, ±{ $closeness } für die Nähe). Die exakte Berechnung: „maillage analyse --exact“.

## Where in a file.
at-line = Zeile { $line }: { $text }
at-line-column = Zeile { $line }, Spalte { $column }: { $text }

## Territories.
territory-region = Wallonien
territory-province = Provinz { $name }
territory-arrondissement = Bezirk { $name }
territory-commune = { $name }

## Errors said to the person.
error-unauthenticated = Melden Sie sich an, um diese Seite zu öffnen.
error-forbidden = Ihre Rolle erlaubt diese Aktion nicht; bitten Sie die Administration darum.
error-cross-site = Anfrage abgelehnt: Sie kommt nicht von einer Seite von Maillage, oder die Seite ist abgelaufen. Laden Sie die Seite neu und versuchen Sie es erneut.
error-too-many-attempts = Zu viele Versuche; versuchen Sie es in { $seconds } s erneut.
error-storage = Die Datenbank kann gerade nicht speichern (Festplatte voll oder Server nicht erreichbar): Es wurde nichts gespeichert. Versuchen Sie es gleich noch einmal; der Vorfall wurde protokolliert.
error-unconfirmed = Die Datenbank hat das Speichern nicht bestätigt (Festplatte voll oder Server nicht erreichbar): Prüfen Sie, ob die Änderung vorhanden ist, bevor Sie es erneut versuchen.
error-internal = Interner Fehler; er wurde im Serverprotokoll vermerkt.
error-json-body = ungültiger JSON-Inhalt der Anfrage: { $detail }
unavailable-png = PNG erfordert Graphviz (Paket „graphviz“), das auf diesem Server nicht installiert ist; laden Sie stattdessen SVG oder DOT herunter.
unavailable-pg-restore = pg_restore ist auf diesem Rechner nicht installiert
conflict-stakeholder-name = ein Akteur namens „{ $name }“ existiert bereits
conflict-name-taken-meanwhile = ein Akteur dieser Datei trägt einen Namen, den inzwischen ein anderer erhalten hat; starten Sie den Import erneut
conflict-body-name = ein Gremium namens „{ $name }“ existiert bereits
conflict-account-email = Für { $email } existiert bereits ein Konto.
conflict-link-exists = zwischen diesen beiden Akteuren besteht bereits eine Verbindung dieser Art
conflict-invalid-proposal = { $count ->
        [one] ungültiger Vorschlag: ein Problem
       *[other] ungültiger Vorschlag: { $count } Probleme
    }
conflict-correction = „{ $value }“ passt nicht zu { $field }: { $problem }
revert-conflict = Änderung Nr. { $change } kann nicht rückgängig gemacht werden: Änderung Nr. { $later } hat seither { $fields } geändert
revert-this-record = diesen Eintrag
revert-final = Änderung Nr. { $change } kann nicht rückgängig gemacht werden (sie ist ihrer Natur nach endgültig)
revert-unrecorded = die Werte vor Änderung Nr. { $change } wurden nicht gespeichert
campaign-nobody = kein Akteur entspricht diesen Filtern: niemand einzuladen
campaign-unknown-organisation = keine Organisation im Inventar trägt diesen Namen
campaign-closed = diese Umfrage ist seit dem { $closes } geschlossen: verlängern Sie sie zuerst
campaign-already-invited = { $name } ist bereits zu dieser Umfrage eingeladen
campaign-withdraw-answered = dieser Akteur hat seine Antworten bereits gesendet: Sie bleiben in den Ergebnissen, die Einladung kann nicht mehr zurückgezogen werden
privacy-who-unknown = „{ $value }“ ist weder eine E-Mail-Adresse noch die Nummer einer Kontaktperson (contact:12)
privacy-who-vague = nichts genau genug, um die Person zu bestimmen (mindestens 5 Zeichen)

## Backups and restores.
load-format = kein vollständiger Export von Maillage (Format { $format }, Version { $version })
load-schema = der Export wurde mit Schema { $dump } erstellt, diese Datenbank hat Schema { $here }: Laden Sie ihn mit der Version von Maillage, die ihn erstellt hat, und aktualisieren Sie dann
load-not-empty = die Datenbank ist nicht leer ({ $what }): Laden und Wiederherstellen füllen nur eine leere Datenbank
load-unknown-table = der Export enthält eine Tabelle „{ $table }“, die diese Datenbank nicht hat
load-unknown-column = Tabelle { $table }: Die Spalte „{ $column }“ existiert in dieser Datenbank nicht
load-row-width = Tabelle { $table }, Zeile { $row }: { $columns } Werte für { $expected } Spalten
load-unreadable = Export nicht lesbar, Zeile { $line }, Spalte { $column }: { $detail }
backup-exists = { $file } existiert bereits: Wählen Sie eine andere Datei
restore-unknown-format = { $file } ist weder eine SQLite-Datenbank noch ein pg_dump-Archiv noch ein JSON-Export von Maillage
restore-pg-dump-into-sqlite = ein pg_dump-Archiv wird in eine PostgreSQL-Datenbank wiederhergestellt; für SQLite verwenden Sie einen JSON-Export (maillage dump)

## A respondent's answers.
answer-required = Diese Frage muss beantwortet werden.
answer-choose-given = Wählen Sie unter den angebotenen Antworten.
answer-one-only = Bitte nur eine Antwort.
answer-other-too-long = „Sonstiges“: höchstens 500 Zeichen.
answer-not-a-number = Geben Sie eine Zahl an, zum Beispiel 2,5.
answer-not-a-date = Geben Sie ein Datum an (TT/MM/JJJJ).
answer-new-name-too-long = Der Name einer hinzuzufügenden Organisation hat höchstens 200 Zeichen.
answer-new-incomplete = Geben Sie für eine hinzuzufügende Organisation Name, Ebene und Art an.
answer-describe-ties = Beschreiben Sie jede genannte Organisation.
answer-entry-undecided = Ändern Sie die falschen Felder oder bestätigen Sie, dass alles stimmt.
answer-entry-name-empty = Der Name darf nicht leer sein.
answer-too-long = Höchstens { $max } Zeichen (Sie haben { $written } geschrieben).
answer-out-of-range = Geben Sie eine Zahl zwischen { $min } und { $max } an.
answer-too-many-ties = Höchstens { $max } Organisationen pro Frage (Sie nennen { $named }).
tie-type-coordinates = Wir stimmen uns ab
tie-type-partners = Partnerschaft
tie-type-refers = Wir verweisen Menschen an sie
tie-type-referred_by = Sie verweisen Menschen an uns
tie-type-funds = Wir finanzieren sie
tie-type-funded_by = Sie finanzieren uns
tie-type-shares_data = Wir tauschen Daten aus
tie-frequency-weekly = Wöchentlich
tie-frequency-monthly = Monatlich
tie-frequency-quarterly = Vierteljährlich
tie-frequency-less = Seltener
tie-formal-yes = Formelle Vereinbarung (Abkommen…)
tie-formal-no = Informell

## The map.
grouped-by-level = Ebene
grouped-by-province = Provinz
grouped-by-kind = Art des Akteurs
group-no-province = Ohne Provinz (überprovinzielle Ebenen)
grouped-title = Netzwerk aus { $actors } Akteuren und { $links } Verbindungen, gruppiert nach { $by } ({ $groups } Gruppen)
grouped-between = { $a } – { $b }: { $count ->
        [one] eine Verbindung
       *[other] { $count } Verbindungen
    }
grouped-members = { $actors ->
        [one] ein Akteur
       *[other] { $actors } Akteure
    } · { $links ->
        [one] eine interne Verbindung
       *[other] { $links } interne Verbindungen
    }
grouped-click = {" "}— klicken, um diese Gruppe anzuzeigen
node-not-answered = (eingeladen, hat nicht geantwortet)
node-draft = (eingeladen, Entwurf in Arbeit, nicht gesendet)
node-not-invited = (nicht eingeladen, von einem Antwortenden genannt)
node-added = (neu)
node-removed = (seither weggefallen)
renderer-builtin = eingebaute Darstellung (Bänder nach Ebene)
graphviz-missing = Graphviz ist auf diesem Server nicht installiert.
graphviz-failed = Graphviz ist fehlgeschlagen ({ $detail })

## What each measure of the analysis means, in one line.
measure-degree = Wie viele Verbindungen der Akteur hat, in beide Richtungen.
measure-weighted_degree = Verbindungen, gewichtet nach ihrer Intensität (1 bis 3).
measure-in_degree = Eingehende Verbindungen: wie viele Akteure sich an ihn wenden.
measure-out_degree = Ausgehende Verbindungen: an wie viele Akteure er sich wendet.
measure-betweenness = Anteil der kürzesten Wege zwischen zwei Akteuren, die über ihn laufen: ein unumgänglicher Vermittler.
measure-closeness = Wie nah er allen anderen ist: Informationen erreichen ihn schnell.
measure-eigenvector = Mit Akteuren verbunden sein, die selbst gut vernetzt sind.
measure-clustering = Arbeiten seine Partner auch untereinander zusammen? (0 = nie, 1 = immer)
measure-constraint = Abhängigkeit von einem geschlossenen Kreis; niedrig = der Akteur verbindet getrennte Gruppen (strukturelle Löcher).
measure-brokerage = Offene Wege A → Akteur → B, auf denen er vermittelt, nach den Ebenen von A, ihm selbst und B.
measure-articulation_point = Einzelner Schwachpunkt: Fällt er weg, zerfällt das Netzwerk.
measure-community = Eine Gruppe von Akteuren, die untereinander stärker verbunden sind als mit dem Rest (Louvain-Methode).
measure-ei_index = E-I-Index: +1 jede Verbindung überschreitet Ebenen, −1 keine.

## E-mails.
mail-reset-subject = Maillage: ein neues Passwort wählen
mail-reset-body =
    Guten Tag,

    jemand (wahrscheinlich Sie) hat darum gebeten, für das Maillage-Konto { $account } ein neues Passwort zu wählen.

    Dieser Link funktioniert einmal, zwei Tage lang:
    { $link }

    Wenn Sie nichts angefordert haben, ignorieren Sie diese Nachricht: Ihr Passwort ändert sich nicht.
choose-questionnaire = Wählen Sie einen Fragebogen.
map-grouped = Mehr als { $limit } Akteure: Die Karte gruppiert sie nach { $by }. Klicken Sie auf eine Gruppe, um sie zu öffnen; eine ausreichend kleine Gruppe wird Akteur für Akteur gezeichnet.
cli-analysing = Analyse des Netzwerks

## The analysis.
column-degree = Verbindungen
column-weighted_degree = Gewichtete Verbindungen
column-in_degree = Eingehend
column-out_degree = Ausgehend
column-betweenness = Vermittlung
column-closeness = Nähe
column-eigenvector = Eigenvektor
column-clustering = Clustering
column-constraint = Einengung
column-brokerage = Vermittlerrollen
brokerage-roles = Koord. { $coordinator } · Wander. { $itinerant } · Vertr. { $representative } · Torw. { $gatekeeper } · Verb. { $liaison }
grid-cell = { $count } Akteure (ohne Schlüsselakteure) — Einfluss { $influence }, Interesse { $interest }

## Survey results.
province-not-given = (nicht angegeben)
result-mean = Durchschnitt { $mean } von { $points }
result-numbers = Median { $median }, Summe { $total }, von { $lowest } bis { $highest }
result-ties = { $ties ->
        [one] eine Beziehung angegeben
       *[other] { $ties } Beziehungen angegeben
    }, { $per_respondent } pro Antwort; { $proposed ->
        [one] eine Organisation vorgeschlagen
       *[other] { $proposed } Organisationen vorgeschlagen
    }
result-entries = { $confirmed ->
        [one] ein Eintrag unverändert bestätigt
       *[other] { $confirmed } Einträge unverändert bestätigt
    }, { $corrected } mit Korrekturen
tie-satisfaction-1 = 1 – sehr unbefriedigend
tie-satisfaction-2 = 2
tie-satisfaction-3 = 3
tie-satisfaction-4 = 4
tie-satisfaction-5 = 5 – sehr befriedigend
territory-region-and-provinces = Region und Provinzen
mail-invitation-subject = { $kind ->
        [reminder] Erinnerung: { $title }
       *[invitation] { $title }
    }
mail-invitation-body =
    Guten Tag,

    { $kind ->
        [reminder] soweit wir sehen, haben wir Ihre Antwort noch nicht erhalten. { $name } ist eingeladen, an der Umfrage „{ $title }“ teilzunehmen.
       *[invitation] { $name } ist eingeladen, an der Umfrage „{ $title }“ teilzunehmen.
    }

    Ihr persönlicher Link (bitte nicht weiterleiten: Er öffnet die Antwort Ihrer Organisation):
    { $link }

    Sie können einen Entwurf speichern, später mit demselben Link zurückkehren und Ihre Antworten bis zum { $closes } ändern.

    Vielen Dank für Ihre Teilnahme.

## The mechanism, the steering dashboard and snapshots.
mech-reach-line = { $name } würde { $n ->
        [one] einen weiteren Akteur
       *[other] { $n } weitere Akteure
    } auf einen Schritt an das Gremium heranbringen, darunter
mech-at-distance = { $n ->
        [one] eine Verbindung von den Akteuren der Gemeinde entfernt
       *[other] { $n } Verbindungen von den Akteuren der Gemeinde entfernt
    }
mech-commune-tooltip = { $name }: { $n ->
        [one] ein Akteur
       *[other] { $n } Akteure
    }
mech-geojson-error = Die Grenzen der Gemeinden konnten nicht gelesen werden: { $error }
mech-uncovered-communes = Gemeinden ohne Akteur vor Ort für diesen Bereich: { $n }
mech-as-of = Stand: { $date }
mech-coverage-help = von { $n } wallonischen Gemeinden
mech-mechanism-line = { $bodies ->
        [one] ein Gremium
       *[other] { $bodies } Gremien
    }, { $meetings ->
        [one] eine Sitzung abgehalten
       *[other] { $meetings } Sitzungen abgehalten
    }
mech-actions-line = { $open } offen, davon { $overdue } überfällig
mech-changes-since = Änderungen seit „{ $name }“ ({ $date })
mech-summary-line = { $stakeholders } Akteure ({ $added_s } neu, { $removed_s } weggefallen), { $links } Verbindungen ({ $added_l } neu, { $removed_l } weggefallen), Dichte { $density }.
mech-more-rows = … und { $n } weitere
mech-review-isolated-line = { $body }: { $n ->
        [one] ein Mitglied ohne beobachtete Verbindung zu einem anderen Mitglied:
       *[other] { $n } Mitglieder ohne beobachtete Verbindung zu einem anderen Mitglied:
    }
mech-review-central-line = Von den { $n } zentralsten Akteuren (die obersten { $pct } % nach Vermittlung) sitzen { $count } in keinem Gremium:
mech-review-under-line = { $body } hat { $held }-mal von { $expected } geplanten Malen getagt ({ $frequency } seit dem { $since }).
mech-review-fragile-line = { $body }: Die Verbindungen zwischen den Mitgliedern laufen über
privacy-due-intro = Kontaktpersonen, deren Daten seit mehr als { $months ->
        [one] einem Monat
       *[other] { $months } Monaten
    } nicht mehr bestätigt wurden.
survey-resumed = Willkommen zurück: Ihre bisherigen Antworten sind gespeichert. Sie machen bei Teil { $part } von { $count } weiter.
provenance-manual = von Hand erfasst
provenance-import = importiert aus { $file }
provenance-meeting = in einer Sitzung festgestellt ({ $reference })
provenance-observed = beobachtet: { $what }
provenance-survey = Antwort auf Befragung Nr. { $campaign }
analysis-summary-crossing = { $share } % der Verbindungen verbinden Akteure verschiedener institutioneller Ebenen.
analysis-summary-parts = { $parts ->
    [1] Alle verbundenen Akteure bilden ein einziges Netzwerk ({ $largest } von { $actors }).
   *[other] Das Netzwerk zerfällt in { $parts } getrennte Teile; der größte umfasst { $largest } von { $actors } Akteuren.
}
analysis-summary-isolated = { $n ->
    [one] Ein Akteur hat keine Verbindung.
   *[other] { $n } Akteure haben keine Verbindung.
}
analysis-summary-one-sided = { $n ->
    [one] Eine Verbindung ist nur von einer Seite angegeben (zu bestätigen).
   *[other] { $n } Verbindungen sind nur von einer Seite angegeben (zu bestätigen).
}
map-unseen-invitees = { $count ->
    [one] Eine eingeladene Organisation hat nicht geantwortet und wurde von niemandem genannt: Sie wird nicht gezeichnet.
   *[other] { $count } eingeladene Organisationen haben nicht geantwortet und wurden von niemandem genannt: Sie werden nicht gezeichnet.
}
