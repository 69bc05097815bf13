use clap::Parser;
use tracing_subscriber::EnvFilter;

fn main() -> std::process::ExitCode {
    limit_malloc_arenas();
    tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("the async runtime").block_on(run())
}

/// glibc gives each thread that allocates its own arena (up to eight per core), and keeps what
/// each one grew to: a server that answered large requests on many threads stays large. Two
/// arenas cost nothing measurable here and keep the resident size near what is in use.
fn limit_malloc_arenas() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets an allocator parameter; called before any other thread exists.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 2);
    }
}

async fn run() -> std::process::ExitCode {
    tracing_subscriber::fmt()
        // A large import's many-row statements are slow by sqlx's measure: not worth a warning.
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,sqlx::query=error")),
        )
        .with_writer(std::io::stderr)
        .init();
    let server: maillage::cli::Server =
        Box::new(|listener, state| Box::pin(maillage::web::serve(listener, state, maillage::cli::shutdown_signal())));
    match maillage::cli::run(maillage::cli::Cli::parse(), server).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            // The whole cause chain, without a backtrace: this is for the person at the terminal.
            eprintln!("Error: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
