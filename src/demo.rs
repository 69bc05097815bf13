//! The demo network: a fictional but plausible map of the Walloon reception ecosystem for
//! people displaced from Ukraine (real kinds of institutions, invented people and ties).
//! It is written as two CSV files and loaded through the ordinary import, so it is
//! idempotent and exercises the same path as a coordinator's own files.

use crate::app::transfer::{self, Table};
use crate::app::{AppError, AppState, Role, accounts, inventory};
use crate::csvio::ImportReport;
use crate::domain::stakeholder::ContactDraft;
use std::collections::HashMap;

const COMMUNES_CSV: &str = include_str!("../data/wallonia_communes.csv");

/// Communes with a CPAS in the demo; the first ones also get their commune and social
/// cohesion plan.
const COMMUNES: &[&str] = &[
    "Namur",
    "Liège",
    "Charleroi",
    "Mons",
    "La Louvière",
    "Tournai",
    "Verviers",
    "Arlon",
    "Wavre",
    "Seraing",
    "Mouscron",
    "Huy",
    "Nivelles",
    "Marche-en-Famenne",
    "Eupen",
    "Bastogne",
    "Dinant",
    "Ottignies-Louvain-la-Neuve",
    "Andenne",
    "Gembloux",
    "Braine-l'Alleud",
    "Herstal",
    "Libramont-Chevigny",
    "Virton",
    "Waremme",
    "Ath",
    "Binche",
    "Châtelet",
    "Fleurus",
    "Sambreville",
    "Tubize",
    "Jodoigne",
    "Saint-Vith",
    "Malmedy",
    "Spa",
    "Ciney",
    "Rochefort",
    "Couvin",
    "Philippeville",
    "Chimay",
    "Péruwelz",
    "Flémalle",
    "Visé",
    "Bertrix",
    "Florenville",
    "Walcourt",
    "La Roche-en-Ardenne",
    "Hamois",
];
const WITH_COMMUNE: usize = 30;
const WITH_PCS: usize = 16;

struct Commune {
    name: String,
    arrondissement: String,
    province: String,
}

fn communes() -> HashMap<String, Commune> {
    COMMUNES_CSV
        .lines()
        .skip(1)
        .filter_map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            (f.len() >= 8).then(|| {
                (
                    f[1].to_owned(),
                    Commune { name: f[1].to_owned(), arrondissement: f[5].to_owned(), province: f[7].to_owned() },
                )
            })
        })
        .collect()
}

/// "de Namur", "d'Andenne": French elision before a vowel.
fn of(place: &str) -> String {
    let vowel = place.chars().next().is_some_and(|c| "AEIOUÉÈaeiouéè".contains(c));
    if vowel { format!("d'{place}") } else { format!("de {place}") }
}

fn cpas(commune: &str) -> String {
    format!("CPAS {}", of(commune))
}

/// Regional integration centre (CRI) serving a commune's arrondissement.
fn cri_for(c: &Commune) -> &'static str {
    match (c.province.as_str(), c.arrondissement.as_str()) {
        ("Brabant wallon", _) => "CRIBW",
        ("Namur", _) => "CAI",
        ("Luxembourg", _) => "CRILux",
        ("Liège", "Verviers") => "CRVI",
        ("Liège", _) => "CRIPEL",
        ("Hainaut", "Charleroi" | "Thuin") => "CRIC",
        ("Hainaut", "La Louvière" | "Soignies") => "CeRAIC",
        _ => "CIMB",
    }
}

/// A tiny deterministic generator (SplitMix64): the demo is the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

#[derive(Default)]
struct Actor {
    name: String,
    acronym: String,
    kind: &'static str,
    level: &'static str,
    sectors: &'static str,
    territory: String,
    description: String,
    website: &'static str,
    influence: u8,
    interest: u8,
    key: bool,
}

#[allow(clippy::too_many_arguments)]
fn actor(
    name: &str,
    acronym: &str,
    kind: &'static str,
    level: &'static str,
    sectors: &'static str,
    territory: &str,
    description: &str,
    website: &'static str,
    influence: u8,
    interest: u8,
) -> Actor {
    Actor {
        name: name.into(),
        acronym: acronym.into(),
        kind,
        level,
        sectors,
        territory: territory.into(),
        description: description.into(),
        website,
        influence,
        interest,
        key: influence >= 4 && interest >= 4,
    }
}

#[rustfmt::skip]
fn actors(communes: &HashMap<String, Commune>) -> Vec<Actor> {
    let w = "Wallonie";
    let mut a = vec![
        actor("Organisation internationale pour les migrations – Belgique et Luxembourg", "OIM", "international_org", "international", "coordination|information_orientation|reception_housing", w, "Partenaire de mise en œuvre du projet d'appui à la coordination de l'accueil des personnes déplacées d'Ukraine.", "https://belgium.iom.int", 4, 5),
        actor("Haut Commissariat des Nations unies pour les réfugiés – Bureau pour les pays du Benelux", "HCR", "international_org", "international", "legal_protection|information_orientation", w, "Protection internationale, plaidoyer et appui technique sur la protection temporaire.", "https://www.unhcr.org", 3, 3),
        actor("UNICEF Belgique", "UNICEF", "international_org", "international", "education_childcare|health", w, "Droits de l'enfant, enfants déplacés et non accompagnés.", "https://www.unicef.be", 2, 3),
        actor("Organisation mondiale de la santé – Bureau régional pour l'Europe", "OMS Europe", "international_org", "international", "health", w, "Orientations sanitaires pour l'accueil des personnes déplacées.", "", 2, 2),
        actor("Commission européenne – DG Appui aux réformes structurelles", "DG REFORM", "public_authority", "eu", "coordination", w, "Finance le projet via l'instrument d'appui technique (TSI).", "https://commission.europa.eu", 4, 4),
        actor("Commission européenne – DG Migration et affaires intérieures", "DG HOME", "public_authority", "eu", "legal_protection|reception_housing", w, "Directive protection temporaire, fonds AMIF.", "https://home-affairs.ec.europa.eu", 4, 3),
        actor("Agence de l'Union européenne pour l'asile", "EUAA", "agency", "eu", "legal_protection|reception_housing", w, "Appui opérationnel aux États membres.", "https://euaa.europa.eu", 2, 2),
        actor("Représentation de la Commission européenne en Belgique", "REP CE", "public_authority", "eu", "information_orientation", w, "", "", 2, 2),
        actor("Agence fédérale pour l'accueil des demandeurs d'asile", "Fedasil", "agency", "federal", "reception_housing|information_orientation", w, "Accueil, centre d'enregistrement et répartition des places d'hébergement d'urgence.", "https://www.fedasil.be", 5, 5),
        actor("SPP Intégration sociale", "SPP IS", "administration", "federal", "social_aid|coordination", w, "Financement des CPAS pour l'aide sociale aux bénéficiaires de la protection temporaire.", "https://www.mi-is.be", 5, 4),
        actor("SPF Sécurité sociale", "SPF SS", "administration", "federal", "social_aid", w, "", "https://socialsecurity.belgium.be", 3, 2),
        actor("Office des Étrangers", "OE", "administration", "federal", "legal_protection", w, "Enregistrement et délivrance des attestations de protection temporaire.", "https://dofi.ibz.be", 4, 3),
        actor("Centre de crise national", "NCCN", "administration", "federal", "coordination|reception_housing", w, "Coordination de crise entre l'État fédéral, les entités fédérées et les gouverneurs.", "https://centredecrise.be", 5, 4),
        actor("SPF Intérieur", "IBZ", "administration", "federal", "coordination", w, "", "https://www.ibz.be", 3, 2),
        actor("SPF Santé publique", "SPF Santé", "administration", "federal", "health", w, "", "https://www.health.belgium.be", 3, 2),
        actor("Commissariat général aux réfugiés et aux apatrides", "CGRA", "agency", "federal", "legal_protection", w, "", "https://www.cgra.be", 3, 2),
        actor("Institut national d'assurance maladie-invalidité", "INAMI", "agency", "federal", "health|social_aid", w, "", "https://www.inami.fgov.be", 3, 2),
        actor("Myria – Centre fédéral Migration", "Myria", "agency", "federal", "legal_protection|information_orientation", w, "", "https://www.myria.be", 2, 3),
        actor("Caritas International Belgique", "Caritas", "association", "federal", "reception_housing|legal_protection|social_aid", w, "Accompagnement social et hébergement solidaire.", "https://www.caritasinternational.be", 3, 4),
        actor("Médecins du Monde Belgique", "MdM", "association", "federal", "health", w, "", "https://www.medecinsdumonde.be", 2, 3),
        actor("Fédération Wallonie-Bruxelles – Ministère", "FWB", "administration", "community", "education_childcare|coordination", w, "Scolarisation des enfants déplacés, classes DASPA.", "https://www.federation-wallonie-bruxelles.be", 4, 3),
        actor("Office de la Naissance et de l'Enfance", "ONE", "agency", "community", "education_childcare|health", w, "Consultations pour enfants et accueil de la petite enfance.", "https://www.one.be", 3, 4),
        actor("Ministerium der Deutschsprachigen Gemeinschaft", "MDG", "administration", "community", "coordination|education_childcare|social_aid", "Eupen|Saint-Vith|Arrondissement de Verviers", "Communauté germanophone : intégration, enseignement, aide sociale.", "https://ostbelgienlive.be", 3, 3),
        actor("Arbeitsamt der Deutschsprachigen Gemeinschaft", "ADG", "agency", "community", "employment_training", "Eupen|Saint-Vith", "Service de l'emploi de la Communauté germanophone.", "https://www.adg.be", 2, 3),
        actor("Croix-Rouge de Belgique – Communauté francophone", "CRB", "association", "community", "reception_housing|health|information_orientation", w, "Centres d'accueil, rétablissement des liens familiaux, accueil d'urgence.", "https://www.croix-rouge.be", 4, 4),
        actor("Gouvernement wallon", "GW", "public_authority", "regional", "coordination", w, "", "https://www.wallonie.be", 5, 3),
        actor("Cabinet de la ministre wallonne de l'Action sociale", "Cabinet Action sociale", "public_authority", "regional", "coordination|social_aid|health", w, "", "", 5, 4),
        actor("Cabinet du ministre-président wallon", "Cabinet MP", "public_authority", "regional", "coordination", w, "", "", 5, 2),
        actor("SPW Intérieur et Action sociale", "SPW IAS", "administration", "regional", "coordination|language_integration|social_aid", w, "Bénéficiaire du projet ; pilote le futur mécanisme de coordination.", "https://interieur.wallonie.be", 5, 5),
        actor("SPW Territoire, Logement, Patrimoine, Énergie", "SPW TLPE", "administration", "regional", "reception_housing", w, "", "", 3, 2),
        actor("Agence pour une Vie de Qualité", "AViQ", "agency", "regional", "health|social_aid", w, "Santé, santé mentale et handicap.", "https://www.aviq.be", 4, 4),
        actor("Office wallon de la formation professionnelle et de l'emploi", "FOREM", "agency", "regional", "employment_training", w, "Inscription, orientation et formation des personnes sous protection temporaire.", "https://www.leforem.be", 4, 4),
        actor("Institut wallon de l'évaluation, de la prospective et de la statistique", "IWEPS", "agency", "regional", "coordination", w, "", "https://www.iweps.be", 2, 2),
        actor("Société wallonne du logement", "SWL", "agency", "regional", "reception_housing", w, "", "https://www.swl.be", 3, 3),
        actor("Fonds du Logement de Wallonie", "FLW", "agency", "regional", "reception_housing", w, "", "https://www.flw.be", 2, 3),
        actor("Centre régional de crise de Wallonie", "CRC-W", "administration", "regional", "coordination", w, "", "", 3, 3),
        actor("Union des Villes et Communes de Wallonie", "UVCW", "association", "regional", "coordination", w, "Représente les communes ; fédération des CPAS.", "https://www.uvcw.be", 4, 4),
        actor("Fédération des CPAS de Wallonie", "Fédération des CPAS", "association", "regional", "social_aid|coordination", w, "", "", 4, 5),
        actor("Dispositif de concertation et d'appui aux centres régionaux d'intégration", "DisCRI", "association", "regional", "language_integration|coordination", w, "", "https://www.discri.be", 2, 4),
        actor("Lire et Écrire Wallonie", "LEW", "association", "regional", "language_integration", w, "Cours de français langue étrangère et alphabétisation.", "https://lire-et-ecrire.be", 2, 4),
        actor("Institut wallon de formation en alternance et des indépendants et PME", "IFAPME", "agency", "regional", "employment_training", w, "", "https://www.ifapme.be", 2, 2),
    ];
    for (province, capital) in [("Brabant wallon", "Wavre"), ("Hainaut", "Mons"), ("Liège", "Liège"), ("Luxembourg", "Arlon"), ("Namur", "Namur")] {
        let scope = format!("Province de {province}");
        let de = if province == "Brabant wallon" { "du" } else { "de" };
        a.push(actor(&format!("Gouverneur de la province {de} {province}"), &format!("Gouverneur {province}"), "public_authority", "provincial", "coordination|reception_housing", &scope, &format!("Coordination de crise et de l'hébergement d'urgence dans la province ; cellule provinciale à {capital}."), "", 4, 5));
        a.push(actor(&format!("Province {de} {province} – Services sociaux et de santé"), &format!("Province {province}"), "administration", "provincial", "social_aid|health|information_orientation", &scope, "", "", 3, 3));
    }
    for (acr, name, territory) in [
        ("CRIBW", "Centre régional d'intégration du Brabant wallon", "Province de Brabant wallon"),
        ("CRIC", "Centre régional d'intégration de Charleroi", "Arrondissement de Charleroi|Arrondissement de Thuin"),
        ("CeRAIC", "Centre régional d'action interculturelle du Centre", "Arrondissement de La Louvière|Arrondissement de Soignies"),
        ("CIMB", "Centre interculturel de Mons et du Borinage", "Arrondissement de Mons|Arrondissement de Tournai-Mouscron|Arrondissement de Ath"),
        ("CRIPEL", "Centre régional pour l'intégration des personnes étrangères de Liège", "Arrondissement de Liège|Arrondissement de Huy|Arrondissement de Waremme"),
        ("CRVI", "Centre régional de Verviers pour l'intégration", "Arrondissement de Verviers"),
        ("CRILux", "Centre régional d'intégration de la province de Luxembourg", "Province de Luxembourg"),
        ("CAI", "Centre d'action interculturelle de la province de Namur", "Province de Namur"),
    ] {
        a.push(actor(name, acr, "association", "provincial", "language_integration|information_orientation|coordination", territory, "Parcours d'intégration, cours de français, orientation des primo-arrivants.", "", 3, 5));
    }
    for (i, name) in COMMUNES.iter().enumerate() {
        let c = &communes[*name];
        let influence = if i < 8 { 4 } else { 2 + (i % 2) as u8 };
        a.push(actor(&cpas(&c.name), "", "administration", "local", "social_aid|reception_housing|information_orientation", &c.name, "Aide sociale, revenu d'intégration et accompagnement des personnes sous protection temporaire.", "", influence, 4));
        if i < WITH_COMMUNE {
            a.push(actor(&format!("Administration communale {}", of(&c.name)), "", "public_authority", "local", "reception_housing|coordination|legal_protection", &c.name, "Inscription au registre, logements d'urgence, cellule communale Ukraine.", "", influence, 3));
        }
        if i < WITH_PCS {
            a.push(actor(&format!("Plan de cohésion sociale {}", of(&c.name)), &format!("PCS {}", c.name), "administration", "local", "language_integration|information_orientation", &c.name, "", "", 2, 3));
        }
    }
    for (name, acr, kind, level, sectors, territory) in [
        ("Centre d'accueil Croix-Rouge de Namur", "", "association", "local", "reception_housing", "Namur"),
        ("Centre d'accueil Croix-Rouge de Mons", "", "association", "local", "reception_housing", "Mons"),
        ("Centre d'accueil Croix-Rouge de Liège", "", "association", "local", "reception_housing", "Liège"),
        ("Centre d'accueil Croix-Rouge d'Arlon", "", "association", "local", "reception_housing", "Arlon"),
        ("Centre d'accueil Croix-Rouge de Wavre", "", "association", "local", "reception_housing", "Wavre"),
        ("Maison ukrainienne de Liège", "MUL", "association", "local", "information_orientation|language_integration", "Liège"),
        ("Solidarité Ukraine Charleroi", "", "citizen_initiative", "local", "reception_housing|information_orientation", "Charleroi"),
        ("Association des familles ukrainiennes de Namur", "AFUN", "association", "local", "information_orientation", "Namur"),
        ("Réseau citoyen d'hébergement du Brabant wallon", "", "citizen_initiative", "provincial", "reception_housing", "Province de Brabant wallon"),
        ("Plateforme citoyenne d'accueil de la province de Luxembourg", "", "citizen_initiative", "provincial", "reception_housing", "Province de Luxembourg"),
        ("Agence immobilière sociale Namur-Logement", "AIS Namur", "association", "local", "reception_housing", "Arrondissement de Namur"),
        ("Agence immobilière sociale du Pays de Liège", "AIS Liège", "association", "local", "reception_housing", "Arrondissement de Liège"),
        ("Agence immobilière sociale de Charleroi", "AIS Charleroi", "association", "local", "reception_housing", "Arrondissement de Charleroi"),
        ("Service de santé mentale Exil Wallonie", "SSM Exil", "association", "regional", "health", "Wallonie"),
        ("Mission locale pour l'emploi de Charleroi", "MIREC", "association", "local", "employment_training", "Charleroi"),
        ("Mission locale de Liège", "", "association", "local", "employment_training", "Liège"),
        ("Interprétariat social wallon", "SeTIS wallon", "association", "regional", "information_orientation|health", "Wallonie"),
    ] {
        a.push(actor(name, acr, kind, level, sectors, territory, "", "", 2, 3));
    }
    a
}

#[derive(Default)]
struct Links {
    rows: Vec<[String; 9]>,
    /// Ties added from now on are not confirmed by both sides.
    unconfirmed: bool,
    seen: std::collections::HashSet<(String, String, &'static str)>,
}

impl Links {
    fn add(&mut self, source: &str, target: &str, t: &'static str, strength: u8, formal: bool, since: &str) {
        let (a, b) = (source.to_owned(), target.to_owned());
        if a == b || self.seen.contains(&(a.clone(), b.clone(), t)) || self.seen.contains(&(b.clone(), a.clone(), t)) {
            return;
        }
        self.seen.insert((a.clone(), b.clone(), t));
        let formal = if formal { "yes" } else { "no" };
        self.rows.push([
            a,
            b,
            t.to_owned(),
            strength.to_string(),
            formal.to_owned(),
            since.to_owned(),
            String::new(),
            String::new(),
            if self.unconfirmed { "no" } else { "yes" }.to_owned(),
        ]);
    }
}

#[rustfmt::skip]
fn links(actors: &[Actor], communes: &HashMap<String, Commune>) -> Links {
    let mut l = Links::default();
    let mut rng = Rng(20_220_224);
    let name_of = |acr: &str| actors.iter().find(|a| a.acronym == acr).map(|a| a.name.clone()).unwrap_or_else(|| panic!("demo actor {acr}"));
    let n = |acr: &str| name_of(acr);
    let s = "2022-03-01";
    for (a, b, t, st) in [
        ("DG REFORM", "OIM", "funds", 3),
        ("DG REFORM", "SPW IAS", "coordinates", 3),
        ("OIM", "SPW IAS", "partners", 3),
        ("DG HOME", "Fedasil", "funds", 2),
        ("DG HOME", "OE", "coordinates", 1),
        ("EUAA", "Fedasil", "coordinates", 2),
        ("HCR", "Fedasil", "coordinates", 2),
        ("HCR", "Caritas", "partners", 2),
        ("HCR", "OIM", "coordinates", 2),
        ("UNICEF", "ONE", "partners", 1),
        ("OMS Europe", "SPF Santé", "coordinates", 1),
        ("REP CE", "GW", "coordinates", 1),
        ("NCCN", "Fedasil", "coordinates", 3),
        ("NCCN", "CRC-W", "coordinates", 3),
        ("NCCN", "IBZ", "reports_to", 2),
        ("Fedasil", "OE", "shares_data", 3),
        ("OE", "CGRA", "shares_data", 2),
        ("SPP IS", "SPF SS", "coordinates", 2),
        ("SPP IS", "Fédération des CPAS", "coordinates", 3),
        ("SPP IS", "INAMI", "shares_data", 2),
        ("SPF Santé", "INAMI", "coordinates", 2),
        ("SPF Santé", "AViQ", "coordinates", 2),
        ("Myria", "OE", "coordinates", 1),
        ("GW", "SPW IAS", "mandates", 3),
        ("GW", "AViQ", "mandates", 3),
        ("GW", "FOREM", "mandates", 3),
        ("GW", "SWL", "mandates", 2),
        ("GW", "FLW", "mandates", 2),
        ("GW", "IWEPS", "mandates", 2),
        ("GW", "CRC-W", "mandates", 2),
        ("Cabinet Action sociale", "SPW IAS", "mandates", 3),
        ("SPW IAS", "Cabinet Action sociale", "reports_to", 3),
        ("Cabinet Action sociale", "AViQ", "mandates", 2),
        ("Cabinet MP", "CRC-W", "mandates", 2),
        ("Cabinet MP", "GW", "coordinates", 3),
        ("SPW IAS", "DisCRI", "funds", 2),
        ("SPW IAS", "Fédération des CPAS", "coordinates", 3),
        ("SPW IAS", "UVCW", "coordinates", 2),
        ("SPW IAS", "IWEPS", "shares_data", 2),
        ("SPW IAS", "AViQ", "coordinates", 2),
        ("SPW IAS", "FOREM", "coordinates", 2),
        ("SPW IAS", "SPW TLPE", "coordinates", 2),
        ("SPW IAS", "LEW", "funds", 2),
        ("SPW TLPE", "SWL", "mandates", 2),
        ("SWL", "FLW", "coordinates", 1),
        ("UVCW", "Fédération des CPAS", "partners", 3),
        ("FWB", "ONE", "mandates", 3),
        ("FWB", "SPW IAS", "coordinates", 1),
        ("MDG", "ADG", "mandates", 3),
        ("MDG", "SPW IAS", "coordinates", 1),
        ("MDG", "Fedasil", "coordinates", 1),
        ("CRB", "Fedasil", "partners", 3),
        ("CRB", "HCR", "coordinates", 1),
        ("Caritas", "Fedasil", "partners", 2),
        ("MdM", "SSM Exil", "partners", 1),
        ("AViQ", "SSM Exil", "funds", 2),
        ("AViQ", "SeTIS wallon", "funds", 2),
        ("FOREM", "IFAPME", "partners", 2),
        ("DisCRI", "LEW", "partners", 2),
        ("FOREM", "MIREC", "partners", 2),
        ("SPW IAS", "SeTIS wallon", "funds", 2),
    ] {
        l.add(&n(a), &n(b), t, st, st >= 3, s);
    }
    for r in ["CRB"] {
        for c in ["Namur", "Mons", "Liège", "Arlon", "Wavre"] {
            let centre = actors.iter().find(|a| a.name.starts_with("Centre d'accueil Croix-Rouge") && a.territory == c).expect("centre");
            l.add(&n(r), &centre.name, "mandates", 3, true, s);
            l.add(&n("Fedasil"), &centre.name, "funds", 3, true, s);
            l.add(&cpas(c), &centre.name, "coordinates", 2, false, "2022-04-01");
        }
    }
    let provinces = [("Brabant wallon", "CRIBW"), ("Hainaut", "CIMB"), ("Liège", "CRIPEL"), ("Luxembourg", "CRILux"), ("Namur", "CAI")];
    for (p, cri) in provinces {
        let gov = n(&format!("Gouverneur {p}"));
        let prov = n(&format!("Province {p}"));
        l.add(&n("NCCN"), &gov, "coordinates", 3, true, s);
        l.add(&n("Fedasil"), &gov, "coordinates", 3, true, s);
        l.add(&n("IBZ"), &gov, "mandates", 2, true, "");
        l.add(&n("SPW IAS"), &gov, "coordinates", 2, true, "2022-03-15");
        l.add(&n("CRC-W"), &gov, "coordinates", 2, false, s);
        l.add(&gov, &prov, "coordinates", 3, true, s);
        l.add(&prov, &n(cri), "partners", 2, false, "");
        l.add(&n("AViQ"), &prov, "coordinates", 1, false, "");
    }
    for cri in ["CRIBW", "CRIC", "CeRAIC", "CIMB", "CRIPEL", "CRVI", "CRILux", "CAI"] {
        l.add(&n("SPW IAS"), &n(cri), "funds", 3, true, "2016-01-01");
        l.add(&n("DisCRI"), &n(cri), "coordinates", 2, true, "");
        l.add(&n(cri), &n("FOREM"), "refers", 2, false, "2022-05-01");
        l.add(&n(cri), &n("LEW"), "partners", 2, false, "");
    }
    l.add(&n("CRIPEL"), &n("MUL"), "partners", 2, false, "2022-03-10");
    l.add(&n("CAI"), &n("AFUN"), "partners", 1, false, "2022-04-01");
    l.add(&n("CRIC"), "Solidarité Ukraine Charleroi", "coordinates", 1, false, "");
    l.add(&n("CRIBW"), "Réseau citoyen d'hébergement du Brabant wallon", "coordinates", 1, false, "");
    l.add(&n("CRILux"), "Plateforme citoyenne d'accueil de la province de Luxembourg", "coordinates", 1, false, "");

    for (i, name) in COMMUNES.iter().enumerate() {
        let c = &communes[*name];
        let cpas = cpas(name);
        let gov = n(&format!("Gouverneur {}", c.province));
        l.add(&n("SPP IS"), &cpas, "funds", 3, true, "2022-04-01");
        l.add(&gov, &cpas, "coordinates", 2, true, s);
        l.add(&cpas, &n(cri_for(c)), "refers", 2, false, "2022-04-15");
        l.add(&cpas, &n("FOREM"), "refers", if i < 10 { 2 } else { 1 }, i < 10, "");
        l.add(&cpas, &n("Fédération des CPAS"), "coordinates", 1, false, "");
        if rng.chance(45) {
            l.add(&cpas, &n("ONE"), "refers", 1, false, "");
        }
        if rng.chance(30) {
            l.add(&cpas, &n("SSM Exil"), "refers", 1, false, "");
        }
        if rng.chance(25) {
            l.add(&cpas, &n("AViQ"), "shares_data", 1, false, "");
        }
        if c.arrondissement == "Verviers" && ["Eupen", "Saint-Vith"].contains(name) {
            l.add(&n("MDG"), &cpas, "coordinates", 2, true, "");
            l.add(&cpas, &n("ADG"), "refers", 2, false, "");
        }
        if i < WITH_COMMUNE {
            let commune = format!("Administration communale {}", of(name));
            l.add(&commune, &cpas, "coordinates", 3, true, s);
            l.add(&n("OE"), &commune, "shares_data", 2, true, s);
            l.add(&gov, &commune, "coordinates", 2, true, s);
            l.add(&commune, &n("UVCW"), "coordinates", 1, false, "");
            if rng.chance(40) {
                l.add(&n("Fedasil"), &commune, "coordinates", 1, false, "");
            }
        }
        if i < WITH_PCS {
            let pcs = format!("PCS {name}");
            l.add(&n("SPW IAS"), &n(&pcs), "funds", 2, true, "2020-01-01");
            l.add(&n(&pcs), &cpas, "partners", 2, false, "");
            l.add(&n(&pcs), &n(cri_for(c)), "partners", 1, false, "");
        }
    }
    for (ais, city) in [("AIS Namur", "Namur"), ("AIS Liège", "Liège"), ("AIS Charleroi", "Charleroi")] {
        l.add(&n("SWL"), &n(ais), "funds", 2, true, "");
        l.add(&cpas(city), &n(ais), "refers", 2, false, "");
    }
    l.add("CPAS de Charleroi", &n("MIREC"), "refers", 2, false, "");
    l.add("CPAS de Liège", "Mission locale de Liège", "refers", 2, false, "");
    // A few informal neighbour ties between CPAS of the same arrondissement, declared by
    // one side only.
    l.unconfirmed = true;
    for _ in 0..40 {
        let a = COMMUNES[rng.below(COMMUNES.len())];
        let b = COMMUNES[rng.below(COMMUNES.len())];
        if communes[a].arrondissement == communes[b].arrondissement || rng.chance(15) {
            l.add(&cpas(a), &cpas(b), "coordinates", 1, false, "");
        }
    }
    l
}

fn csv_bytes<const N: usize>(
    header: [&str; N],
    rows: impl IntoIterator<Item = [String; N]>,
) -> anyhow::Result<Vec<u8>> {
    let mut w = crate::domain::csv_cell::CsvOut::new();
    w.write_record(header)?;
    for r in rows {
        w.write_record(&r)?;
    }
    Ok(w.finish()?)
}

/// The demo network as the two CSV files a coordinator could have written.
pub fn files() -> anyhow::Result<(Vec<u8>, Vec<u8>)> {
    files_of(|_| true, false)
}

/// Whether an actor was found during the consultation rather than by the inventory: the
/// citizen initiatives and the Ukrainian associations.
fn found_in_consultation(a: &Actor) -> bool {
    a.kind == "citizen_initiative" || a.name.contains("ukrainien")
}

/// The demo files with only the actors `keep` keeps (and the links between them), the
/// unconfirmed links left out when `confirmed_only`.
fn files_of(keep: impl Fn(&Actor) -> bool, confirmed_only: bool) -> anyhow::Result<(Vec<u8>, Vec<u8>)> {
    let communes = communes();
    let all = actors(&communes);
    let left_out: std::collections::HashSet<&str> = all
        .iter()
        .filter(|a| !keep(a))
        .flat_map(|a| [a.name.as_str(), a.acronym.as_str()])
        .filter(|n| !n.is_empty())
        .collect();
    let actors: Vec<&Actor> = all.iter().filter(|a| keep(a)).collect();
    let stakeholders = csv_bytes(
        [
            "name",
            "acronym",
            "kind",
            "level",
            "sectors",
            "territory",
            "description",
            "website",
            "influence",
            "interest",
            "key",
        ],
        actors.iter().map(|a| {
            [
                a.name.clone(),
                a.acronym.clone(),
                a.kind.to_owned(),
                a.level.to_owned(),
                a.sectors.to_owned(),
                a.territory.clone(),
                a.description.clone(),
                a.website.to_owned(),
                a.influence.to_string(),
                a.interest.to_string(),
                if a.key { "yes" } else { "no" }.to_owned(),
            ]
        }),
    )?;
    let links = csv_bytes(
        ["source", "target", "type", "strength", "formal", "since", "until", "note", "confirmed"],
        links(&all, &communes).rows.into_iter().filter(|r| {
            !left_out.contains(r[0].as_str()) && !left_out.contains(r[1].as_str()) && (!confirmed_only || r[8] == "yes")
        }),
    )?;
    Ok((stakeholders, links))
}

const FIRST: &[&str] = &[
    "Anna", "Marc", "Sophie", "Olena", "Julien", "Nathalie", "Iryna", "Pierre", "Céline", "Thomas", "Oksana", "Luc",
    "Isabelle", "Karim", "Élise", "Dmytro",
];
const LAST: &[&str] = &[
    "Dupont",
    "Lambert",
    "Marchal",
    "Kovalenko",
    "Renard",
    "Lemaire",
    "Shevchenko",
    "Collin",
    "Dubois",
    "Hansen",
    "Martin",
    "Bondarenko",
    "Goffin",
    "Delvaux",
    "Mertens",
    "Piron",
];
const FUNCTIONS: &[&str] = &[
    "Coordinatrice Ukraine",
    "Directeur",
    "Assistante sociale",
    "Chargé de mission",
    "Responsable de l'accueil",
    "Référente intégration",
];

/// What `maillage demo` did.
pub struct Loaded {
    pub stakeholders: ImportReport,
    pub links: ImportReport,
    /// The demo administrator's password, when this run created the account.
    pub admin_password: Option<String>,
}

pub const DEMO_ADMIN: &str = "demo@example.org";

/// Loads the demo network through the application's use cases, as the command line
/// (idempotent: a second run changes nothing), gives the key stakeholders a fictional contact
/// person, and creates the demo administrator with a random password.
pub async fn load(state: &AppState) -> anyhow::Result<Loaded> {
    let cli = crate::app::Actor::Cli;
    date_phases(state).await.map_err(describe)?;
    // On an empty database, the network as the inventory left it comes first and is frozen,
    // so that the steering dashboard has a past to compare with.
    let fresh = crate::app::snapshots::list(state, &cli).await.map_err(describe)?.is_empty()
        && inventory::stakeholders(state, &cli, &Default::default()).await.map_err(describe)?.is_empty();
    let mut early = (0, 0);
    if fresh {
        let (stakeholders, links) = files_of(|a| !found_in_consultation(a), true)?;
        let s = transfer::import(state, &cli, Table::Stakeholders, &stakeholders, "demo", &mut |_, _| {})
            .await
            .map_err(describe)?;
        let l = transfer::import(state, &cli, Table::Links, &links, "demo", &mut |_, _| {}).await.map_err(describe)?;
        early = (s.created, l.created);
        snapshot(state, "Après l'état des lieux", "inventory").await.map_err(describe)?;
    }
    let (stakeholders, links) = files()?;
    let mut s = transfer::import(state, &cli, Table::Stakeholders, &stakeholders, "demo", &mut |_, _| {})
        .await
        .map_err(describe)?;
    let mut l = transfer::import(state, &cli, Table::Links, &links, "demo", &mut |_, _| {}).await.map_err(describe)?;
    (s.created, s.unchanged, l.created, l.unchanged) =
        (s.created + early.0, s.unchanged - early.0, l.created + early.1, l.unchanged - early.1);
    let filter = crate::store::stakeholders::Filter { key_only: true, ..Default::default() };
    let key_actors = inventory::stakeholders(state, &cli, &filter).await.map_err(describe)?;
    for (i, actor) in key_actors.iter().enumerate().filter(|(_, a)| a.data.contacts.is_empty()) {
        let mut draft = crate::domain::stakeholder::StakeholderDraft::from(&actor.data);
        let (first, last) = (FIRST[i % FIRST.len()], LAST[(i * 7 + 3) % LAST.len()]);
        draft.contacts = vec![ContactDraft {
            name: Some(format!("{first} {last}")),
            function: Some(FUNCTIONS[i % FUNCTIONS.len()].to_owned()),
            email: Some(
                format!("{}.{}@example.org", crate::domain::text::key(first), crate::domain::text::key(last))
                    .replace(' ', "-"),
            ),
            phone: Some(format!("+32 81 {:02} {:02} {:02}", 20 + i % 70, (i * 13) % 100, (i * 29) % 100)),
            legal_basis: Some("public_task".into()),
        }];
        inventory::save_stakeholder(state, &cli, Some(actor.id), &draft).await.map_err(describe)?;
    }
    mechanism(state).await.map_err(describe)?;
    if fresh {
        campaigns(state).await.map_err(describe)?;
        snapshot(state, "Après la consultation", "consultation").await.map_err(describe)?;
    }
    let admin_password = match accounts::find_user(state, &cli, DEMO_ADMIN).await {
        Ok(_) => None,
        Err(AppError::NotFound) => {
            // 20 characters from 64: 120 bits, typed once from the terminal.
            let password: String = accounts::random_secret().map_err(describe)?.chars().take(20).collect();
            accounts::add_user(state, &cli, DEMO_ADMIN, Role::Admin, Some(&password)).await.map_err(describe)?;
            Some(password)
        }
        Err(e) => return Err(describe(e)),
    };
    Ok(Loaded { stakeholders: s, links: l, admin_password })
}

/// The project's phases keep their real durations (June 2022 – June 2023) but are dated so that
/// piloting is a month under way today: the first three done, the fourth in progress. Only
/// phases nobody has changed yet are moved (running the demo again changes nothing).
async fn date_phases(state: &AppState) -> Result<(), AppError> {
    use crate::domain::phase::PhaseDraft;
    use crate::domain::values::format_date;
    let cli = crate::app::Actor::Cli;
    let phases = crate::app::phases::list(state, &cli).await?;
    if phases.iter().any(|p| p.updated_at != "2022-06-01T00:00:00Z") {
        return Ok(());
    }
    let today = state.clock.now().date();
    let shift = (today - time::Duration::days(30)) - phases.iter().map(|p| p.planned_start).max().unwrap_or(today);
    let last = phases.len();
    for (i, p) in phases.iter().enumerate() {
        let (start, end) = (p.planned_start + shift, p.planned_end + shift);
        let mut draft = PhaseDraft::from_phase(p, crate::i18n::Lang::FR);
        draft.planned_start = Some(format_date(start));
        draft.planned_end = Some(format_date(end));
        draft.actual_start = Some(format_date(start));
        draft.actual_end = (i + 1 < last).then(|| format_date(end));
        draft.status = Some(if i + 1 < last { "done" } else { "in_progress" }.into());
        crate::app::phases::update(state, &cli, p.id, &draft, crate::i18n::Lang::FR).await?;
    }
    Ok(())
}

/// The consultation of phase 3, finished, two respondents in three having answered, and the
/// pulse survey of the piloting, open, four in ten having answered so far and one in ten
/// with a draft not sent yet. Both invite the key stakeholders; the answers go through the
/// respondent's own use cases, as if typed.
async fn campaigns(state: &AppState) -> Result<(), AppError> {
    use crate::domain::values::format_date;
    let cli = crate::app::Actor::Cli;
    let phases = crate::app::phases::list(state, &cli).await?;
    let phase = |code: &str| phases.iter().find(|p| p.code == code).map(|p| (p.planned_start, p.planned_end));
    let today = state.clock.now().date();
    let (c_start, c_end) = phase("consultation").unwrap_or((today, today));
    let (p_start, _) = phase("piloting").unwrap_or((today, today));
    let key = crate::app::inventory::ListQuery { key: Some("yes".into()), ..Default::default() };
    let plan = [
        ("Consultation des acteurs", include_str!("../surveys/consultation-2023.toml"), c_start, c_end, 3, 2, 0),
        (
            "Baromètre du pilotage",
            include_str!("../surveys/pulse-2023.toml"),
            p_start + time::Duration::days(14),
            today + time::Duration::days(14),
            10,
            4,
            1,
        ),
    ];
    for (title, definition, opens, closes, out_of, answering, drafting) in plan {
        let request = crate::app::campaigns::OpenRequest {
            definition,
            title,
            opens: &format_date(opens),
            closes: &format_date(closes),
            invite: key.clone(),
        };
        let opened = crate::app::campaigns::open(state, &cli, &request).await.map_err(|e| match e {
            crate::app::campaigns::OpenError::App(e) => e,
            other => AppError::BadRequest(format!("the demo campaign {title:?} does not open: {other}")),
        })?;
        let def = crate::survey::definition::parse(definition)
            .map_err(|_| AppError::BadRequest(format!("the demo questionnaire of {title:?} is invalid")))?;
        let invitees = {
            let mut conn = state.db.pool.acquire().await?;
            crate::store::campaigns::invitees(&mut conn, opened.id).await?
        };
        for (i, invitee) in invitees.iter().enumerate().filter(|(i, _)| i % out_of < answering + drafting) {
            let token = state.secret.link(invitee.invitation_id, invitee.link_generation);
            let Some((actor, inv)) = crate::app::respond::open(state, &token).await? else { continue };
            let neighbours: Vec<i64> = inventory::links(
                state,
                &cli,
                &crate::store::links::Filter { stakeholder: Some(invitee.stakeholder_id), ..Default::default() },
            )
            .await?
            .iter()
            .map(|l| if l.data.source == invitee.stakeholder_id { l.data.target } else { l.data.source })
            .take(3)
            .collect();
            let answers = demo_answers(&def, i, &neighbours);
            crate::app::respond::save_draft(state, &actor, &inv, &answers).await?;
            if i % out_of >= answering {
                continue;
            }
            let Some((actor, inv)) = crate::app::respond::open(state, &token).await? else { continue };
            let (record, _) = crate::app::respond::own_record(state, &actor, &inv).await?;
            crate::app::respond::submit(state, &actor, &inv, &def, &record).await?;
        }
    }
    Ok(())
}

/// Plausible answers to every question a respondent would see (conditional ones left out),
/// varied by respondent; network questions name up to three organisations it works with.
fn demo_answers(
    def: &crate::survey::definition::Definition,
    respondent: usize,
    neighbours: &[i64],
) -> crate::survey::answers::Answers {
    use crate::survey::answers::{Answer, Answers, EntryAnswer, TieAnswer};
    use crate::survey::definition::Kind;
    let mut answers = Answers::default();
    for (q, question) in def.questions().enumerate().filter(|(_, q)| q.show_if.is_none()) {
        let pick = |list: &[crate::survey::definition::Choice], offset: usize| {
            list.get((respondent * 7 + q + offset) % list.len().max(1)).map(|c| c.value.clone())
        };
        let answer = match question.kind {
            Kind::SingleChoice => {
                Answer { values: pick(&question.options, 0).into_iter().collect(), ..Default::default() }
            }
            Kind::MultipleChoice => {
                let mut values: Vec<String> =
                    [pick(&question.options, 0), pick(&question.options, 3)].into_iter().flatten().collect();
                values.dedup();
                Answer { values, ..Default::default() }
            }
            // Mostly agreeing, some neutral or not: the upper half of the scale, and now and then lower.
            Kind::Likert => {
                let n = question.scale.len();
                let point = if (respondent + q).is_multiple_of(5) { n / 2 } else { n - 1 - (respondent + q) % 2 };
                Answer {
                    values: question.scale.get(point).map(|c| c.value.clone()).into_iter().collect(),
                    ..Default::default()
                }
            }
            Kind::ShortText => {
                Answer { values: vec![FUNCTIONS[respondent % FUNCTIONS.len()].to_owned()], ..Default::default() }
            }
            Kind::LongText if question.required => {
                Answer { values: vec!["Voir les échanges en réunion de cadrage.".to_owned()], ..Default::default() }
            }
            Kind::LongText | Kind::Date => continue,
            Kind::Number => Answer {
                values: vec![format!("{}", question.min.unwrap_or(0.0).max(1.0 + (respondent % 4) as f64))],
                ..Default::default()
            },
            Kind::EntryCheck => Answer {
                entry: Some(EntryAnswer { confirmed: Some(true), ..Default::default() }),
                ..Default::default()
            },
            Kind::Network => Answer {
                ties: neighbours
                    .iter()
                    .enumerate()
                    .map(|(k, id)| TieAnswer {
                        stakeholder: Some(*id),
                        link_type: Some("coordinates".into()),
                        frequency: Some(["monthly", "weekly", "quarterly"][(respondent + k) % 3].into()),
                        formal: Some("no".into()),
                        satisfaction: Some(["4", "3", "5"][(respondent + k) % 3].into()),
                        ..Default::default()
                    })
                    .collect(),
                ..Default::default()
            },
        };
        answers.0.insert(question.id.get_ref().clone(), answer);
    }
    answers
}

/// Freezes the network under `name`, dated the planned end of the phase `phase`.
async fn snapshot(state: &AppState, name: &str, phase: &str) -> Result<(), AppError> {
    let cli = crate::app::Actor::Cli;
    let phases = crate::app::phases::list(state, &cli).await?;
    let day = phases.iter().find(|p| p.code == phase).map(|p| crate::domain::values::format_date(p.planned_end));
    crate::app::snapshots::take(state, &cli, Some(name), day.as_deref(), crate::i18n::Lang::FR).await?;
    Ok(())
}

/// A member or attendee row: (stakeholder, role).
fn rows(list: &[(&str, &str)]) -> Vec<crate::domain::mechanism::MemberDraft> {
    list.iter()
        .map(|(who, role)| crate::domain::mechanism::MemberDraft {
            stakeholder: Some((*who).to_owned()),
            role: Some((*role).to_owned()),
            contact: None,
        })
        .collect()
}

/// The coordination mechanism as the project designed it, the scoping meetings of phase 2 and
/// the first meetings of the piloting, dated from the phases so that action items are partly
/// done, partly due and partly overdue today. Only when no body and no meeting exist yet.
async fn mechanism(state: &AppState) -> Result<(), AppError> {
    use crate::app::mechanism::{bodies, meetings, save_body, save_meeting};
    use crate::domain::mechanism::{ActionDraft, BodyDraft, MeetingDraft};
    use crate::domain::values::format_date;
    let cli = crate::app::Actor::Cli;
    if !bodies(state, &cli, true).await?.is_empty() || !meetings(state, &cli).await?.is_empty() {
        return Ok(());
    }
    let phases = crate::app::phases::list(state, &cli).await?;
    let start = |code: &str| phases.iter().find(|p| p.code == code).map(|p| p.planned_start);
    let today = state.clock.now().date();
    let (scoping, consultation, piloting) =
        (start("scoping").unwrap_or(today), start("consultation").unwrap_or(today), start("piloting").unwrap_or(today));
    let day = |d: time::Date, offset: i64| Some(format_date(d + time::Duration::days(offset)));
    let body = |name: &str,
                kind: &str,
                level: &str,
                sectors: &str,
                territory: &str,
                frequency: &str,
                since: time::Date,
                members: &[(&str, &str)]| BodyDraft {
        name: Some(name.to_owned()),
        kind: Some(kind.to_owned()),
        level: Some(level.to_owned()),
        sectors: sectors.split('|').map(str::to_owned).collect(),
        territory: Some(territory.to_owned()),
        frequency: Some(frequency.to_owned()),
        established_on: Some(format_date(since)),
        description: None,
        members: rows(members),
    };
    let namur = cpas("Namur");
    let liege = cpas("Liège");
    let drafts = [
        body(
            "Comité de pilotage du mécanisme wallon de coordination",
            "steering_committee",
            "regional",
            "coordination",
            "Wallonie",
            "quarterly",
            piloting,
            &[
                ("SPW IAS", "chair"),
                ("OIM", "secretariat"),
                ("Cabinet Action sociale", "member"),
                ("Fedasil", "member"),
                ("SPP IS", "member"),
                ("UVCW", "member"),
                ("Fédération des CPAS", "member"),
                ("AViQ", "member"),
                ("FOREM", "member"),
                ("CRB", "member"),
                ("DG REFORM", "observer"),
            ],
        ),
        body(
            "Groupe de travail Logement",
            "working_group",
            "regional",
            "reception_housing",
            "Wallonie",
            "monthly",
            piloting,
            &[
                ("SPW TLPE", "chair"),
                ("SWL", "member"),
                ("FLW", "member"),
                ("Fedasil", "member"),
                ("CRB", "member"),
                ("AIS Namur", "member"),
                ("Gouverneur Namur", "observer"),
            ],
        ),
        body(
            "Groupe de travail Santé et santé mentale",
            "working_group",
            "regional",
            "health",
            "Wallonie",
            "monthly",
            piloting,
            &[
                ("AViQ", "chair"),
                ("SSM Exil", "member"),
                ("ONE", "member"),
                ("MdM", "member"),
                ("SPF Santé", "observer"),
            ],
        ),
        body(
            "Plateforme provinciale de Namur",
            "platform",
            "provincial",
            "coordination|reception_housing|social_aid",
            "Province de Namur",
            "monthly",
            consultation,
            &[
                ("Gouverneur Namur", "chair"),
                ("Province Namur", "secretariat"),
                ("CAI", "member"),
                (&namur, "member"),
                ("AFUN", "member"),
                ("AIS Namur", "member"),
                ("Centre d'accueil Croix-Rouge de Namur", "member"),
            ],
        ),
        body(
            "Plateforme provinciale de Liège",
            "platform",
            "provincial",
            "coordination|reception_housing|information_orientation",
            "Province de Liège",
            "quarterly",
            piloting,
            &[
                ("Gouverneur Liège", "chair"),
                ("CRIPEL", "secretariat"),
                ("MUL", "member"),
                (&liege, "member"),
                ("Mission locale de Liège", "member"),
            ],
        ),
        body(
            "Liaison fédéral–régional",
            "liaison",
            "federal",
            "coordination|reception_housing",
            "Wallonie",
            "monthly",
            consultation,
            &[("NCCN", "chair"), ("SPW IAS", "member"), ("Fedasil", "member"), ("CRC-W", "member"), ("IBZ", "member")],
        ),
    ];
    let mut ids = Vec::new();
    for d in &drafts {
        ids.push(save_body(state, &cli, None, d).await?.id);
    }
    let action = |text: &str, owner: &str, due: Option<String>, status: &str| ActionDraft {
        id: None,
        description: Some(text.to_owned()),
        owner: Some(owner.to_owned()),
        due_on: due,
        status: Some(status.to_owned()),
    };
    let meeting = |title: &str,
                   held: Option<String>,
                   body: Option<i64>,
                   attendees: &[(&str, &str)],
                   decisions: &str,
                   actions: Vec<ActionDraft>| MeetingDraft {
        held_on: held,
        phase: None,
        body: body.map(|b| b.to_string()),
        title: Some(title.to_owned()),
        agenda: None,
        minutes: None,
        decisions: Some(decisions.to_owned()).filter(|d| !d.is_empty()),
        attendees: rows(attendees),
        actions,
    };
    let soon = |offset: i64| day(today, offset);
    let meetings = [
        meeting(
            "Réunion de cadrage – acteurs régionaux",
            day(scoping, 10),
            None,
            &[
                ("SPW IAS", "chair"),
                ("OIM", "secretariat"),
                ("Cabinet Action sociale", "participant"),
                ("AViQ", "participant"),
                ("FOREM", "participant"),
                ("UVCW", "participant"),
                ("Fédération des CPAS", "participant"),
                ("DisCRI", "participant"),
            ],
            "Les acteurs régionaux soutiennent un mécanisme à deux niveaux : un comité de pilotage régional et des plateformes provinciales.",
            vec![action("Transmettre la liste des cellules communales Ukraine", "UVCW", day(scoping, 30), "done")],
        ),
        meeting(
            "Réunion de cadrage – niveau fédéral",
            day(scoping, 20),
            None,
            &[
                ("SPW IAS", "chair"),
                ("OIM", "secretariat"),
                ("Fedasil", "participant"),
                ("SPP IS", "participant"),
                ("NCCN", "participant"),
                ("OE", "participant"),
            ],
            "Une liaison mensuelle fédéral–régional est proposée, présidée par le Centre de crise.",
            vec![action("Partager les chiffres d'hébergement par province", "Fedasil", day(scoping, 40), "done")],
        ),
        meeting(
            "Réunion de cadrage – gouverneurs de province",
            day(scoping, 35),
            None,
            &[
                ("SPW IAS", "chair"),
                ("OIM", "secretariat"),
                ("Gouverneur Namur", "participant"),
                ("Gouverneur Liège", "participant"),
                ("Gouverneur Hainaut", "participant"),
                ("Gouverneur Luxembourg", "participant"),
                ("Gouverneur Brabant wallon", "participant"),
                ("CRC-W", "participant"),
            ],
            "Chaque province désigne un référent pour la plateforme provinciale.",
            vec![
                action("Désigner le référent provincial du Hainaut", "Gouverneur Hainaut", day(piloting, 10), "open"),
                action("Désigner le référent provincial de Namur", "Gouverneur Namur", day(piloting, 5), "done"),
            ],
        ),
        meeting(
            "Réunion de cadrage – secteur associatif et citoyen",
            day(scoping, 50),
            None,
            &[
                ("SPW IAS", "chair"),
                ("OIM", "secretariat"),
                ("CRB", "participant"),
                ("Caritas", "participant"),
                ("MUL", "participant"),
                ("AFUN", "participant"),
                ("Solidarité Ukraine Charleroi", "participant"),
                ("LEW", "participant"),
            ],
            "",
            vec![],
        ),
        meeting(
            "Liaison fédéral–régional – première réunion",
            day(consultation, 30),
            Some(ids[5]),
            &[("NCCN", "chair"), ("SPW IAS", "participant"), ("Fedasil", "participant"), ("CRC-W", "participant")],
            "",
            vec![],
        ),
        meeting(
            "Comité de pilotage – installation",
            day(piloting, 2),
            Some(ids[0]),
            &[
                ("SPW IAS", "chair"),
                ("OIM", "secretariat"),
                ("Cabinet Action sociale", "participant"),
                ("Fedasil", "participant"),
                ("SPP IS", "participant"),
                ("UVCW", "participant"),
                ("Fédération des CPAS", "participant"),
                ("AViQ", "participant"),
                ("FOREM", "participant"),
                ("CRB", "participant"),
            ],
            "Le mécanisme est lancé. Les groupes de travail Logement et Santé sont mandatés pour six mois.",
            vec![
                action("Valider le mandat des groupes de travail", "SPW IAS", day(piloting, 20), "done"),
                action("Proposer les indicateurs de suivi du mécanisme", "OIM", soon(14), "open"),
                action("Cartographier les places d'hébergement disponibles", "SWL", soon(-5), "open"),
            ],
        ),
        meeting(
            "Groupe de travail Logement – réunion 1",
            day(piloting, 12),
            Some(ids[1]),
            &[
                ("SPW TLPE", "chair"),
                ("SWL", "participant"),
                ("FLW", "participant"),
                ("Fedasil", "participant"),
                ("CRB", "participant"),
                ("AIS Namur", "participant"),
            ],
            "",
            vec![action("Recenser les logements publics vacants", "FLW", soon(20), "open")],
        ),
        meeting(
            "Plateforme provinciale de Namur – réunion de lancement",
            day(piloting, 15),
            Some(ids[3]),
            &[
                ("Gouverneur Namur", "chair"),
                ("Province Namur", "secretariat"),
                ("CAI", "participant"),
                (&namur, "participant"),
                ("AFUN", "participant"),
            ],
            "",
            vec![
                action("Organiser une séance d'information pour les familles", "CAI", soon(-2), "open"),
                action("Relancer les communes sans cellule Ukraine", "Province Namur", soon(30), "open"),
            ],
        ),
    ];
    for m in &meetings {
        save_meeting(state, &cli, None, m).await?;
    }
    Ok(())
}

fn describe(e: AppError) -> anyhow::Error {
    match e {
        AppError::Import(errors) => anyhow::anyhow!(
            "the demo data is invalid (a bug): {}",
            errors.iter().map(|e| e.message(crate::i18n::Lang::EN)).collect::<Vec<_>>().join("; ")
        ),
        AppError::Validation(errors) => anyhow::anyhow!(
            "the demo data is invalid (a bug): {}",
            errors
                .iter()
                .map(|e| format!("{}: {}", e.field, e.problem.message(crate::i18n::Lang::EN)))
                .collect::<Vec<_>>()
                .join("; ")
        ),
        e => anyhow::anyhow!("cannot load the demo network: {e}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_network_has_the_promised_size() {
        let communes = communes();
        let actors = actors(&communes);
        let links = links(&actors, &communes);
        assert!(actors.len() >= 150, "{} stakeholders", actors.len());
        assert!(links.rows.len() >= 400, "{} links", links.rows.len());
        for level in ["international", "eu", "federal", "community", "regional", "provincial", "local"] {
            assert!(actors.iter().any(|a| a.level == level), "no {level} stakeholder");
        }
    }
}
