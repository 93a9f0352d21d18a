//! Colour on a terminal: `--color auto|always|never`; `auto` colours only a terminal and
//! honours `NO_COLOR` (<https://no-color.org>).

use std::io::IsTerminal;
use std::sync::OnceLock;

/// When to colour the readable output.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum ColorArg {
    /// Colour when standard output is a terminal and `NO_COLOR` is unset or empty.
    #[default]
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

static ENABLED: OnceLock<bool> = OnceLock::new();

/// Decides once, at start, whether the readable output is coloured.
pub(crate) fn init(choice: ColorArg) {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let on = match choice {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => !no_color && std::io::stdout().is_terminal(),
    };
    let _ = ENABLED.set(on);
}

/// Whether the readable output is coloured.
pub(crate) fn enabled() -> bool {
    ENABLED.get().copied().unwrap_or(false)
}

/// Styles of the readable output.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Style {
    /// Headings and labels.
    Bold,
    /// Something to fix.
    Warn,
    /// Something that is right.
    Good,
    /// Quotes.
    Dim,
}

/// `text` in `style` when colour is on, else `text` unchanged.
pub(crate) fn paint(text: &str, style: Style) -> String {
    if !enabled() {
        return text.to_owned();
    }
    let code = match style {
        Style::Bold => "1",
        Style::Warn => "1;31",
        Style::Good => "32",
        Style::Dim => "2",
    };
    format!("\x1b[{code}m{text}\x1b[0m")
}
