//! The rules that turn survey answers into the network, as pure functions over plain data:
//! what a submission declares (ties, proposals, corrections), and which links those
//! declarations create, reinforce, confirm or archive. The store loads the facts and writes
//! the result; nothing here touches a database.

use super::answers::{Answers, FREQUENCIES, TIE_TYPES};
use super::definition::{Definition, Kind};
use crate::domain::link::{LinkData, identity};
use crate::domain::response::{
    Correction, Declarations, EarlierProposal, LinkChange, LinkFact, NewProposal, ProposalRef, TieDeclaration, TieFact,
};
use crate::domain::text::key;
use crate::domain::values::Strength;
use std::collections::{BTreeMap, BTreeSet};

/// The link a tie type becomes, and whether the respondent is its target (`funded_by` is a
/// `funds` link from the other organisation). Unknown types coordinate.
pub fn link_type_of(tie_type: &str) -> (&'static str, bool) {
    TIE_TYPES.iter().find(|t| t.0 == tie_type).map_or(("coordinates", false), |t| (t.1, t.2))
}

/// The strength a declared frequency gives: weekly 3, monthly 2, less often 1.
pub fn strength_of(frequency: Option<&str>) -> i64 {
    FREQUENCIES.iter().find(|f| Some(f.0) == frequency).map_or(1, |f| f.1)
}

/// What a response declares: every organisation named in its network questions (a
/// stakeholder, or a proposal: an earlier one of the same invitation when the name matches,
/// else a new one), and every field of its own record it corrects.
///
/// A respondent naming itself is ignored; an earlier proposal already decided stands for the
/// stakeholder it became; a pending one named again takes the name as now written, and one
/// no longer named is dropped.
pub fn declarations(
    def: &Definition,
    answers: &Answers,
    respondent: i64,
    earlier: &[EarlierProposal],
    record: &BTreeMap<String, String>,
) -> Declarations {
    let mut out = Declarations::default();
    let mut kept = BTreeSet::new();
    for q in def.questions().filter(|q| q.kind == Kind::Network) {
        let Some(answer) = answers.get(q.id.get_ref()) else { continue };
        for tie in &answer.ties {
            let (alter, proposal) = match (&tie.stakeholder, &tie.new) {
                (Some(id), _) if *id != respondent => (Some(*id), None),
                (None, Some(new)) => {
                    let wanted = key(&new.name);
                    let proposal = NewProposal {
                        name: new.name.trim().to_owned(),
                        level: new.level.clone(),
                        kind: new.kind.clone(),
                    };
                    match earlier.iter().find(|p| key(&p.name) == wanted) {
                        Some(p) => {
                            if p.pending && kept.insert(p.id) {
                                out.renamed_proposals.push((p.id, proposal));
                            }
                            kept.insert(p.id);
                            (p.decided, Some(ProposalRef::Earlier(p.id)))
                        }
                        None => {
                            let index = match out.new_proposals.iter().position(|n| key(&n.name) == wanted) {
                                Some(i) => i,
                                None => {
                                    out.new_proposals.push(proposal);
                                    out.new_proposals.len() - 1
                                }
                            };
                            (None, Some(ProposalRef::New(index)))
                        }
                    }
                }
                _ => continue,
            };
            out.ties.push(TieDeclaration {
                question_id: q.id.get_ref().clone(),
                alter,
                proposal,
                tie_type: tie.link_type.clone().unwrap_or_else(|| "coordinates".into()),
                frequency: tie.frequency.clone(),
                formal: tie.formal.clone(),
                satisfaction: tie.satisfaction.as_deref().and_then(|s| s.parse::<i64>().ok()),
            });
        }
    }
    out.dropped_proposals = earlier.iter().filter(|p| p.pending && !kept.contains(&p.id)).map(|p| p.id).collect();
    for q in def.questions().filter(|q| q.kind == Kind::EntryCheck) {
        let Some(entry) = answers.get(q.id.get_ref()).and_then(|a| a.entry.as_ref()) else { continue };
        for (field, value) in &entry.changes {
            out.corrections.push(Correction {
                field: field.clone(),
                current: record.get(field).cloned(),
                proposed: value.clone(),
            });
        }
    }
    out
}

/// A link's identity: its ends (in order when directed) and its type.
type LinkKey = (i64, i64, String);

/// The unordered pair of two stakeholders.
fn pair(a: i64, b: i64) -> (i64, i64) {
    (a.min(b), a.max(b))
}

/// The links that the declared ties between some pairs of stakeholders lead to.
///
/// `ties` and `links` are every tie and every link between those pairs (ties already
/// replaced by the latest submission). A tie not yet pointing at a link gets one: the
/// existing link of the same type between the same ends (either order when the type is
/// undirected), else a new one with the tie's provenance. Then each survey-made link that no
/// coordinator has touched by hand is re-derived from the ties that declare it: strength from
/// the most frequent contact declared, formal if a side says so, confirmed when both sides
/// named each other (in any tie), archived when nobody declares it any more. Links typed or
/// edited by a coordinator are never changed.
pub fn plan_links(ties: &[TieFact], links: &[LinkFact], directed: impl Fn(&str) -> bool) -> Vec<LinkChange> {
    // Respondents who declared anything about each pair.
    let mut sides: BTreeMap<(i64, i64), BTreeSet<i64>> = BTreeMap::new();
    for t in ties {
        sides.entry(pair(t.respondent, t.alter)).or_default().insert(t.respondent);
    }
    let by_identity: BTreeMap<LinkKey, &LinkFact> = links.iter().map(|l| (l.data.identity(), l)).collect();
    // Where each tie points, existing links by id, new ones by identity.
    let mut attach: BTreeMap<i64, Vec<i64>> = BTreeMap::new();
    let mut create: BTreeMap<LinkKey, (LinkData, String, Vec<i64>)> = BTreeMap::new();
    let mut declaring: BTreeMap<i64, Vec<&TieFact>> = BTreeMap::new();
    let mut declaring_new: BTreeMap<LinkKey, Vec<&TieFact>> = BTreeMap::new();
    for t in ties {
        if let Some(link) = t.link {
            declaring.entry(link).or_default().push(t);
            continue;
        }
        let (link_type, reversed) = link_type_of(&t.tie_type);
        let (source, target) = if reversed { (t.alter, t.respondent) } else { (t.respondent, t.alter) };
        let directed = directed(link_type);
        let id = identity(source, target, link_type, directed);
        match by_identity.get(&id) {
            Some(existing) => {
                attach.entry(existing.id).or_default().push(t.id);
                declaring.entry(existing.id).or_default().push(t);
            }
            None => {
                let data = LinkData {
                    source,
                    target,
                    link_type: link_type.to_owned(),
                    directed,
                    strength: Strength::trusted(1),
                    formal: false,
                    since: None,
                    until: None,
                    note: None,
                    confirmed: false,
                };
                create.entry(id.clone()).or_insert_with(|| (data, t.provenance.clone(), Vec::new())).2.push(t.id);
                declaring_new.entry(id).or_default().push(t);
            }
        }
    }
    let derive = |base: &LinkData, declared: &[&TieFact]| {
        let mut data = base.clone();
        data.strength =
            Strength::trusted(declared.iter().map(|t| strength_of(t.frequency.as_deref())).max().unwrap_or(1));
        data.formal = declared.iter().any(|t| t.formal.as_deref() == Some("yes"));
        data.confirmed = sides.get(&pair(data.source, data.target)).is_some_and(|s| s.len() >= 2);
        data
    };
    let mut changes = Vec::new();
    for (id, (data, provenance, tie_ids)) in create {
        let data = derive(&data, &declaring_new[&id]);
        changes.push(LinkChange::Create { data, provenance, ties: tie_ids });
    }
    for (link, tie_ids) in attach {
        changes.push(LinkChange::Attach { link, ties: tie_ids });
    }
    for l in links.iter().filter(|l| l.by_survey && !l.by_hand) {
        match declaring.get(&l.id) {
            None if !l.archived => changes.push(LinkChange::Archive { link: l.id }),
            None => {}
            Some(declared) => {
                let data = derive(&l.data, declared);
                if data != l.data || l.archived {
                    changes.push(LinkChange::Rederive { link: l.id, data });
                }
            }
        }
    }
    changes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tie(id: i64, respondent: i64, alter: i64, tie_type: &str) -> TieFact {
        TieFact {
            id,
            respondent,
            alter,
            tie_type: tie_type.into(),
            frequency: None,
            formal: None,
            link: None,
            provenance: format!("survey:1/{respondent}"),
        }
    }

    fn link(id: i64, source: i64, target: i64, link_type: &str, directed: bool) -> LinkFact {
        LinkFact {
            id,
            data: LinkData {
                source,
                target,
                link_type: link_type.into(),
                directed,
                strength: Strength::trusted(1),
                formal: false,
                since: None,
                until: None,
                note: None,
                confirmed: false,
            },
            archived: false,
            by_survey: true,
            by_hand: false,
        }
    }

    fn directed(t: &str) -> bool {
        !matches!(t, "coordinates" | "partners")
    }

    fn created(changes: &[LinkChange]) -> Vec<&LinkData> {
        changes
            .iter()
            .filter_map(|c| match c {
                LinkChange::Create { data, .. } => Some(data),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_new_tie_creates_a_link_with_its_provenance_unconfirmed() {
        let changes = plan_links(&[tie(1, 10, 20, "coordinates")], &[], directed);
        assert_eq!(changes.len(), 1);
        let LinkChange::Create { data, provenance, ties } = &changes[0] else { panic!("{changes:?}") };
        assert_eq!((data.source, data.target, data.link_type.as_str()), (10, 20, "coordinates"));
        assert!(!data.confirmed && !data.formal && data.strength.get() == 1);
        assert_eq!((provenance.as_str(), ties.as_slice()), ("survey:1/10", &[1][..]));
    }

    #[test]
    fn funded_by_becomes_a_funds_link_from_the_other_side() {
        let changes = plan_links(&[tie(1, 10, 20, "funded_by")], &[], directed);
        let data = created(&changes)[0];
        assert_eq!((data.source, data.target, data.link_type.as_str(), data.directed), (20, 10, "funds", true));
        assert_eq!(link_type_of("referred_by"), ("refers", true));
        assert_eq!(link_type_of("something else"), ("coordinates", false));
    }

    #[test]
    fn both_sides_naming_each_other_make_one_confirmed_link() {
        let changes = plan_links(&[tie(1, 10, 20, "coordinates"), tie(2, 20, 10, "coordinates")], &[], directed);
        let made = created(&changes);
        assert_eq!(made.len(), 1, "an undirected link per pair: {changes:?}");
        assert!(made[0].confirmed);
        let LinkChange::Create { ties, .. } = &changes[0] else { panic!() };
        assert_eq!(ties, &[1, 2]);
    }

    #[test]
    fn a_tie_of_another_type_between_the_same_pair_still_counts_as_the_other_side() {
        let changes = plan_links(&[tie(1, 10, 20, "funds"), tie(2, 20, 10, "coordinates")], &[], directed);
        assert!(created(&changes).iter().all(|d| d.confirmed), "both sides named each other: {changes:?}");
    }

    #[test]
    fn strength_comes_from_the_most_frequent_contact_and_formal_from_either_side() {
        let mut a = tie(1, 10, 20, "coordinates");
        a.frequency = Some("monthly".into());
        let mut b = tie(2, 20, 10, "coordinates");
        b.frequency = Some("weekly".into());
        b.formal = Some("yes".into());
        let data = created(&plan_links(&[a, b], &[], directed))[0].clone();
        assert_eq!((data.strength.get(), data.formal), (3, true));
        assert_eq!((strength_of(Some("quarterly")), strength_of(None)), (1, 1));
    }

    #[test]
    fn a_tie_reinforces_an_existing_link_instead_of_duplicating_it() {
        let existing = link(7, 20, 10, "coordinates", false);
        let mut t = tie(1, 10, 20, "coordinates");
        t.frequency = Some("weekly".into());
        let changes = plan_links(&[t], &[existing], directed);
        assert!(created(&changes).is_empty());
        assert!(changes.contains(&LinkChange::Attach { link: 7, ties: vec![1] }));
        assert!(
            changes.iter().any(|c| matches!(c, LinkChange::Rederive { link: 7, data } if data.strength.get() == 3)),
            "{changes:?}"
        );
    }

    #[test]
    fn a_directed_link_the_other_way_is_another_link() {
        let existing = link(7, 20, 10, "refers", true);
        let changes = plan_links(&[tie(1, 10, 20, "refers")], &[existing], directed);
        assert_eq!(created(&changes).len(), 1);
    }

    #[test]
    fn a_survey_link_nobody_declares_any_more_is_archived() {
        let changes = plan_links(&[], &[link(7, 10, 20, "coordinates", false)], directed);
        assert_eq!(changes, vec![LinkChange::Archive { link: 7 }]);
        let mut archived = link(7, 10, 20, "coordinates", false);
        archived.archived = true;
        assert!(plan_links(&[], &[archived], directed).is_empty(), "already archived");
    }

    #[test]
    fn an_archived_survey_link_declared_again_comes_back() {
        let mut archived = link(7, 10, 20, "coordinates", false);
        archived.archived = true;
        let changes = plan_links(&[tie(1, 10, 20, "coordinates")], &[archived], directed);
        assert!(changes.iter().any(|c| matches!(c, LinkChange::Rederive { link: 7, .. })), "{changes:?}");
    }

    #[test]
    fn links_a_coordinator_recorded_or_edited_are_never_changed() {
        let mut manual = link(7, 10, 20, "coordinates", false);
        manual.by_survey = false;
        let mut edited = link(8, 10, 20, "partners", false);
        edited.by_hand = true;
        edited.archived = true;
        let ties = [tie(1, 10, 20, "coordinates"), tie(2, 10, 20, "partners"), tie(3, 20, 10, "coordinates")];
        let changes = plan_links(&ties, &[manual, edited], directed);
        assert!(created(&changes).is_empty(), "declared ties are counted on the existing links");
        assert!(
            changes.iter().all(|c| matches!(c, LinkChange::Attach { .. })),
            "nothing but attaching the ties: {changes:?}"
        );
    }

    #[test]
    fn unchanged_declarations_change_nothing() {
        let mut existing = link(7, 10, 20, "coordinates", false);
        existing.data.confirmed = false;
        let mut t = tie(1, 10, 20, "coordinates");
        t.link = Some(7);
        assert!(plan_links(&[t], &[existing], directed).is_empty());
    }

    mod declared {
        use super::super::*;
        use crate::survey::answers::{Answer, EntryAnswer, NewOrganisation, TieAnswer};

        fn def() -> Definition {
            crate::survey::definition::parse(include_str!("../../surveys/consultation-2023.toml")).unwrap()
        }

        fn network_question(def: &Definition) -> String {
            def.questions().find(|q| q.kind == Kind::Network).unwrap().id.get_ref().clone()
        }

        fn named(ties: Vec<TieAnswer>) -> (Definition, Answers) {
            let def = def();
            let q = network_question(&def);
            let answers = Answers(BTreeMap::from([(q, Answer { ties, ..Default::default() })]));
            (def, answers)
        }

        fn proposal(name: &str) -> TieAnswer {
            TieAnswer {
                new: Some(NewOrganisation { name: name.into(), level: "local".into(), kind: "association".into() }),
                ..Default::default()
            }
        }

        #[test]
        fn a_respondent_naming_itself_is_ignored_and_the_type_defaults_to_coordination() {
            let (def, answers) = named(vec![
                TieAnswer { stakeholder: Some(1), ..Default::default() },
                TieAnswer { stakeholder: Some(2), satisfaction: Some("4".into()), ..Default::default() },
            ]);
            let d = declarations(&def, &answers, 1, &[], &BTreeMap::new());
            assert_eq!(d.ties.len(), 1);
            assert_eq!(
                (d.ties[0].alter, d.ties[0].tie_type.as_str(), d.ties[0].satisfaction),
                (Some(2), "coordinates", Some(4))
            );
        }

        #[test]
        fn proposals_match_earlier_ones_by_name_and_the_rest_are_dropped() {
            let earlier = vec![
                EarlierProposal { id: 5, name: "Maison de quartier".into(), pending: true, decided: None },
                EarlierProposal { id: 6, name: "Collectif disparu".into(), pending: true, decided: None },
                EarlierProposal { id: 7, name: "Accueil Solidaire".into(), pending: false, decided: Some(42) },
            ];
            let (def, answers) =
                named(vec![proposal("MAISON DE QUARTIER "), proposal("accueil solidaire"), proposal("Nouvelle ASBL")]);
            let d = declarations(&def, &answers, 1, &earlier, &BTreeMap::new());
            assert_eq!(d.renamed_proposals.len(), 1);
            assert_eq!(d.renamed_proposals[0].0, 5);
            assert_eq!(d.renamed_proposals[0].1.name, "MAISON DE QUARTIER", "the name as now written, trimmed");
            assert_eq!(d.dropped_proposals, vec![6]);
            assert_eq!(d.new_proposals.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(), ["Nouvelle ASBL"]);
            let refs: Vec<_> = d.ties.iter().map(|t| (t.alter, t.proposal)).collect();
            assert_eq!(
                refs,
                [
                    (None, Some(ProposalRef::Earlier(5))),
                    (Some(42), Some(ProposalRef::Earlier(7))),
                    (None, Some(ProposalRef::New(0)))
                ],
                "a decided proposal stands for its stakeholder"
            );
        }

        #[test]
        fn corrections_carry_the_current_value_of_the_field() {
            let def = def();
            let q = def.questions().find(|q| q.kind == Kind::EntryCheck).unwrap().id.get_ref().clone();
            let entry = EntryAnswer {
                confirmed: Some(false),
                changes: BTreeMap::from([("phone".to_owned(), "+32 81 00 00 00".to_owned())]),
            };
            let answers = Answers(BTreeMap::from([(q, Answer { entry: Some(entry), ..Default::default() })]));
            let record = BTreeMap::from([("phone".to_owned(), "+32 81 11 11 11".to_owned())]);
            let d = declarations(&def, &answers, 1, &[], &record);
            assert_eq!(
                d.corrections,
                [Correction {
                    field: "phone".into(),
                    current: Some("+32 81 11 11 11".into()),
                    proposed: "+32 81 00 00 00".into()
                }]
            );
        }
    }
}
