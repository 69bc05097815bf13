//! Turning a network into SVG or PNG: Graphviz when it is installed (drawing the level-band
//! layout computed in `band`), the built-in SVG writer otherwise, or when Graphviz fails or
//! runs past its time limit.

use super::dot::{Engine, print, to_dot};
use super::{Network, band};
use crate::i18n::Lang;
use std::process::Stdio;
use std::sync::OnceLock;
use std::time::Duration;
use tokio::io::AsyncWriteExt;

/// The longest an external layout may run before the built-in renderer takes over.
pub const GRAPHVIZ_TIME_LIMIT: Duration = Duration::from_secs(30);

/// The longest curved edges may take: half a second and a millisecond per link. Graphviz 2.43
/// routes curves in 0.03 to 0.13 s for 13 to 665 of the demo's links, but loops on some
/// networks (all 691: over 20 s; 659 without the meetings: 9.6 s). Past the limit, the same
/// drawing is made again with straight edges (0.1 s): the first view of such a map waits
/// about 1.2 s rather than the 4 s of the fixed limit it replaces.
pub fn curved_time_limit(links: usize) -> Duration {
    Duration::from_millis(500 + links as u64)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Renderer {
    Graphviz(Engine),
    Builtin,
}

impl Renderer {
    pub fn describe(self, lang: Lang) -> String {
        match self {
            Renderer::Graphviz(e) => format!("Graphviz ({})", e.name()),
            Renderer::Builtin => crate::i18n::text(lang, "renderer-builtin", &[]),
        }
    }
}

/// What the caller wants: the best available, or one renderer in particular.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Preference {
    #[default]
    Auto,
    Builtin,
    Graphviz,
}

pub struct Rendered {
    pub svg: String,
    pub renderer: Renderer,
    /// Why the preferred renderer was not used, if it was not.
    pub note: Option<String>,
}

/// Whether the system has Graphviz's `dot` (checked once).
pub fn graphviz_available() -> bool {
    static AVAILABLE: OnceLock<bool> = OnceLock::new();
    *AVAILABLE.get_or_init(|| {
        std::process::Command::new("dot")
            .arg("-V")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    })
}

/// Runs Graphviz on `dot` text with a time limit; the process is killed when it runs over.
pub async fn run_graphviz(dot: &str, engine: Engine, format: &str) -> std::io::Result<Vec<u8>> {
    const CURVED: &str = "splines=curved";
    if !dot.contains(CURVED) {
        return run_graphviz_within(dot, engine, format, GRAPHVIZ_TIME_LIMIT).await;
    }
    let limit = curved_time_limit(dot.matches(" -> ").count());
    match run_graphviz_within(dot, engine, format, limit).await {
        Err(e) if e.kind() == std::io::ErrorKind::TimedOut => {
            tracing::warn!("Graphviz ran past {limit:?} with curved edges; drawing them straight");
            let straight = dot.replacen(CURVED, "splines=false", 1);
            run_graphviz_within(&straight, engine, format, GRAPHVIZ_TIME_LIMIT.saturating_sub(limit)).await
        }
        done => done,
    }
}

/// `run_graphviz` with its own time limit.
async fn run_graphviz_within(dot: &str, engine: Engine, format: &str, limit: Duration) -> std::io::Result<Vec<u8>> {
    let mut command = tokio::process::Command::new("dot");
    command.arg(format!("-K{}", engine.name())).arg(format!("-T{format}"));
    if engine == Engine::Bands {
        // Positions are given in points: use them as they are.
        command.arg("-n2");
    }
    let mut child =
        command.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).kill_on_drop(true).spawn()?;
    let mut stdin = child.stdin.take().expect("piped stdin");
    let input = dot.as_bytes().to_vec();
    let writer = tokio::spawn(async move {
        let _ = stdin.write_all(&input).await;
    });
    let output = tokio::time::timeout(limit, child.wait_with_output())
        .await
        .map_err(|_| std::io::Error::new(std::io::ErrorKind::TimedOut, "Graphviz ran past its time limit"))??;
    let _ = writer.await;
    if output.status.success() {
        Ok(output.stdout)
    } else {
        Err(std::io::Error::other(format!("Graphviz failed: {}", String::from_utf8_lossy(&output.stderr).trim())))
    }
}

/// An SVG without its XML prolog and DOCTYPE, ready to be placed inside an HTML page.
pub fn inline_svg(svg: &str) -> &str {
    svg.find("<svg").map_or(svg, |i| &svg[i..])
}

/// Runs CPU-bound drawing on the blocking pool, so that the async workers keep serving
/// other requests (and `/healthz`) meanwhile.
async fn off_the_workers<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    tokio::task::spawn_blocking(f).await.expect("drawing does not panic")
}

pub async fn render_svg(net: std::sync::Arc<Network>, lang: Lang, preference: Preference) -> Rendered {
    let use_graphviz = match preference {
        Preference::Builtin => false,
        Preference::Auto | Preference::Graphviz => graphviz_available(),
    };
    let mut note =
        (preference == Preference::Graphviz && !use_graphviz).then(|| crate::i18n::text(lang, "graphviz-missing", &[]));
    if use_graphviz {
        let engine = Engine::Bands;
        let n = net.clone();
        let dot = off_the_workers(move || print(&to_dot(&n, lang, engine, false))).await;
        match run_graphviz(&dot, engine, "svg").await {
            Ok(bytes) => {
                let svg = String::from_utf8_lossy(&bytes);
                return Rendered { svg: inline_svg(&svg).to_owned(), renderer: Renderer::Graphviz(engine), note };
            }
            Err(e) => {
                tracing::warn!(error = %e, nodes = net.node_count(), "Graphviz failed; using the built-in renderer");
                note = Some(crate::i18n::tr!(lang, "graphviz-failed", detail = e.to_string()));
            }
        }
    }
    let svg = off_the_workers(move || band::render(&net, lang)).await;
    Rendered { svg, renderer: Renderer::Builtin, note }
}

/// A PNG, which needs Graphviz; `None` when it is not installed.
pub async fn render_png(net: &Network, lang: Lang) -> Option<std::io::Result<Vec<u8>>> {
    if !graphviz_available() {
        return None;
    }
    Some(run_graphviz(&print(&to_dot(net, lang, Engine::Bands, true)), Engine::Bands, "png").await)
}
