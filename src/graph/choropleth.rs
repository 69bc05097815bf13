//! The coverage map: Walloon communes as SVG shapes coloured by a count, province borders on
//! top, drawn on the server from a GeoJSON file the deployment provides (no tile server, no
//! internet at the meeting). The shapes are projected once; each drawing only colours them.

use quick_xml::escape::escape;
use std::collections::HashMap;
use std::fmt::Write;

/// A commune, projected: its INS code, name, province and SVG path.
#[derive(Debug, Clone)]
pub struct Shape {
    pub ins: String,
    pub name: String,
    pub province: String,
    pub path: String,
}

#[derive(Debug, Clone)]
pub struct Shapes {
    pub communes: Vec<Shape>,
    /// Every segment where two provinces (or a province and the outside) meet, as one path.
    pub province_borders: String,
    pub width: f64,
    pub height: f64,
}

/// The largest GeoJSON file read (bytes) and the most vertices kept: far above the 680 KB,
/// 32,656 vertices of the Walloon communes, and a bound on what a wrong file can cost.
pub const MAX_BYTES: u64 = 50 * 1024 * 1024;
pub const MAX_VERTICES: usize = 2_000_000;

const WIDTH: f64 = 1000.0;

type Ring = Vec<(f64, f64)>;

fn rings_of(geometry: &serde_json::Value) -> Result<Vec<Ring>, String> {
    let point = |p: &serde_json::Value| -> Option<(f64, f64)> {
        let a = p.as_array()?;
        Some((a.first()?.as_f64()?, a.get(1)?.as_f64()?))
    };
    let ring = |r: &serde_json::Value| -> Result<Ring, String> {
        r.as_array()
            .ok_or("a ring is not an array")?
            .iter()
            .map(|p| point(p).ok_or_else(|| "a point is not [lon, lat]".to_owned()))
            .collect()
    };
    let polygon = |p: &serde_json::Value| -> Result<Vec<Ring>, String> {
        p.as_array().ok_or("a polygon is not an array")?.iter().map(ring).collect()
    };
    let coordinates = &geometry["coordinates"];
    match geometry["type"].as_str() {
        Some("Polygon") => polygon(coordinates),
        Some("MultiPolygon") => Ok(coordinates
            .as_array()
            .ok_or("a MultiPolygon is not an array")?
            .iter()
            .map(polygon)
            .collect::<Result<Vec<_>, _>>()?
            .into_iter()
            .flatten()
            .collect()),
        other => Err(format!("geometry {other:?}: only Polygon and MultiPolygon are drawn")),
    }
}

/// Reads the communes of a GeoJSON FeatureCollection, keyed by INS code (`feature.id` or the
/// `ins_code` property), keeping those `known` knows (its province), and projects them.
pub fn parse(bytes: &[u8], known: &HashMap<String, (String, String)>) -> Result<Shapes, String> {
    let doc: serde_json::Value = serde_json::from_slice(bytes).map_err(|e| format!("not JSON: {e}"))?;
    let features = doc["features"].as_array().ok_or("not a GeoJSON FeatureCollection (no \"features\")")?;
    let mut raw: Vec<(String, Vec<Ring>)> = Vec::new();
    let mut vertices = 0usize;
    for (i, f) in features.iter().enumerate() {
        let id = match (&f["id"], &f["properties"]["ins_code"]) {
            (serde_json::Value::String(s), _) | (_, serde_json::Value::String(s)) => s.clone(),
            (serde_json::Value::Number(n), _) | (_, serde_json::Value::Number(n)) => n.to_string(),
            _ => return Err(format!("feature {}: no INS code (id or properties.ins_code)", i + 1)),
        };
        if !known.contains_key(&id) {
            continue;
        }
        let rings = rings_of(&f["geometry"]).map_err(|e| format!("feature {} ({id}): {e}", i + 1))?;
        vertices += rings.iter().map(Vec::len).sum::<usize>();
        if vertices > MAX_VERTICES {
            return Err(format!("more than {MAX_VERTICES} vertices: simplify the shapes"));
        }
        raw.push((id, rings));
    }
    if raw.is_empty() {
        return Err("no feature has the INS code of a Walloon commune".into());
    }
    let points = || raw.iter().flat_map(|(_, r)| r.iter().flatten());
    let (mut min_lon, mut max_lon, mut min_lat, mut max_lat) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for &(lon, lat) in points() {
        min_lon = min_lon.min(lon);
        max_lon = max_lon.max(lon);
        min_lat = min_lat.min(lat);
        max_lat = max_lat.max(lat);
    }
    // Equirectangular, with the longitudes shrunk by the cosine of the middle latitude: at
    // Wallonia's size the difference from a conformal projection does not show.
    let shrink = ((min_lat + max_lat) / 2.0).to_radians().cos();
    let scale = WIDTH / ((max_lon - min_lon) * shrink).max(1e-9);
    let project = |(lon, lat): (f64, f64)| ((lon - min_lon) * shrink * scale, (max_lat - lat) * scale);
    // Border segments are keyed by their ends on a 0.1-unit grid, so shared borders match;
    // each records the provinces of the communes it bounds.
    let grid = |(x, y): (f64, f64)| ((x * 10.0).round() as i64, (y * 10.0).round() as i64);
    type Segment = ((i64, i64), (i64, i64));
    let mut segments: HashMap<Segment, Vec<usize>> = HashMap::new();
    let mut communes = Vec::with_capacity(raw.len());
    let mut province_index: HashMap<String, usize> = HashMap::new();
    for (ins, rings) in &raw {
        let (name, province) = known[ins].clone();
        let next = province_index.len();
        let p = *province_index.entry(province.clone()).or_insert(next);
        let mut path = String::new();
        for ring in rings {
            let projected: Vec<(f64, f64)> = ring.iter().map(|&pt| project(pt)).collect();
            for (k, &(x, y)) in projected.iter().enumerate() {
                let _ = write!(path, "{}{x:.1} {y:.1}", if k == 0 { "M" } else { "L" });
                if k > 0 {
                    let (a, b) = (grid(projected[k - 1]), grid((x, y)));
                    if a != b {
                        segments.entry(if a < b { (a, b) } else { (b, a) }).or_default().push(p);
                    }
                }
            }
            path.push('Z');
        }
        communes.push(Shape { ins: ins.clone(), name, province, path });
    }
    // Seen once, a segment is on Wallonia's edge; seen twice, it is a border when the two
    // communes lie in different provinces.
    let mut borders: Vec<&Segment> = segments
        .iter()
        .filter(|(_, provinces)| provinces.len() == 1 || provinces.iter().any(|p| *p != provinces[0]))
        .map(|(k, _)| k)
        .collect();
    borders.sort();
    let mut province_borders = String::new();
    for ((ax, ay), (bx, by)) in borders {
        let f = |v: i64| v as f64 / 10.0;
        let _ = write!(province_borders, "M{:.1} {:.1}L{:.1} {:.1}", f(*ax), f(*ay), f(*bx), f(*by));
    }
    let height = (max_lat - min_lat) * scale;
    Ok(Shapes { communes, province_borders, width: WIDTH, height })
}

/// Colour classes of the count of actors covering a commune: none, 1, 2–3, 4–6, 7 or more.
pub const CLASSES: [(usize, usize); 5] = [(0, 0), (1, 1), (2, 3), (4, 6), (7, usize::MAX)];
const FILLS: [&str; 5] = ["url(#uncovered)", "#deebf7", "#9ecae1", "#4292c6", "#08519c"];

pub fn class_of(count: usize) -> usize {
    CLASSES.iter().position(|(lo, hi)| (*lo..=*hi).contains(&count)).unwrap_or(0)
}

/// What the drawing says in words: the title, each class's legend, a commune's tooltip.
pub struct Words<'a> {
    pub title: &'a str,
    pub legend: [String; 5],
    pub tooltip: &'a dyn Fn(&str, usize) -> String,
    pub href: &'a dyn Fn(&str) -> String,
}

/// The map: one `<path class="commune cN">` per commune (N its class), inside a link to its
/// actors, the uncovered ones hatched (obvious in colour and in black and white), the
/// province borders on top, and the legend.
pub fn render(shapes: &Shapes, counts: &HashMap<String, usize>, words: &Words) -> String {
    let legend_height = 34.0;
    let (w, h) = (shapes.width, shapes.height + legend_height + 10.0);
    let mut s = String::with_capacity(shapes.communes.iter().map(|c| c.path.len() + 200).sum::<usize>() + 4096);
    let _ = write!(
        s,
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w:.0} {h:.0}" class="choropleth" role="group" aria-label="{}"><defs><pattern id="uncovered" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="8" height="8" fill="#fff5eb"/><line x1="0" y1="0" x2="0" y2="8" stroke="#c2410c" stroke-width="3"/></pattern></defs>"##,
        escape(words.title)
    );
    for c in &shapes.communes {
        let n = counts.get(&c.ins).copied().unwrap_or(0);
        let class = class_of(n);
        let _ = write!(
            s,
            r##"<a href="{}"><path class="commune c{class}" data-ins="{}" d="{}" fill="{}" stroke="#ffffff" stroke-width="0.6"><title>{}</title></path></a>"##,
            escape((words.href)(&c.ins).as_str()),
            escape(c.ins.as_str()),
            c.path,
            FILLS[class],
            escape((words.tooltip)(&c.name, n).as_str())
        );
    }
    let _ = write!(
        s,
        r##"<path class="provinces" d="{}" fill="none" stroke="#1d2733" stroke-width="1.6" stroke-linecap="round"/>"##,
        shapes.province_borders
    );
    let y = shapes.height + 10.0;
    for (i, label) in words.legend.iter().enumerate() {
        let x = 10.0 + i as f64 * (w - 20.0) / 5.0;
        let _ = write!(
            s,
            r##"<rect x="{x:.0}" y="{y:.0}" width="22" height="16" fill="{}" stroke="#1d2733" stroke-width="0.6"/><text x="{:.0}" y="{:.0}" font-size="14" fill="#1d2733">{}</text>"##,
            FILLS[i],
            x + 28.0,
            y + 13.0,
            escape(label.as_str())
        );
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two square communes side by side in province P, a third below in province Q.
    pub fn squares() -> (String, HashMap<String, (String, String)>) {
        let square = |x: f64, y: f64| {
            format!("[[[{x},{y}],[{},{y}],[{},{}],[{x},{}],[{x},{y}]]]", x + 0.1, x + 0.1, y + 0.1, y + 0.1)
        };
        let feature = |id: &str, x: f64, y: f64| {
            format!(
                r#"{{"type":"Feature","id":"{id}","properties":{{}},"geometry":{{"type":"Polygon","coordinates":{}}}}}"#,
                square(x, y)
            )
        };
        let doc = format!(
            r#"{{"type":"FeatureCollection","features":[{},{},{},{}]}}"#,
            feature("1", 5.0, 50.1),
            feature("2", 5.1, 50.1),
            feature("3", 5.0, 50.0),
            feature("99999", 6.0, 50.0)
        );
        let known = [("1", "Un", "P"), ("2", "Deux", "P"), ("3", "Trois", "Q")]
            .into_iter()
            .map(|(i, n, p)| (i.to_owned(), (n.to_owned(), p.to_owned())))
            .collect();
        (doc, known)
    }

    #[test]
    fn communes_are_projected_coloured_by_class_and_provinces_outlined() {
        let (doc, known) = squares();
        let shapes = parse(doc.as_bytes(), &known).unwrap();
        assert_eq!(shapes.communes.len(), 3, "the unknown commune 99999 is left out");
        assert!((shapes.width - 1000.0).abs() < 1e-6 && shapes.height > 1000.0, "{} × {}", shapes.width, shapes.height);
        // The shared side of 1 and 2 (same province) is no border; the side 1|3 is one.
        let borders = shapes.province_borders.matches('M').count();
        assert_eq!(borders, 9, "Wallonia's edge (8 sides) and the side between P and Q: {}", shapes.province_borders);
        assert!(!shapes.province_borders.contains("M500.0 0.0L500.0 779.5"), "1 and 2 share a province: no border");
        let counts = HashMap::from([("1".to_owned(), 0), ("2".to_owned(), 3), ("3".to_owned(), 9)]);
        let words = Words {
            title: "Coverage",
            legend: ["none".into(), "1".into(), "2–3".into(), "4–6".into(), "7+".into()],
            tooltip: &|name, n| format!("{name}: {n}"),
            href: &|ins| format!("/stakeholders?commune={ins}"),
        };
        let svg = render(&shapes, &counts, &words);
        assert_eq!(svg.matches("<path class=\"commune").count(), 3);
        assert!(svg.contains(r#"class="commune c0" data-ins="1""#) && svg.contains("fill=\"url(#uncovered)\""));
        assert!(
            svg.contains(r#"class="commune c2" data-ins="2""#) && svg.contains(r#"class="commune c4" data-ins="3""#)
        );
        assert!(svg.contains("<title>Trois: 9</title>") && svg.contains(r#"href="/stakeholders?commune=3""#));
        assert_eq!([class_of(0), class_of(1), class_of(3), class_of(6), class_of(100)], [0, 1, 2, 3, 4]);
        assert!(parse(b"{}", &known).unwrap_err().contains("FeatureCollection"));
        assert!(parse(b"not json", &known).unwrap_err().contains("not JSON"));
    }
}
