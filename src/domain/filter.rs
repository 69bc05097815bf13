//! The filters every list shares (stakeholder list, map and analysis, campaign targets,
//! campaign results): which stakeholders, by level, kind, sector, province and key status.
//! One parser resolves codes or labels against the reference tables and reports every
//! unknown value with its field.

use super::problem::Collector;
use super::reference::Reference;
use super::text::given;
use super::values::{bounded_int, flag};

/// The shared filters as typed (query string, form, command line).
#[derive(Debug, Clone, Copy)]
pub struct RawCriteria<'a> {
    pub level: &'a Option<String>,
    pub kind: &'a Option<String>,
    pub sector: &'a Option<String>,
    pub province: &'a Option<String>,
    pub key: &'a Option<String>,
}

/// The shared filters, resolved: codes of the reference tables, INS code of a province.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Criteria {
    pub level: Option<String>,
    pub kind: Option<String>,
    pub sector: Option<String>,
    pub province: Option<String>,
    pub key_only: bool,
}

static UNSET: Option<String> = None;

impl Default for RawCriteria<'_> {
    fn default() -> Self {
        RawCriteria { level: &UNSET, kind: &UNSET, sector: &UNSET, province: &UNSET, key: &UNSET }
    }
}

impl RawCriteria<'_> {
    /// Resolves each filter that is set; unknown values go to `e` under their field's name.
    pub fn parse(&self, reference: &Reference, e: &mut Collector) -> Criteria {
        Criteria {
            level: given(self.level).and_then(|v| e.take("level", reference.level(v).map(|i| i.code.clone()))),
            kind: given(self.kind).and_then(|v| e.take("kind", reference.kind(v).map(|i| i.code.clone()))),
            sector: given(self.sector).and_then(|v| e.take("sector", reference.sector(v).map(|i| i.code.clone()))),
            province: given(self.province)
                .and_then(|v| e.take("province", reference.province(v).map(|t| t.ins_code.clone()))),
            key_only: given(self.key).and_then(|v| e.take("key", flag(v))).unwrap_or(false),
        }
    }
}

/// `limit` and `offset` as typed: `limit` defaults to (and is at most) `page_size` when one
/// is given.
pub fn paging(
    limit: &Option<String>,
    offset: &Option<String>,
    page_size: Option<i64>,
    e: &mut Collector,
) -> (Option<i64>, Option<i64>) {
    let max = page_size.unwrap_or(i64::MAX / 4);
    let limit = given(limit).and_then(|v| e.take("limit", bounded_int(v, 1, max))).or(page_size);
    let offset = given(offset).and_then(|v| e.take("offset", bounded_int(v, 0, i64::MAX / 4)));
    (limit, offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_labels_resolve_and_unknown_values_are_reported_by_field() {
        let reference = crate::domain::reference::tests::sample();
        let (level, kind, sector, province, key) =
            (Some("Régional".to_owned()), Some("nowhere".to_owned()), None, None, Some("oui".to_owned()));
        let raw = RawCriteria { level: &level, kind: &kind, sector: &sector, province: &province, key: &key };
        let mut e = Collector::default();
        let c = raw.parse(&reference, &mut e);
        assert_eq!(c.level.as_deref(), Some("regional"));
        assert!(c.key_only);
        assert_eq!(e.0.iter().map(|f| f.field.as_str()).collect::<Vec<_>>(), ["kind"]);
    }

    #[test]
    fn paging_defaults_to_the_page_size_and_refuses_more() {
        let mut e = Collector::default();
        assert_eq!(paging(&None, &None, Some(50), &mut e), (Some(50), None));
        assert_eq!(paging(&Some("10".into()), &Some("20".into()), Some(50), &mut e), (Some(10), Some(20)));
        assert!(e.0.is_empty());
        paging(&Some("500".into()), &None, Some(50), &mut e);
        assert_eq!(e.0.len(), 1);
    }
}
