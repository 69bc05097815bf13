# Maillage: texts with values (numbers, names, dates), Ukrainian. The code formats them with
# `i18n::text` / `tr!`; plurals (one, few, many, other) and numbers are Fluent's work.

## How this language writes numbers and dates.
number-decimal = ,
number-group = {"\u00A0"}
month-1 = січня
month-2 = лютого
month-3 = березня
month-4 = квітня
month-5 = травня
month-6 = червня
month-7 = липня
month-8 = серпня
month-9 = вересня
month-10 = жовтня
month-11 = листопада
month-12 = грудня
long-date = { $day } { $month } { $year } р.
# Between a label and its value ("Рівень: регіональний").
colon = :{" "}
# Between items of a list of problems.
list-separator = ;{" "}
quoted = «{ $text }»

## What is wrong with a field of input.
problem-required = це поле обов'язкове
problem-too-long = задовго (щонайбільше { $max } символів)
problem-too-short = закоротко (щонайменше { $min } символів)
problem-control-characters = містить керівні символи
problem-unknown = { $what ->
        [level] невідомий рівень
        [kind] невідомий тип учасника
        [sector] невідома сфера
        [link_type] невідомий тип зв'язку
        [territory] невідома територія
        [format] невідомий формат
        [body] невідомий координаційний орган
        [phase] невідомий етап
        [choice] невідомий варіант
        [legal_basis] невідома правова підстава
       *[other] невідоме значення
    } «{ $value }»; очікується одне з: { $expected }
problem-ambiguous = «{ $value }» неоднозначне: { $candidates }; уточніть (код або повна назва)
problem-out-of-range = «{ $value }» поза межами: ціле число від { $min } до { $max }
problem-not-an-integer = «{ $value }» не є цілим числом
problem-invalid-email = «{ $value }» не є адресою електронної пошти (name@domain.be)
problem-invalid-phone = «{ $value }» не є номером телефону (цифри, пробіли, + / . -)
problem-invalid-url = «{ $value }» не є вебадресою (https://…)
problem-invalid-date = «{ $value }» не є датою (РРРР-ММ-ДД або ДД/ММ/РРРР)
problem-invalid-bool = «{ $value }»: очікується так/ні (або 1/0, формальний/неформальний)
problem-wrong-password = це не ваш поточний пароль
problem-invalid-provenance = «{ $value }»: очікуване походження manual, import:<файл>, meeting:<засідання> або observed:<опис> (survey:… лише для опитувань)
problem-more-errors = { $count ->
        [one] … і ще { $count } проблема: спершу виправте ці, потім імпортуйте знову
        [few] … і ще { $count } проблеми: спершу виправте ці, потім імпортуйте знову
       *[other] … і ще { $count } проблем: спершу виправте ці, потім імпортуйте знову
    }
problem-too-many-rows = у файлі понад { $max } рядків даних: розділіть його на кілька файлів
problem-too-many-items = щонайбільше { $max } записів
problem-repeated = «{ $value }» трапляється двічі
problem-wrong-code = код неправильний або вже використаний; введіть код, показаний зараз
problem-expired = час минув; увійдіть знову
problem-bad-credentials = неправильна адреса або пароль
problem-date-order = дата завершення передує даті початку
problem-unknown-stakeholder = жоден учасник не має назви чи абревіатури «{ $value }»
problem-self-link = зв'язок поєднує двох різних учасників
problem-duplicate-in-file = дублікат рядка { $line }
problem-unknown-column = невідомий стовпець «{ $value }»; відомі стовпці: { $expected }
problem-missing-column = у заголовку бракує обов'язкового стовпця
problem-duplicate-column = стовпець трапляється в заголовку двічі
problem-wrong-field-count = { $found ->
        [one] { $found } поле замість { $expected }
        [few] { $found } поля замість { $expected }
       *[other] { $found } полів замість { $expected }
    }
problem-unreadable = файл неможливо прочитати: { $detail }
problem-empty = файл порожній
problem-invalid-code = «{ $value }»: код складається з малих латинських літер без діакритики, цифр і _ (не більше 40)
problem-invalid-ins = «{ $value }» — не код INS (п'ять цифр)
problem-not-a-commune = «{ $value }» — не громада
problem-ins-taken = код INS { $value } уже належить іншій території
problem-too-few-communes = об'єднання охоплює щонайменше дві громади
problem-other-province = «{ $value }» розташована в іншій провінції: об'єднання відбувається в межах однієї провінції
ref-merged = { $communes ->
        [one] { $communes } громаду об'єднано
        [few] { $communes } громади об'єднано
       *[other] { $communes } громад об'єднано
    } в { $name }: { $stakeholders ->
        [0] жодного суб'єкта не перенесено
        [one] перенесено { $stakeholders } суб'єкт
        [few] перенесено { $stakeholders } суб'єкти
       *[other] перенесено { $stakeholders } суб'єктів
    }, { $bodies ->
        [0] жодного органу
        [one] { $bodies } орган
        [few] { $bodies } органи
       *[other] { $bodies } органів
    }.

## The respondent's privacy notice and the analysis' note on sampling.
privacy-notice = Захист даних. Дані вашої організації та її контактних осіб зберігає координаційна команда проєкту МОМ / SPW IAS з приймання людей, переміщених з України, щоб нанести на карту учасників і зв'язки між ними та розробити механізм координації. Правова підстава: завдання в суспільних інтересах (GDPR, ст. 6(1)(e)) або ваша згода, якщо її запитували. Дані контактних осіб зберігаються { $months } міс. після останнього підтвердження, після чого їх переглядають або видаляють; ваші відповіді використовуються для аналізу в межах проєкту, а керівному комітету їх показують лише без персональних даних. Ви можете запросити доступ до своїх даних, їх виправлення чи видалення або заперечити проти їх обробки, написавши команді, яка надіслала вам це посилання, а також подати скаргу до бельгійського Органу із захисту даних (www.dataprotectionauthority.be).
sampling-note = Велика мережа: посередництво й близькість оцінено від { $sources } з { $nodes } учасників як вихідних точок (похибка з імовірністю 95 %: ±{ $betweenness } для посередництва, ±{ $closeness } для близькості). Точний розрахунок: «maillage analyse --exact».

## Where in a file.
at-line = рядок { $line }: { $text }
at-line-column = рядок { $line }, стовпець { $column }: { $text }

## Territories.
territory-region = Валлонія
territory-province = провінція { $name }
territory-arrondissement = округ { $name }
territory-commune = { $name }

## Errors said to the person.
error-unauthenticated = Увійдіть, щоб відкрити цю сторінку.
error-forbidden = Ваша роль не дозволяє цієї дії; зверніться до адміністратора.
error-cross-site = Запит відхилено: він надійшов не зі сторінки Maillage, або строк дії сторінки минув. Перезавантажте сторінку й спробуйте ще раз.
error-too-many-attempts = Забагато спроб; повторіть через { $seconds } с.
error-storage = База даних зараз не може зберегти зміни (диск заповнений або сервер недоступний): нічого не збережено. Спробуйте трохи згодом; інцидент зафіксовано.
error-unconfirmed = База даних не підтвердила збереження (диск заповнений або сервер недоступний): перевірте, чи з'явилася зміна, перш ніж пробувати знову.
error-internal = Внутрішня помилка; її зафіксовано в журналі сервера.
error-json-body = недійсний JSON у тілі запиту: { $detail }
unavailable-png = Для PNG потрібен Graphviz (пакет «graphviz»), який не встановлено на цьому сервері; завантажте натомість SVG або DOT.
unavailable-pg-restore = pg_restore не встановлено на цій машині
conflict-stakeholder-name = учасник із назвою «{ $name }» уже існує
conflict-name-taken-meanwhile = назву одного з учасників цього файлу тим часом отримав інший учасник; запустіть імпорт ще раз
conflict-body-name = орган із назвою «{ $name }» уже існує
conflict-account-email = Обліковий запис для { $email } уже існує.
conflict-link-exists = між цими двома учасниками вже є зв'язок такого типу
conflict-invalid-proposal = { $count ->
        [one] недійсна пропозиція: { $count } проблема
        [few] недійсна пропозиція: { $count } проблеми
       *[other] недійсна пропозиція: { $count } проблем
    }
conflict-correction = «{ $value }» не підходить для поля { $field }: { $problem }
revert-conflict = зміну № { $change } неможливо скасувати: зміна № { $later } відтоді змінила { $fields }
revert-this-record = цей запис
revert-final = зміну № { $change } неможливо скасувати (вона остаточна за своєю природою)
revert-unrecorded = значення до зміни № { $change } не збережено
campaign-nobody = жоден учасник не відповідає цим фільтрам: нікого запрошувати
campaign-unknown-organisation = жодна організація в інвентарі не має такої назви
campaign-closed = це опитування закрито з { $closes }: спершу продовжте його
campaign-already-invited = { $name } уже запрошено до цього опитування
campaign-withdraw-answered = цей учасник уже надіслав свої відповіді: вони залишаються в результатах, запрошення більше не можна відкликати
privacy-who-unknown = «{ $value }» не є ні адресою електронної пошти, ні номером контактної особи (contact:12)
privacy-who-vague = недостатньо даних, щоб визначити особу (щонайменше 5 символів)

## Backups and restores.
load-format = це не повний експорт Maillage (формат { $format }, версія { $version })
load-schema = експорт зроблено зі схемою { $dump }, а ця база має схему { $here }: завантажте його версією Maillage, якою його зроблено, а потім оновіть
load-not-empty = база даних не порожня ({ $what }): завантаження й відновлення заповнюють лише порожню базу
load-unknown-table = експорт містить таблицю «{ $table }», якої немає в цій базі
load-unknown-column = таблиця { $table }: стовпця «{ $column }» немає в цій базі
load-row-width = таблиця { $table }, рядок { $row }: { $columns } значень для { $expected } стовпців
load-unreadable = експорт неможливо прочитати, рядок { $line }, стовпець { $column }: { $detail }
backup-exists = { $file } уже існує: оберіть інший файл
restore-unknown-format = { $file } не є ні базою SQLite, ні архівом pg_dump, ні JSON-експортом Maillage
restore-pg-dump-into-sqlite = архів pg_dump відновлюється в базу PostgreSQL; для SQLite скористайтеся JSON-експортом (maillage dump)

## A respondent's answers.
answer-required = Це обов'язкове питання.
answer-choose-given = Оберіть один із запропонованих варіантів.
answer-one-only = Лише одна відповідь, будь ласка.
answer-other-too-long = «Інше»: щонайбільше 500 символів.
answer-not-a-number = Укажіть число, наприклад 2,5.
answer-not-a-date = Укажіть дату (дд/мм/рррр).
answer-new-name-too-long = Назва організації, яку треба додати, — щонайбільше 200 символів.
answer-new-incomplete = Для організації, яку треба додати, укажіть назву, рівень і тип.
answer-describe-ties = Опишіть кожну названу організацію.
answer-entry-undecided = Змініть неправильні поля або підтвердьте, що все правильно.
answer-entry-name-empty = Назва не може бути порожньою.
answer-too-long = Щонайбільше { $max } символів (у вас { $written }).
answer-out-of-range = Укажіть число від { $min } до { $max }.
answer-too-many-ties = Щонайбільше { $max } організацій на одне питання (ви назвали { $named }).
tie-type-coordinates = Ми координуємо свою роботу
tie-type-partners = Партнерство
tie-type-refers = Ми скеровуємо людей до них
tie-type-referred_by = Вони скеровують людей до нас
tie-type-funds = Ми їх фінансуємо
tie-type-funded_by = Вони нас фінансують
tie-type-shares_data = Ми обмінюємося даними
tie-frequency-weekly = Щотижня
tie-frequency-monthly = Щомісяця
tie-frequency-quarterly = Щокварталу
tie-frequency-less = Рідше
tie-formal-yes = Формальна угода (договір…)
tie-formal-no = Неформально

## The map.
grouped-by-level = рівнем
grouped-by-province = провінцією
grouped-by-kind = типом учасника
group-no-province = Без провінції (рівні, вищі за провінційний)
grouped-title = Мережа з { $actors } учасників і { $links } зв'язків, згрупована за { $by } (груп: { $groups })
grouped-between = { $a } – { $b }: { $count ->
        [one] { $count } зв'язок
        [few] { $count } зв'язки
       *[other] { $count } зв'язків
    }
grouped-members = { $actors ->
        [one] { $actors } учасник
        [few] { $actors } учасники
       *[other] { $actors } учасників
    } · { $links ->
        [one] { $links } внутрішній зв'язок
        [few] { $links } внутрішні зв'язки
       *[other] { $links } внутрішніх зв'язків
    }
grouped-click = {" "}— натисніть, щоб показати цю групу
node-not-answered = (запрошено, не відповів)
node-draft = (запрошено, чернетка, не надіслано)
node-not-invited = (не запрошено, назване респондентом)
node-added = (новий)
node-removed = (відтоді зник)
renderer-builtin = вбудований рушій (смуги за рівнями)
graphviz-missing = Graphviz не встановлено на цьому сервері.
graphviz-failed = Помилка Graphviz ({ $detail })

## What each measure of the analysis means, in one line.
measure-degree = Скільки зв'язків має учасник, в обох напрямках.
measure-weighted_degree = Зв'язки, зважені за інтенсивністю (від 1 до 3).
measure-in_degree = Отримані зв'язки: скільки учасників звертаються до нього.
measure-out_degree = Надіслані зв'язки: до скількох учасників звертається він.
measure-betweenness = Частка найкоротших шляхів між двома учасниками, що проходять через нього: неминучий посередник.
measure-closeness = Наскільки він близький до всіх інших: інформація доходить до нього швидко.
measure-eigenvector = Зв'язок з учасниками, які самі мають багато зв'язків.
measure-clustering = Чи співпрацюють його партнери також між собою? (0 = ніколи, 1 = завжди)
measure-constraint = Залежність від одного замкненого кола; низьке значення = учасник поєднує розрізнені групи (структурні пустоти).
measure-brokerage = Відкриті шляхи A → учасник → B, на яких він посередничає, за рівнями A, його самого та B.
measure-articulation_point = Єдина точка відмови: якщо він зникне, мережа розпадеться.
measure-community = Група учасників, пов'язаних між собою тісніше, ніж з рештою (метод Лувена).
measure-ei_index = Індекс E-I: +1 — усі зв'язки перетинають рівні, −1 — жоден.

## E-mails.
mail-reset-subject = Maillage: оберіть новий пароль
mail-reset-body =
    Добрий день!

    Хтось (імовірно, ви) попросив обрати новий пароль для облікового запису Maillage { $account }.

    Це посилання спрацює один раз протягом двох днів:
    { $link }

    Якщо ви нічого не просили, просто проігноруйте цей лист: ваш пароль не зміниться.
choose-questionnaire = Оберіть анкету.
map-grouped = Понад { $limit } учасників: карта групує їх за { $by }. Натисніть на групу, щоб її відкрити; досить малу групу показано по одному учаснику.
cli-analysing = аналіз мережі

## The analysis.
column-degree = Зв'язки
column-weighted_degree = Зважені зв'язки
column-in_degree = Вхідні
column-out_degree = Вихідні
column-betweenness = Посередництво
column-closeness = Близькість
column-eigenvector = Власний вектор
column-clustering = Кластеризація
column-constraint = Обмеженість
column-brokerage = Посередництво (ролі)
brokerage-roles = коорд. { $coordinator } · мандр. { $itinerant } · предст. { $representative } · воротар { $gatekeeper } · зв'язк. { $liaison }
grid-cell = { $count } учасн. (без ключових) — вплив { $influence }, зацікавленість { $interest }

## Survey results.
province-not-given = (не вказано)
result-mean = у середньому { $mean } з { $points }
result-numbers = медіана { $median }, разом { $total }, від { $lowest } до { $highest }
result-ties = { $ties ->
        [one] указано { $ties } зв'язок
        [few] указано { $ties } зв'язки
       *[other] указано { $ties } зв'язків
    }, { $per_respondent } на респондента; { $proposed ->
        [one] запропоновано { $proposed } організацію
        [few] запропоновано { $proposed } організації
       *[other] запропоновано { $proposed } організацій
    }
result-entries = { $confirmed ->
        [one] { $confirmed } запис підтверджено без змін
        [few] { $confirmed } записи підтверджено без змін
       *[other] { $confirmed } записів підтверджено без змін
    }, { $corrected } з виправленнями
tie-satisfaction-1 = 1 – дуже незадовільно
tie-satisfaction-2 = 2
tie-satisfaction-3 = 3
tie-satisfaction-4 = 4
tie-satisfaction-5 = 5 – дуже добре
territory-region-and-provinces = Регіон і провінції
mail-invitation-subject = { $kind ->
        [reminder] Нагадування: { $title }
       *[invitation] { $title }
    }
mail-invitation-body =
    Добрий день!

    { $kind ->
        [reminder] Схоже, ми ще не отримали вашої відповіді. Запрошуємо { $name } взяти участь в опитуванні «{ $title }».
       *[invitation] Запрошуємо { $name } взяти участь в опитуванні «{ $title }».
    }

    Ваше персональне посилання (не пересилайте його: воно відкриває відповідь вашої організації):
    { $link }

    Ви можете зберегти чернетку, повернутися пізніше за тим самим посиланням і змінювати відповіді до { $closes }.

    Дякуємо за участь.

## The mechanism, the steering dashboard and snapshots.
mech-reach-line = { $name } наблизив(-ла) б до органу на один крок { $n ->
        [one] ще { $n } учасника
       *[other] ще { $n } учасників
    }, серед них
mech-at-distance = { $n ->
        [one] за { $n } зв'язок від учасників громади
        [few] за { $n } зв'язки від учасників громади
       *[other] за { $n } зв'язків від учасників громади
    }
mech-commune-tooltip = { $name }: { $n ->
        [one] { $n } учасник
        [few] { $n } учасники
       *[other] { $n } учасників
    }
mech-geojson-error = Не вдалося прочитати межі громад: { $error }
mech-uncovered-communes = Громади без учасника на місцях у цій сфері: { $n }
mech-as-of = Стан на { $date }
mech-coverage-help = з { $n } громад Валлонії
mech-mechanism-line = { $bodies ->
        [one] { $bodies } орган
        [few] { $bodies } органи
       *[other] { $bodies } органів
    }, { $meetings ->
        [one] проведено { $meetings } засідання
        [few] проведено { $meetings } засідання
       *[other] проведено { $meetings } засідань
    }
mech-actions-line = невиконаних: { $open }, з них прострочених: { $overdue }
mech-changes-since = Зміни від «{ $name }» ({ $date })
mech-summary-line = Учасники: { $stakeholders } (нових { $added_s }, зниклих { $removed_s }), зв'язки: { $links } (нових { $added_l }, зниклих { $removed_l }), щільність { $density }.
mech-more-rows = … і ще { $n }
mech-review-isolated-line = { $body }: { $n ->
        [one] { $n } член без спостережуваного зв'язку з іншими членами:
        [few] { $n } члени без спостережуваного зв'язку з іншими членами:
       *[other] { $n } членів без спостережуваного зв'язку з іншими членами:
    }
mech-review-central-line = З { $n } найцентральніших учасників (перші { $pct } % за посередництвом) { $count } не входять до жодного органу:
mech-review-under-line = { $body } збирався { $held } раз(и) із { $expected } запланованих ({ $frequency } від { $since }).
mech-review-fragile-line = { $body }: зв'язки між членами проходять через
privacy-due-intro = Контактні особи, чиї дані не підтверджувалися понад { $months ->
        [one] { $months } місяць
        [few] { $months } місяці
       *[other] { $months } місяців
    }.
survey-resumed = Раді вас знову бачити: ваші відповіді збережено. Ви продовжуєте з частини { $part } з { $count }.
provenance-manual = введено вручну
provenance-import = імпортовано з { $file }
provenance-meeting = зафіксовано на засіданні ({ $reference })
provenance-observed = спостереження: { $what }
provenance-survey = відповідь на опитування № { $campaign }
analysis-summary-crossing = { $share } % зв'язків поєднують учасників різних інституційних рівнів.
analysis-summary-parts = { $parts ->
    [1] Усі пов'язані учасники утворюють одну мережу ({ $largest } з { $actors }).
   *[other] Мережа розпадається на { $parts } окремих частин; найбільша охоплює { $largest } з { $actors } учасників.
}
analysis-summary-isolated = { $n ->
    [one] Один учасник не має жодного зв'язку.
   *[other] Учасників без жодного зв'язку: { $n }.
}
analysis-summary-one-sided = { $n ->
    [one] Один зв'язок заявлено лише з одного боку (потребує підтвердження).
   *[other] Зв'язків, заявлених лише з одного боку (потребують підтвердження): { $n }.
}
map-unseen-invitees = { $count ->
    [one] { $count } запрошена організація не відповіла, і жоден респондент її не назвав: її не показано.
    [few] { $count } запрошені організації не відповіли, і жоден респондент їх не назвав: їх не показано.
   *[other] { $count } запрошених організацій не відповіли, і жоден респондент їх не назвав: їх не показано.
}
