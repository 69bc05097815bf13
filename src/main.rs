use clap::Parser;
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn")))
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
