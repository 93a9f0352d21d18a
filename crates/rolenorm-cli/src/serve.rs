//! `rolenorm serve`: the HTTP API and the web app on one address.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context, Result};
use rolenorm_server::{AppState, Limits};
use rolenorm_store::Store;

use crate::{NormArgs, load_analyzer};

/// Arguments of `rolenorm serve`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The address to listen on (host:port). Use 0.0.0.0 only behind a proxy you trust.
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "HOST:PORT")]
    addr: SocketAddr,
    /// The data folder (created on first run) holding the SQLite database.
    #[arg(long, default_value = "rolenorm-data", value_name = "DIR")]
    data: PathBuf,
    /// Requests per second one client (IP address) may send on average; 0 turns the limit off.
    #[arg(long, default_value_t = 20.0, value_name = "N")]
    rate_limit: f64,
    /// Requests one client may send in a burst.
    #[arg(long, default_value_t = 60.0, value_name = "N")]
    rate_burst: f64,
    /// The longest time one request may take, in milliseconds.
    #[arg(long, default_value_t = 10_000, value_name = "MS")]
    timeout_ms: u64,
    /// The issuing organisation's name in the credentials this server issues.
    #[arg(long, default_value = "rolenorm", value_name = "NAME")]
    issuer_name: String,
    /// The server's public base URL, under which credentials and the status list are found
    /// (default: http://ADDR).
    #[arg(long, value_name = "URL")]
    public_url: Option<String>,
    /// Days a credential issued here stays valid (0: no expiry).
    #[arg(long, default_value_t = 730, value_name = "DAYS")]
    credential_days: u32,
    #[command(flatten)]
    community: CommunityArgs,
    #[command(flatten)]
    norm: NormArgs,
}

/// How the community's accounts and votes behave.
#[derive(Debug, clap::Args)]
struct CommunityArgs {
    /// Votes (yes, no, abstain) a proposal needs to pass.
    #[arg(long, default_value_t = 2, value_name = "N")]
    quorum: i64,
    /// The share of yes among yes and no votes that must be exceeded (0.5: simple majority).
    #[arg(long, default_value_t = 0.5, value_name = "SHARE")]
    majority: f64,
    /// Days a proposal's vote stays open (default: until a maintainer closes or releases it).
    #[arg(long, value_name = "DAYS")]
    vote_days: Option<i64>,
    /// Mark the session cookie Secure (serve behind TLS); it is also Secure when a proxy sends
    /// `X-Forwarded-Proto: https`.
    #[arg(long)]
    secure_cookies: bool,
}

/// Runs the server until SIGINT or SIGTERM.
pub(crate) fn run(args: Args) -> Result<ExitCode> {
    init_logging();
    let analyzer = load_analyzer(args.norm.norm.as_deref())?;
    let limits = Limits {
        rate_per_second: args.rate_limit,
        rate_burst: args.rate_burst,
        timeout: Duration::from_millis(args.timeout_ms),
        ..Limits::default()
    };
    let runtime =
        tokio::runtime::Builder::new_multi_thread().enable_all().build().context("cannot start the async runtime")?;
    runtime.block_on(async {
        let store = Store::open(&args.data)
            .await
            .with_context(|| format!("cannot open data folder {}", args.data.display()))?;
        tracing::info!(database = %store.path().display(), norm = %analyzer.norm().label(), "store ready");
        let (key, created) = rolenorm_server::load_or_create_key(&args.data)?;
        let verb = if created { "created" } else { "loaded" };
        tracing::info!(issuer = %key.did(), "issuer key {verb} (owner-only file in the data folder)");
        let base = args.public_url.clone().unwrap_or_else(|| format!("http://{}", args.addr));
        let days = Some(args.credential_days).filter(|d| *d > 0);
        let issuer = rolenorm_server::Issuer::new(key, &args.issuer_name, &base, days);
        if !(0.0..1.0).contains(&args.community.majority) || args.community.quorum < 0 {
            anyhow::bail!("--majority must be at least 0 and below 1, --quorum at least 0");
        }
        let accounts = rolenorm_server::accounts::AccountsConfig {
            secure_cookies: args.community.secure_cookies,
            ..Default::default()
        };
        let community = rolenorm_server::community::CommunityConfig {
            quorum: args.community.quorum,
            majority: args.community.majority,
            vote_days: args.community.vote_days,
            ..Default::default()
        };
        let state =
            AppState::with_accounts(analyzer, store, limits, accounts).with_community(community).with_issuer(issuer);
        if let Some(dir) = &args.norm.norm {
            let files = crate::read_pack(dir)?;
            let document = rolenorm_norm::NormDocument::from_files(files.iter().map(|(n, t)| (n.as_str(), t.as_str())))
                .with_context(|| format!("cannot read the norm pack {}", dir.display()))?;
            state.norms().set_base_document(document);
        }
        rolenorm_server::serve(args.addr, state).await.with_context(|| format!("cannot serve on {}", args.addr))
    })?;
    Ok(ExitCode::SUCCESS)
}

/// Log lines to stderr, one per request and per event; `RUST_LOG` filters (default `info`;
/// `RUST_LOG=warn` leaves only problems).
fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let ansi = std::io::IsTerminal::is_terminal(&std::io::stderr());
    let _ = tracing_subscriber::fmt().with_env_filter(filter).with_ansi(ansi).with_writer(std::io::stderr).try_init();
}
