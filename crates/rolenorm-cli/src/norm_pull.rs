//! `rolenorm norm pull --data DIR --version V -o DIR`: writes a norm version released on a
//! server (its data folder) as a pack folder that `--norm DIR` reads.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result, anyhow, bail};
use rolenorm_norm::Norm;
use rolenorm_store::Store;

/// Arguments of `rolenorm norm pull`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The server's data folder.
    #[arg(long, value_name = "DIR")]
    data: PathBuf,
    /// The released version (default: the newest release).
    #[arg(long, value_name = "V")]
    version: Option<String>,
    /// The folder to write the pack into (created; existing pack files are replaced).
    #[arg(short, long, value_name = "DIR")]
    output: PathBuf,
}

/// Writes the pack and checks it reads back as the released norm.
pub(crate) fn run(args: Args) -> Result<ExitCode> {
    if !args.data.join(rolenorm_store::DATABASE_FILE).is_file() {
        bail!("{} holds no rolenorm database ({})", args.data.display(), rolenorm_store::DATABASE_FILE);
    }
    let runtime =
        tokio::runtime::Builder::new_current_thread().enable_all().build().context("cannot start the async runtime")?;
    let release = runtime.block_on(async {
        let store = Store::open(&args.data)
            .await
            .with_context(|| format!("cannot open data folder {}", args.data.display()))?;
        let release = match &args.version {
            Some(version) => store.release(version).await?,
            None => store.latest_release().await?,
        };
        release.ok_or_else(|| match &args.version {
            Some(version) => anyhow!("version {version} was never released in {}", args.data.display()),
            None => anyhow!("nothing was released in {}", args.data.display()),
        })
    })?;
    let files: std::collections::BTreeMap<String, String> =
        serde_json::from_str(&release.files).context("the stored release is unreadable")?;
    let norm = Norm::from_files(files.iter().map(|(n, t)| (n.as_str(), t.as_str())))
        .with_context(|| format!("the stored release {} does not check", release.version))?;
    std::fs::create_dir_all(&args.output).with_context(|| format!("cannot create {}", args.output.display()))?;
    for (name, text) in &files {
        let path = args.output.join(name);
        std::fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
    }
    println!("{} → {} ({} files)", norm.label(), args.output.display(), files.len());
    Ok(ExitCode::SUCCESS)
}
