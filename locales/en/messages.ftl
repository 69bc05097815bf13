# Maillage: texts with values (numbers, names, dates), English. The code formats them with
# `i18n::text` / `tr!`; plurals and numbers are Fluent's work.

## How this language writes numbers and dates.
number-decimal = .
number-group = ,
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December
long-date = { $day } { $month } { $year }
# Between a label and its value ("Level: regional").
colon = :{" "}
# Between items of a list of problems.
list-separator = ;{" "}
quoted = “{ $text }”

## What is wrong with a field of input.
problem-required = this field is required
problem-too-long = too long (at most { $max } characters)
problem-too-short = too short (at least { $min } characters)
problem-control-characters = contains control characters
problem-unknown = unknown { $what ->
        [level] level
        [kind] kind
        [sector] sector
        [link_type] link type
        [territory] territory
        [format] format
        [body] coordination body
        [phase] phase
        [choice] choice
        [legal_basis] legal basis
       *[other] value
    } "{ $value }"; expected one of: { $expected }
problem-ambiguous = "{ $value }" is ambiguous: { $candidates }; be more specific (code or full name)
problem-out-of-range = "{ $value }" out of range: a whole number from { $min } to { $max }
problem-not-an-integer = "{ $value }" is not a whole number
problem-invalid-email = "{ $value }" is not an email address (name@domain.be)
problem-invalid-phone = "{ $value }" is not a phone number (digits, spaces, + / . -)
problem-invalid-url = "{ $value }" is not a web address (https://…)
problem-invalid-date = "{ $value }" is not a date (YYYY-MM-DD or DD/MM/YYYY)
problem-invalid-bool = "{ $value }": expected yes/no (or 1/0, formal/informal)
problem-wrong-password = this is not your current password
problem-invalid-provenance = "{ $value }": expected provenance manual, import:<file>, meeting:<meeting> or observed:<description> (survey:… is for surveys only)
problem-more-errors = { $count ->
        [one] … and one more problem: fix these first, then import again
       *[other] … and { $count } more problems: fix these first, then import again
    }
problem-too-many-rows = the file has more than { $max } data rows: split it into several files
problem-too-many-items = at most { $max } entries
problem-repeated = "{ $value }" appears twice
problem-wrong-code = this code is wrong or was used already; take the one shown now
problem-expired = too late; sign in again
problem-bad-credentials = wrong e-mail address or password
problem-date-order = the end date is before the start date
problem-unknown-stakeholder = no stakeholder has the name or acronym "{ $value }"
problem-self-link = a link joins two different stakeholders
problem-duplicate-in-file = duplicate of line { $line }
problem-unknown-column = unknown column "{ $value }"; known columns: { $expected }
problem-missing-column = required column missing from the header
problem-duplicate-column = column appears twice in the header
problem-wrong-field-count = { $found ->
        [one] one field instead of { $expected }
       *[other] { $found } fields instead of { $expected }
    }
problem-unreadable = unreadable file: { $detail }
problem-empty = the file is empty
problem-invalid-code = "{ $value }": a code is written in lowercase letters without accents, digits and _ (at most 40)
problem-invalid-ins = "{ $value }" is not an INS code (five digits)
problem-not-a-commune = "{ $value }" is not a commune
problem-ins-taken = INS code { $value } already belongs to another territory
problem-too-few-communes = a merger joins at least two communes
problem-other-province = "{ $value }" is in another province: a merger happens within one province
ref-merged = { $communes ->
        [one] One commune merged
       *[other] { $communes } communes merged
    } into { $name }: { $stakeholders ->
        [0] no actor moved
        [one] one actor moved
       *[other] { $stakeholders } actors moved
    }, { $bodies ->
        [0] no body
        [one] one body
       *[other] { $bodies } bodies
    }.

## The respondent's privacy notice and the analysis' note on sampling.
privacy-notice = Data protection. Your organisation's data and its contact persons' are held by the coordination team of the IOM / SPW IAS project for the reception of people displaced from Ukraine, to map the actors and their links and design a coordination mechanism. Legal basis: a task in the public interest (GDPR art. 6(1)(e)), or your consent where it was asked. Contact persons' details are kept { $months } months after they were last confirmed, then reviewed or erased; your answers serve the project's analyses and are shown to the steering committee only without personal data. You may ask for access to your data, its correction or erasure, or object to its use by writing to the team that sent you this link, and lodge a complaint with the Belgian Data Protection Authority (www.dataprotectionauthority.be).
sampling-note = Large network: betweenness and closeness estimated from { $sources } of the { $nodes } actors taken as starting points (95 % margin of error: ±{ $betweenness } for betweenness, ±{ $closeness } for closeness). The exact computation: "maillage analyse --exact".

## Where in a file.
at-line = line { $line }: { $text }
at-line-column = line { $line }, column { $column }: { $text }

## Territories.
territory-region = Wallonia
territory-province = Province of { $name }
territory-arrondissement = Arrondissement of { $name }
territory-commune = { $name }

## Errors said to the person.
error-unauthenticated = Sign in to reach this page.
error-forbidden = Your role does not allow this; ask an administrator.
error-cross-site = Request refused: it did not come from a Maillage page, or the page expired. Reload the page and try again.
error-too-many-attempts = Too many attempts; try again in { $seconds } s.
error-storage = The database cannot save right now (disk full or server unavailable): nothing was saved. Try again in a moment; the incident was logged.
error-unconfirmed = The database did not confirm the save (disk full or server unavailable): check whether the change is there before trying again.
error-internal = Internal error; it was recorded in the server log.
error-json-body = invalid JSON request body: { $detail }
unavailable-png = PNG needs Graphviz (package "graphviz"), which is not installed on this server; download the SVG or the DOT instead.
unavailable-pg-restore = pg_restore is not installed on this machine
conflict-stakeholder-name = a stakeholder named "{ $name }" already exists
conflict-name-taken-meanwhile = a stakeholder of this file has a name taken meanwhile by another; run the import again
conflict-body-name = a body named "{ $name }" exists already
conflict-account-email = An account already exists for { $email }.
conflict-link-exists = a link of this type already exists between these two stakeholders
conflict-invalid-proposal = { $count ->
        [one] invalid proposal: one problem
       *[other] invalid proposal: { $count } problems
    }
conflict-correction = "{ $value }" does not fit { $field }: { $problem }
revert-conflict = change #{ $change } cannot be reverted: change #{ $later } has since changed { $fields }
revert-this-record = this record
revert-final = change #{ $change } cannot be reverted (it is final by nature)
revert-unrecorded = the values before change #{ $change } were not recorded
campaign-nobody = no stakeholder matches these filters: nobody to invite
campaign-unknown-organisation = no organisation of the inventory has this name
campaign-closed = this survey closed on { $closes }: extend it first
campaign-already-invited = { $name } is already invited to this survey
campaign-withdraw-answered = this stakeholder has already sent its answers: they stay in the results, and the invitation can no longer be withdrawn
privacy-who-unknown = "{ $value }" is neither an e-mail address nor a contact person's number (contact:12)
privacy-who-vague = nothing precise enough to identify the person (5 characters at least)

## Backups and restores.
load-format = not a complete Maillage dump (format { $format }, version { $version })
load-schema = the dump was taken at schema { $dump }, this database is at schema { $here }: load it with the version of Maillage that took it, then upgrade
load-not-empty = the database is not empty ({ $what }): load and restore only fill an empty database
load-unknown-table = the dump has a table "{ $table }" that this database does not have
load-unknown-column = table { $table }: column "{ $column }" is not in this database
load-row-width = table { $table }, row { $row }: { $columns } values for { $expected } columns
load-unreadable = unreadable dump, line { $line }, column { $column }: { $detail }
backup-exists = { $file } already exists: choose another file
restore-unknown-format = { $file } is neither a SQLite database, a pg_dump archive nor a Maillage JSON dump
restore-pg-dump-into-sqlite = a pg_dump archive restores into a PostgreSQL database; for SQLite, use a JSON dump (maillage dump)

## A respondent's answers.
answer-required = This question is required.
answer-choose-given = Choose among the options given.
answer-one-only = One answer only, please.
answer-other-too-long = "Other": 500 characters at most.
answer-not-a-number = Enter a number, for example 2.5.
answer-not-a-date = Enter a date (dd/mm/yyyy).
answer-new-name-too-long = The name of an organisation to add has at most 200 characters.
answer-new-incomplete = For an organisation to add, give its name, level and type.
answer-describe-ties = Describe each organisation you named.
answer-entry-undecided = Change the wrong fields, or confirm that everything is correct.
answer-entry-name-empty = The name cannot be empty.
answer-too-long = { $max } characters at most (you wrote { $written }).
answer-out-of-range = Enter a number between { $min } and { $max }.
answer-too-many-ties = At most { $max } organisations per question (you named { $named }).
tie-type-coordinates = We coordinate
tie-type-partners = Partnership
tie-type-refers = We refer people to them
tie-type-referred_by = They refer people to us
tie-type-funds = We fund them
tie-type-funded_by = They fund us
tie-type-shares_data = We share data
tie-frequency-weekly = Weekly
tie-frequency-monthly = Monthly
tie-frequency-quarterly = Quarterly
tie-frequency-less = Less often
tie-formal-yes = Formal agreement
tie-formal-no = Informal

## The map.
grouped-by-level = level
grouped-by-province = province
grouped-by-kind = kind of actor
group-no-province = No province (above provincial level)
grouped-title = Network of { $actors } actors and { $links } links, grouped by { $by } ({ $groups } groups)
grouped-between = { $a } – { $b }: { $count ->
        [one] one link
       *[other] { $count } links
    }
grouped-members = { $actors ->
        [one] one actor
       *[other] { $actors } actors
    } · { $links ->
        [one] one link inside
       *[other] { $links } links inside
    }
grouped-click = {" "}— click to show this group
node-not-answered = (invited, has not answered)
node-draft = (invited, draft in progress, not sent)
node-not-invited = (not invited, named by a respondent)
node-added = (new)
node-removed = (gone since)
renderer-builtin = built-in engine (level bands)
graphviz-missing = Graphviz is not installed on this server.
graphviz-failed = Graphviz failed ({ $detail })

## What each measure of the analysis means, in one line.
measure-degree = How many links the actor has, either way.
measure-weighted_degree = Links weighted by their strength (1 to 3).
measure-in_degree = Links received: how many actors turn to it.
measure-out_degree = Links sent: how many actors it turns to.
measure-betweenness = Share of the shortest paths between two actors that go through it: an unavoidable go-between.
measure-closeness = How close it is to everyone else: information reaches it fast.
measure-eigenvector = Being linked to actors who are themselves well linked.
measure-clustering = Do its partners also work with each other? (0 = never, 1 = always)
measure-constraint = Dependence on one closed circle; low = the actor bridges separate groups (structural holes).
measure-brokerage = Open paths A → actor → B where it brokers, by the levels of A, itself and B.
measure-articulation_point = Single point of failure: if it leaves, the network falls apart.
measure-community = A group of actors more linked to each other than to the rest (Louvain method).
measure-ei_index = E-I index: +1 every link crosses levels, −1 none does.

## E-mails.
mail-reset-subject = Maillage: choose a new password
mail-reset-body =
    Hello,

    Someone (probably you) asked to choose a new password for the Maillage account { $account }.

    This link works once, for two days:
    { $link }

    If you did not ask, ignore this message: your password does not change.
choose-questionnaire = Choose a questionnaire.
map-grouped = More than { $limit } actors: the map groups them by { $by }. Click a group to open it; a group small enough is drawn actor by actor.
cli-analysing = analysing the network

## The analysis.
column-degree = Links
column-weighted_degree = Weighted links
column-in_degree = In
column-out_degree = Out
column-betweenness = Betweenness
column-closeness = Closeness
column-eigenvector = Eigenvector
column-clustering = Clustering
column-constraint = Constraint
column-brokerage = Brokerage
brokerage-roles = coord. { $coordinator } · itin. { $itinerant } · repr. { $representative } · gatek. { $gatekeeper } · liaison { $liaison }
grid-cell = { $count } actors (key actors apart) — influence { $influence }, interest { $interest }

## Survey results.
province-not-given = (not given)
result-mean = mean { $mean } out of { $points }
result-numbers = median { $median }, total { $total }, from { $lowest } to { $highest }
result-ties = { $ties ->
        [one] one tie declared
       *[other] { $ties } ties declared
    }, { $per_respondent } per respondent; { $proposed ->
        [one] one organisation proposed
       *[other] { $proposed } organisations proposed
    }
result-entries = { $confirmed ->
        [one] one record confirmed as it is
       *[other] { $confirmed } records confirmed as they are
    }, { $corrected } with corrections
tie-satisfaction-1 = 1 – very poor
tie-satisfaction-2 = 2
tie-satisfaction-3 = 3
tie-satisfaction-4 = 4
tie-satisfaction-5 = 5 – very good
territory-region-and-provinces = Region and provinces
mail-invitation-subject = { $kind ->
        [reminder] Reminder: { $title }
       *[invitation] { $title }
    }
mail-invitation-body =
    Hello,

    { $kind ->
        [reminder] We have not received your answer yet. { $name } is invited to answer the survey "{ $title }".
       *[invitation] { $name } is invited to answer the survey "{ $title }".
    }

    Your personal link (do not forward it: it opens your organisation's answer):
    { $link }

    You can save a draft, come back later with the same link and change your answers until { $closes }.

    Thank you for taking part.

## The mechanism, the steering dashboard and snapshots.
mech-reach-line = { $name } would bring { $n ->
        [one] one more actor
       *[other] { $n } more actors
    } within one step of the body, among them
mech-at-distance = { $n ->
        [one] one link from the commune's actors
       *[other] { $n } links from the commune's actors
    }
mech-commune-tooltip = { $name }: { $n ->
        [one] one actor
       *[other] { $n } actors
    }
mech-geojson-error = The communes' boundaries could not be read: { $error }
mech-uncovered-communes = Communes without an actor on the ground for this sector: { $n }
mech-as-of = As of { $date }
mech-coverage-help = out of { $n } Walloon communes
mech-mechanism-line = { $bodies ->
        [one] one body
       *[other] { $bodies } bodies
    }, { $meetings ->
        [one] one meeting held
       *[other] { $meetings } meetings held
    }
mech-actions-line = { $open } open, { $overdue } of them overdue
mech-changes-since = Changes since “{ $name }” ({ $date })
mech-summary-line = { $stakeholders } stakeholders ({ $added_s } new, { $removed_s } gone), { $links } links ({ $added_l } new, { $removed_l } gone), density { $density }.
mech-more-rows = … and { $n } more
mech-review-isolated-line = { $body }: { $n ->
        [one] one member with no observed link to any other member:
       *[other] { $n } members with no observed link to any other member:
    }
mech-review-central-line = Of the { $n } most central actors (the top { $pct } % by betweenness), { $count } sit in no body:
mech-review-under-line = { $body } met { $held } times out of { $expected } planned ({ $frequency } since { $since }).
mech-review-fragile-line = { $body }: the ties between members go through
privacy-due-intro = Contact persons whose data has not been confirmed for more than { $months ->
        [one] one month
       *[other] { $months } months
    }.
survey-resumed = Welcome back: your answers so far are kept. You continue at part { $part } of { $count }.
provenance-manual = entered by hand
provenance-import = imported from { $file }
provenance-meeting = seen at a meeting ({ $reference })
provenance-observed = observed: { $what }
provenance-survey = answer to survey no. { $campaign }
analysis-summary-crossing = { $share } % of links join actors of different institutional levels.
analysis-summary-parts = { $parts ->
    [1] All linked actors form one network ({ $largest } of { $actors }).
   *[other] The network falls into { $parts } separate parts; the largest holds { $largest } of { $actors } actors.
}
analysis-summary-isolated = { $n ->
    [one] One actor has no link.
   *[other] { $n } actors have no link.
}
analysis-summary-one-sided = { $n ->
    [one] One link is declared by one side only (to confirm).
   *[other] { $n } links are declared by one side only (to confirm).
}
map-unseen-invitees = { $count ->
    [one] One invited organisation has not answered and no respondent named it: it is not drawn.
   *[other] { $count } invited organisations have not answered and no respondent named them: they are not drawn.
}
