//! `rolenorm admin user add|role|list`: the first accounts of a server and their roles, straight in
//! its data folder.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, anyhow, bail};
use rolenorm_store::{AccountRole, Store};

/// `rolenorm admin` subcommands.
#[derive(Debug, clap::Subcommand)]
pub(crate) enum Command {
    /// Manage community accounts.
    #[command(subcommand)]
    User(UserCommand),
}

/// `rolenorm admin user` subcommands.
#[derive(Debug, clap::Subcommand)]
pub(crate) enum UserCommand {
    /// Create an account (the password from --password-file, else the first line of standard input).
    Add {
        /// The server's data folder.
        #[arg(long, value_name = "DIR")]
        data: PathBuf,
        /// member, moderator, maintainer or assessor.
        #[arg(long, default_value = "member")]
        role: String,
        /// The display name.
        #[arg(long)]
        name: String,
        /// The e-mail address (the login).
        #[arg(long)]
        email: String,
        /// A file whose first line is the password (`-` or absent: standard input).
        #[arg(long, value_name = "FILE")]
        password_file: Option<PathBuf>,
    },
    /// Give an account another role (recorded in the audit log).
    Role {
        /// The server's data folder.
        #[arg(long, value_name = "DIR")]
        data: PathBuf,
        /// The account's e-mail address.
        #[arg(long)]
        email: String,
        /// member, moderator, maintainer or assessor.
        #[arg(long)]
        role: String,
    },
}

/// Runs `rolenorm admin …`.
pub(crate) fn run(command: Command) -> Result<ExitCode> {
    let Command::User(command) = command;
    let runtime =
        tokio::runtime::Builder::new_multi_thread().enable_all().build().context("cannot start the async runtime")?;
    runtime.block_on(async {
        match command {
            UserCommand::Add { data, role, name, email, password_file } => {
                let role = parse_role(&role)?;
                let password = read_password(password_file.as_deref())?;
                let store = open(&data).await?;
                let user = rolenorm_server::accounts::add_user(&store, &name, &email, &password, role)
                    .await
                    .with_context(|| format!("cannot create the account {email}"))?;
                println!("created account {} ({}, {}) <{}>", user.id, user.name, user.role, user.email);
            }
            UserCommand::Role { data, email, role } => {
                let role = parse_role(&role)?;
                let store = open(&data).await?;
                let (user, _) = store
                    .user_by_email(&email)
                    .await?
                    .ok_or_else(|| anyhow!("no account has the e-mail address {email} in {}", data.display()))?;
                let user = store.set_role(None, user.id, role).await?.ok_or_else(|| anyhow!("the account vanished"))?;
                println!("account {} ({}) is now a {}", user.id, user.name, user.role);
            }
        }
        Ok(ExitCode::SUCCESS)
    })
}

fn parse_role(role: &str) -> Result<AccountRole> {
    AccountRole::parse(role)
        .ok_or_else(|| anyhow!("--role {role:?}: not one of member, moderator, maintainer, assessor"))
}

async fn open(data: &Path) -> Result<Store> {
    Store::open(data).await.with_context(|| format!("cannot open data folder {}", data.display()))
}

/// The first line of `file` (or of standard input), without its line ending.
fn read_password(file: Option<&Path>) -> Result<String> {
    let mut text = String::new();
    match file {
        Some(path) if path != Path::new("-") => {
            text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
        }
        _ => {
            if std::io::IsTerminal::is_terminal(&std::io::stdin()) {
                eprint!("password: ");
                std::io::stderr().flush().ok();
            }
            std::io::stdin().read_to_string(&mut text).context("cannot read the password from standard input")?;
        }
    }
    let password = text.lines().next().unwrap_or("").to_owned();
    if password.is_empty() {
        bail!("the password is empty (give it in --password-file or on standard input)");
    }
    Ok(password)
}
