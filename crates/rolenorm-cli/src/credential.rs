//! `rolenorm credential`: keygen, issue, verify and revoke Open Badges 3.0 credentials for an
//! issuing organisation without a server. The organisation holding the key is the assessor:
//! issuing records its approval of the assessment in the credential's evidence.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use jiff::{SignedDuration, Timestamp};
use rolenorm_assess::{Assessment, Input, assess};
use rolenorm_credential::{
    Approval, IssueRequest, IssuerKey, StatusCheck, StatusList, VerifyOptions, build_credential, new_credential_id,
    proof, random_status_index, status, verify_credential,
};
use serde_json::Value;

use crate::{NormArgs, load_analyzer};

/// `rolenorm credential …`.
#[derive(Debug, clap::Subcommand)]
pub(crate) enum Command {
    /// Create an issuer key (Ed25519); the file is owner-only, the did:key is printed.
    Keygen {
        /// The key file to create (refused if it exists).
        #[arg(short, long, value_name = "KEY")]
        output: PathBuf,
    },
    /// Issue a signed credential for ROLE from an assessment (or a self-assessment / CV).
    Issue(IssueArgs),
    /// Verify a credential: exit 0 valid, 1 invalid (with the reason), 2 unreadable.
    Verify(VerifyArgs),
    /// Revoke a credential in its status list file (created if missing, re-signed).
    Revoke {
        /// The credential to revoke.
        credential: PathBuf,
        /// The issuer's key file (the list is signed with it).
        #[arg(long, value_name = "KEY")]
        key: PathBuf,
        /// The status list credential file.
        #[arg(long, value_name = "FILE")]
        status_list: PathBuf,
    },
}

/// Arguments of `rolenorm credential issue`.
#[derive(Debug, clap::Args)]
pub(crate) struct IssueArgs {
    /// The assessment (`rolenorm assess --json`), or a self-assessment / CV to assess now.
    assessment: PathBuf,
    /// The issuer's key file.
    #[arg(long, value_name = "KEY")]
    key: PathBuf,
    /// The role to credential (a role id of the norm).
    #[arg(long)]
    role: String,
    /// The holder's name (default: the assessment's).
    #[arg(long)]
    name: Option<String>,
    /// The issuing organisation's name.
    #[arg(long, default_value = "rolenorm issuer")]
    issuer_name: String,
    /// Days the credential stays valid (default: no expiry).
    #[arg(long, conflicts_with = "valid_until")]
    valid_days: Option<u32>,
    /// When the credential expires (RFC 3339, e.g. 2028-01-01T00:00:00Z).
    #[arg(long)]
    valid_until: Option<Timestamp>,
    /// The URL of the status list credential (default: a URN of the issuer key).
    #[arg(long)]
    status_url: Option<String>,
    /// The credential's index in the status list (default: random).
    #[arg(long)]
    status_index: Option<usize>,
    /// The credential file to write.
    #[arg(short, long, value_name = "CRED")]
    output: PathBuf,
    #[command(flatten)]
    norm: NormArgs,
}

/// Arguments of `rolenorm credential verify`.
#[derive(Debug, clap::Args)]
pub(crate) struct VerifyArgs {
    /// The credential.
    credential: PathBuf,
    /// The status list credential file to check revocation against.
    #[arg(long, value_name = "FILE")]
    status_list: Option<PathBuf>,
    /// The issuer (did:key) the credential must come from.
    #[arg(long)]
    issuer: Option<String>,
    /// Check the validity dates at this time instead of now (RFC 3339).
    #[arg(long)]
    at: Option<Timestamp>,
    /// Print the result as JSON.
    #[arg(long)]
    json: bool,
}

pub(crate) fn run(command: Command) -> Result<ExitCode> {
    match command {
        Command::Keygen { output } => keygen(&output),
        Command::Issue(args) => issue(args),
        Command::Verify(args) => verify(args),
        Command::Revoke { credential, key, status_list } => revoke(&credential, &key, &status_list),
    }
}

/// Now, to the second (XSD dateTime without fractions).
fn now() -> Timestamp {
    Timestamp::from_second(Timestamp::now().as_second()).unwrap_or(Timestamp::UNIX_EPOCH)
}

fn keygen(output: &Path) -> Result<ExitCode> {
    let key = IssuerKey::generate()?;
    write_secret(output, key.to_key_file().as_bytes())?;
    println!("{}", key.did());
    Ok(ExitCode::SUCCESS)
}

/// Creates `path` owner-only (mode 0600) and writes `bytes`; refuses to overwrite.
fn write_secret(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path).with_context(|| format!("cannot create key file {}", path.display()))?;
    file.write_all(bytes).with_context(|| format!("cannot write key file {}", path.display()))?;
    Ok(())
}

fn read_key(path: &Path) -> Result<IssuerKey> {
    #[cfg(unix)]
    if let Ok(meta) = std::fs::metadata(path) {
        use std::os::unix::fs::PermissionsExt;
        if meta.permissions().mode() & 0o077 != 0 {
            eprintln!("rolenorm: warning: key file {} is readable by others (chmod 600 it)", path.display());
        }
    }
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read key file {}", path.display()))?;
    IssuerKey::from_key_file(&text).with_context(|| format!("cannot use key file {}", path.display()))
}

fn read_json(path: &Path) -> Result<Value> {
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    serde_json::from_str(&text).with_context(|| format!("{} is not JSON", path.display()))
}

/// Writes `value` as pretty JSON to `path` through a temporary file, so a failure never
/// leaves half a file.
fn write_json(path: &Path, value: &Value) -> Result<()> {
    let text = serde_json::to_string_pretty(value)? + "\n";
    let partial = path.with_extension("partial");
    std::fs::write(&partial, text).with_context(|| format!("cannot write {}", partial.display()))?;
    std::fs::rename(&partial, path).with_context(|| format!("cannot write {}", path.display()))
}

fn issue(args: IssueArgs) -> Result<ExitCode> {
    let key = read_key(&args.key)?;
    let analyzer = load_analyzer(args.norm.norm.as_deref())?;
    let assessment = read_assessment(&args.assessment, &analyzer)?;
    let issued = now();
    let valid_until = match (args.valid_until, args.valid_days) {
        (Some(until), _) => Some(until),
        (None, Some(days)) => Some(issued + SignedDuration::from_hours(i64::from(days) * 24)),
        (None, None) => None,
    };
    if let Some(until) = valid_until.filter(|until| *until <= issued) {
        bail!("--valid-until {until} is not after now ({issued})");
    }
    let status_url = args.status_url.unwrap_or_else(|| format!("urn:rolenorm:status-list:{}", key.public_multibase()));
    let index = match args.status_index {
        Some(index) if index >= status::LIST_BITS => bail!("--status-index must be below {}", status::LIST_BITS),
        Some(index) => index,
        None => random_status_index()?,
    };
    let (issued_text, until_text) = (issued.to_string(), valid_until.map(|t| t.to_string()));
    let id = new_credential_id();
    let request = IssueRequest {
        norm: analyzer.norm(),
        assessment: &assessment,
        role: &args.role,
        issuer: &key.did(),
        issuer_name: &args.issuer_name,
        holder_name: args.name.as_deref(),
        id: &id,
        valid_from: &issued_text,
        valid_until: until_text.as_deref(),
        status: Some(status::entry(&status_url, index)),
        approval: Approval {
            assessor: format!(
                "{} ({}), the issuing organisation holding the issuer key, as assessor",
                args.issuer_name,
                key.did()
            ),
            date: issued_text.clone(),
        },
    };
    let unsigned =
        build_credential(&request).with_context(|| format!("cannot issue from {}", args.assessment.display()))?;
    let signed = proof::sign(&unsigned, &key, &issued_text)?;
    write_json(&args.output, &signed)?;
    eprintln!("issued {id} to {}: {}", args.output.display(), signed["name"].as_str().unwrap_or_default());
    Ok(ExitCode::SUCCESS)
}

/// An assessment file, or a self-assessment / CV assessed on the spot.
fn read_assessment(path: &Path, analyzer: &rolenorm_analyze::Analyzer) -> Result<Assessment> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {} as UTF-8 text", path.display()))?;
    if let Ok(assessment) = serde_json::from_str::<Assessment>(&text) {
        return Ok(assessment);
    }
    let input = Input::detect(&text).with_context(|| format!("cannot read {}", path.display()))?;
    assess(analyzer, &input, None).with_context(|| format!("cannot assess {}", path.display()))
}

fn verify(args: VerifyArgs) -> Result<ExitCode> {
    let credential = read_json(&args.credential)?;
    let list = args.status_list.as_deref().map(read_json).transpose()?;
    let options = VerifyOptions {
        now: args.at.unwrap_or_else(now),
        status_list: list.as_ref(),
        expected_issuer: args.issuer.as_deref(),
    };
    let name = args.credential.display();
    let mut out = std::io::stdout().lock();
    match verify_credential(&credential, &options) {
        Ok(verified) => {
            if args.json {
                let value = serde_json::json!({"verified": true, "credential": verified});
                writeln!(out, "{}", serde_json::to_string_pretty(&value)?)?;
            } else {
                writeln!(out, "{name}: valid")?;
                writeln!(out, "  {}", verified.name.as_deref().unwrap_or("(no name)"))?;
                writeln!(out, "  issued by {} ({})", verified.issuer_name.as_deref().unwrap_or("?"), verified.issuer)?;
                writeln!(out, "  to {}", verified.holder.as_deref().unwrap_or("(no holder named)"))?;
                let until = verified.valid_until.as_deref().unwrap_or("no expiry");
                writeln!(out, "  valid from {} until {until}", verified.valid_from.as_deref().unwrap_or("?"))?;
                writeln!(out, "  status: {}", status_text(&verified.status))?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(invalid) => {
            if args.json {
                let value =
                    serde_json::json!({"verified": false, "reason": invalid.code(), "message": invalid.to_string()});
                writeln!(out, "{}", serde_json::to_string_pretty(&value)?)?;
            } else {
                writeln!(out, "{name}: INVALID ({}): {invalid}", invalid.code())?;
            }
            Ok(ExitCode::from(1))
        }
    }
}

fn status_text(status: &StatusCheck) -> String {
    match status {
        StatusCheck::NoStatus => "no status entry".to_owned(),
        StatusCheck::NotChecked { list } => format!("not checked (no --status-list; the list is {list})"),
        StatusCheck::Active { list, index } => format!("not revoked (index {index} of {list})"),
    }
}

fn revoke(credential_path: &Path, key_path: &Path, list_path: &Path) -> Result<ExitCode> {
    let key = read_key(key_path)?;
    let credential = read_json(credential_path)?;
    let entry = &credential["credentialStatus"];
    let url = entry["statusListCredential"]
        .as_str()
        .with_context(|| format!("{} has no credentialStatus.statusListCredential", credential_path.display()))?;
    let index: usize = entry["statusListIndex"]
        .as_str()
        .and_then(|i| i.parse().ok())
        .with_context(|| format!("{} has no numeric credentialStatus.statusListIndex", credential_path.display()))?;
    let issuer = credential["issuer"]["id"].as_str().or(credential["issuer"].as_str()).unwrap_or_default();
    if issuer != key.did() {
        bail!("{} was issued by {issuer}, not by the key in {}", credential_path.display(), key_path.display());
    }
    let mut list = if list_path.exists() { read_list(list_path, url, &key)? } else { StatusList::new() };
    list.set(index)?;
    let issued = now().to_string();
    let unsigned = status::list_credential(url, &key.did(), &issued, &list)?;
    write_json(list_path, &proof::sign(&unsigned, &key, &issued)?)?;
    eprintln!("revoked index {index} in {} ({})", list_path.display(), url);
    Ok(ExitCode::SUCCESS)
}

/// An existing status list file: it must verify, be the credential's list and be this key's.
fn read_list(path: &Path, url: &str, key: &IssuerKey) -> Result<StatusList> {
    let list = read_json(path)?;
    let info =
        proof::verify(&list).map_err(|e| anyhow::anyhow!("status list {} does not hold: {e}", path.display()))?;
    if !info.verification_method.starts_with(&key.did()) {
        bail!("status list {} is signed by another key", path.display());
    }
    if list["id"] != url {
        bail!("status list {} is {}, not the credential's list {url}", path.display(), list["id"]);
    }
    Ok(StatusList::from_credential(&list)?)
}
