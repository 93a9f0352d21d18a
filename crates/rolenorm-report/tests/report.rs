//! End-to-end tests of the report on real analyses: the analyzer runs on a sample of the shared
//! corpus (`../shared/corpus/ads.jsonl.gz` beside the repository), the analyses go through JSONL
//! like `rolenorm batch` output, and the aggregates, the HTML and a headless-browser screenshot
//! are checked against an independent recount.

use std::collections::BTreeMap;
use std::io::Read;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use flate2::read::GzDecoder;
use rolenorm_analyze::{Ad, Analysis, Analyzer, Format, Language};
use rolenorm_norm::Norm;
use rolenorm_report::{Aggregates, Evidence, Line, parse_line, render_html};
use serde_json::Value;

/// Ads taken from the corpus: every `STRIDE`-th line, so all sources and both languages appear.
const SAMPLE: usize = 2000;
/// Distance between sampled corpus lines.
const STRIDE: usize = 9;
/// A source name with markup, planted to check escaping.
const EVIL_SOURCE: &str = "<script>alert('x')</script> & <b>board</b>";

/// The JSONL lines of the sample (analyses with `source` and `date`, error lines, one broken line).
struct Sample {
    lines: Vec<String>,
    analyses: Vec<Analysis>,
}

fn corpus_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/ads.jsonl.gz")
}

fn norm() -> Arc<Norm> {
    static NORM: OnceLock<Arc<Norm>> = OnceLock::new();
    NORM.get_or_init(|| Arc::new(Norm::builtin().expect("built-in norm"))).clone()
}

/// Analyses the sample once per test binary.
/// The sample, or `None` (with the reason printed) when the shared corpus is absent.
fn sample() -> Option<&'static Sample> {
    static SAMPLE_LINES: OnceLock<Option<Sample>> = OnceLock::new();
    let sample = SAMPLE_LINES.get_or_init(|| {
        if corpus_path().is_file() {
            Some(build_sample())
        } else {
            eprintln!("skipped: the shared corpus {} is absent", corpus_path().display());
            None
        }
    });
    sample.as_ref()
}

fn build_sample() -> Sample {
    let path = corpus_path();
    let file = std::fs::File::open(&path).unwrap_or_else(|e| panic!("cannot open corpus {}: {e}", path.display()));
    let analyzer = Analyzer::new(norm()).expect("analyzer");
    let mut lines = Vec::new();
    let mut analyses = Vec::new();
    for (n, line) in
        BufReader::new(GzDecoder::new(file)).lines().enumerate().filter(|(n, _)| n % STRIDE == 0).take(SAMPLE)
    {
        let record: Value = serde_json::from_str(&line.expect("corpus line")).expect("corpus JSON");
        let text = |field: &str| record.get(field).and_then(Value::as_str).map(str::to_owned);
        let (id, title, content) = (text("id"), text("title"), text("text").unwrap_or_default());
        let language = text("lang").and_then(|l| l.parse::<Language>().ok());
        let ad = Ad {
            id: id.as_deref(),
            title: title.as_deref(),
            content: &content,
            format: Some(Format::Text),
            language,
            ..Ad::default()
        };
        match analyzer.analyze(ad) {
            Ok(analysis) => {
                let mut value = serde_json::to_value(&analysis).expect("analysis JSON");
                let source = if analyses.len() == 7 { Some(EVIL_SOURCE.to_owned()) } else { text("source") };
                value["source"] = source.map_or(Value::Null, Value::String);
                value["date"] = text("date").map_or(Value::Null, Value::String);
                lines.push(value.to_string());
                analyses.push(analysis);
            }
            Err(error) => {
                lines.push(serde_json::json!({"id": id, "line": n + 1, "error": error.to_string()}).to_string())
            }
        }
    }
    lines.push(r#"{"id": "x", "line": 0, "error": "planted error line"}"#.to_owned());
    lines.push("{not json".to_owned());
    lines.push(String::new());
    Sample { lines, analyses }
}

/// Feeds the sample's lines through `parse_line` like the CLI does; returns the aggregates and
/// the number of refused lines.
fn aggregate(sample: &Sample) -> (Aggregates, usize) {
    let mut aggregates = Aggregates::new(&norm());
    let mut refused = 0;
    for line in &sample.lines {
        match parse_line(line) {
            Ok(Line::Analysis(analysis, meta)) => aggregates.add_with(&analysis, &meta),
            Ok(Line::Error) => aggregates.add_error(),
            Ok(Line::Blank) => {}
            Err(_) => refused += 1,
        }
    }
    (aggregates, refused)
}

fn recount<'a>(analyses: &'a [Analysis], key: impl Fn(&'a Analysis) -> &'a str) -> BTreeMap<String, u64> {
    let mut counts = BTreeMap::new();
    for a in analyses {
        *counts.entry(key(a).to_owned()).or_insert(0) += 1;
    }
    counts
}

/// The number in the first `<td class="n">` after `data-key="key"` inside table `table`.
fn html_count(html: &str, table: &str, key: &str) -> u64 {
    let start = html.find(&format!("data-table=\"{table}\"")).unwrap_or_else(|| panic!("table {table} missing"));
    let end = start + html[start..].find("</table>").expect("table end");
    let body = &html[start..end];
    let row = body.find(&format!("data-key=\"{key}\"")).unwrap_or_else(|| panic!("row {key} missing in {table}"));
    let cell = row + body[row..].find("<td class=\"n\">").expect("count cell") + "<td class=\"n\">".len();
    let digits: String = body[cell..].chars().take_while(char::is_ascii_digit).collect();
    digits.parse().expect("a count")
}

#[test]
fn aggregates_match_an_independent_recount() {
    let Some(sample) = sample() else { return };
    let (aggregates, refused) = aggregate(sample);
    let analyses = &sample.analyses;
    assert!(analyses.len() > 1500, "only {} analyses", analyses.len());
    assert_eq!(refused, 1, "the broken line is refused");
    assert_eq!(aggregates.ads, analyses.len() as u64);
    assert_eq!(aggregates.errors, (sample.lines.len() - 2 - analyses.len()) as u64);
    assert_eq!(aggregates.roles, recount(analyses, |a| &a.role));
    assert_eq!(aggregates.levels, recount(analyses, |a| &a.level));
    let jack: Vec<Analysis> = analyses.iter().filter(|a| a.jack_of_all_trades).cloned().collect();
    assert_eq!(aggregates.jack_by_role, recount(&jack, |a| &a.role));
    assert_eq!(aggregates.title_fits, analyses.iter().filter(|a| a.title_fits).count() as u64);
    let languages: BTreeMap<String, u64> =
        aggregates.roles_by_language.iter().map(|(l, c)| (l.clone(), c.values().sum())).collect();
    assert_eq!(languages, recount(analyses, |a| a.language.code()));
    assert!(languages.len() == 2, "both languages in the sample: {languages:?}");
    assert!(aggregates.roles_by_source.len() >= 5, "sources: {:?}", aggregates.roles_by_source.keys());
    assert!(!aggregates.roles_by_month.contains_key("unknown") || aggregates.roles_by_month.len() > 1);
    for (role, n) in &aggregates.roles {
        let demanded: u64 = analyses.iter().filter(|a| &a.role == role).map(|a| a.tasks.len() as u64).sum();
        let counted: u64 = aggregates.tasks.get(role).map_or(0, |t| t.values().map(|s| s.demanded).sum());
        assert_eq!(counted, demanded, "tasks of {role} ({n} ads)");
    }
    let back = Aggregates::from_json(&aggregates.to_json().expect("json")).expect("read back");
    assert_eq!(back, aggregates);
}

#[test]
fn html_numbers_match_the_recount_in_both_languages() {
    let Some(sample) = sample() else { return };
    let (aggregates, _) = aggregate(sample);
    let analyses = &sample.analyses;
    for language in [Language::En, Language::De] {
        let html = render_html(&aggregates, &norm(), language);
        assert!(html.contains(&format!("<html lang=\"{}\">", language.code())));
        let in_scope = |role: &str| norm().role(role).is_some_and(|r| r.family != rolenorm_norm::Family::Other);
        for (role, n) in recount(analyses, |a| &a.role) {
            if !in_scope(&role) {
                // `other` is one number beside the chart, not a bar: it would flatten every chart.
                assert!(
                    !html[html.find("data-table=\"roles\"").unwrap()..]
                        .split("</table>")
                        .next()
                        .unwrap()
                        .contains(&format!("data-key=\"{role}\""))
                );
                continue;
            }
            assert_eq!(html_count(&html, "roles", &role), n, "role {role}");
            let name = norm().role(&role).map(|r| r.name.get(language).to_owned()).unwrap_or(role.clone());
            assert!(html.contains(&name), "role name {name}");
        }
        // Levels and jack-of-all-trades rates are over the ads in scope, never over nursing ads.
        let in_view: Vec<Analysis> = analyses.iter().filter(|a| in_scope(&a.role)).cloned().collect();
        for (level, n) in recount(&in_view, |a| &a.level) {
            assert_eq!(html_count(&html, "levels", &level), n, "level {level}");
        }
        let jack: Vec<Analysis> = in_view.iter().filter(|a| a.jack_of_all_trades).cloned().collect();
        for (role, n) in recount(&jack, |a| &a.role) {
            assert_eq!(html_count(&html, "jack", &role), n, "jack {role}");
        }
        assert!(html.contains(&format!("<li data-figure=\"ads\"><b>{}</b>", analyses.len())));
        let other = norm().role("other").map(|r| r.name.get(language).to_owned()).expect("other");
        let piled = html
            .find("data-table=\"piled\"")
            .map(|start| &html[start..start + html[start..].find("</table>").unwrap_or(0)]);
        assert!(
            piled.is_none_or(|p| !p.contains(&format!("<td>{other}</td>"))),
            "other has no work to pile onto a role"
        );
        let scoped: Vec<&Analysis> = analyses.iter().filter(|a| in_scope(&a.role)).collect();
        let fits = scoped.iter().filter(|a| a.title_fits).count();
        let fit_figure = format!("({fits} / {})", scoped.len());
        assert!(html.contains(&fit_figure), "title fit over the ads in scope: {fit_figure}");
    }
}

#[test]
fn wilson_intervals_are_right_and_small_samples_are_marked() {
    let (low, high) = rolenorm_report::wilson(2, 13);
    assert!((low - 0.0435).abs() < 1e-3 && (high - 0.4220).abs() < 1e-3, "{low} {high}");
    assert_eq!(rolenorm_report::wilson(0, 0), (0.0, 0.0));
    let Some(sample) = sample() else { return };
    let (aggregates, _) = aggregate(sample);
    let html = render_html(&aggregates, &norm(), Language::En);
    assert!(html.contains("class=\"few\""), "a role with few ads is marked");
    assert!(html.contains("95 % interval"));
}

#[test]
fn html_is_self_contained_accessible_and_escaped() {
    let Some(sample) = sample() else { return };
    let (aggregates, _) = aggregate(sample);
    let html = render_html(&aggregates, &norm(), Language::De);
    let svgs: Vec<&str> = html.split("<svg").skip(1).collect();
    assert!(svgs.len() >= 5, "{} charts", svgs.len());
    for svg in &svgs {
        let svg = &svg[..svg.find("</svg>").expect("closed svg")];
        assert!(svg.contains(r#"role="img""#), "svg without role=img");
        assert!(svg.contains("<title") && svg.contains("<desc"), "svg without title/desc");
        assert!(svg.contains(r#"class="axl""#), "svg without axis labels");
    }
    assert_eq!(html.matches("<svg").count(), html.matches("</svg>").count());
    assert_eq!(html.matches("<table").count(), html.matches("</table>").count());
    assert!(!html.contains("<script"), "no scripts, and data is escaped");
    assert!(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &lt;b&gt;board&lt;/b&gt;"));
    let without_ns = html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
    assert!(!without_ns.contains("http://") && !without_ns.contains("https://"), "external reference");
    assert!(!html.contains("<link") && !html.contains("<img") && !html.contains("url("));
    assert!(html.contains("@media print"));
    assert!(html.contains("class=\"heatmap\""));
}

#[test]
fn csv_and_evidence_are_consistent() {
    let Some(sample) = sample() else { return };
    let (aggregates, _) = aggregate(sample);
    let csv = aggregates.to_csv();
    assert!(csv.starts_with("table,group,item,count,total,share,scope,share_low,share_high\n"));
    let fields = csv.lines().nth(1).expect("a row").split(',').count();
    assert_eq!(fields, 9);
    let (low, _) = rolenorm_report::wilson(aggregates.ads, aggregates.ads);
    assert!(csv.contains(&format!("summary,,ads,{},{},1.0000,,{low:.4},1.0000\n", aggregates.ads, aggregates.ads)));
    for (role, n) in &aggregates.roles {
        assert!(csv.contains(&format!("roles,,{role},{n},{},", aggregates.ads)), "csv row of {role}");
    }
    let evidence = Evidence::from_aggregates(&aggregates, &norm(), 0.2);
    for role in &evidence.roles {
        assert!(role.ads > 0);
        for t in &role.excluded_demanded {
            assert!(t.share >= 0.2 && t.examples.len() <= 3 && !t.examples.is_empty());
        }
        for t in &role.core_rarely_demanded {
            assert!(t.share < 0.2 && t.examples.len() <= 3);
        }
    }
    let text = evidence.to_text(&norm(), Language::En);
    assert!(text.starts_with("Market evidence for the norm"));
    let json: Value = serde_json::from_str(&evidence.to_json().expect("json")).expect("valid json");
    assert_eq!(json["ads"], aggregates.ads);
}

/// Chromium, the sample's aggregates and a fresh temporary folder; `None` (with the reason
/// printed) when Chromium or the shared corpus is absent.
fn browser_setup(name: &str) -> Option<(&'static Path, Aggregates, PathBuf)> {
    let chromium = Path::new("/usr/bin/chromium");
    if !chromium.exists() {
        eprintln!("skipped: /usr/bin/chromium is absent (`apt-get install chromium`; CI installs it)");
        return None;
    }
    let (aggregates, _) = aggregate(sample()?);
    let dir = std::env::temp_dir().join(format!("rolenorm-report-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    Some((chromium, aggregates, dir))
}

#[test]
fn report_renders_in_a_headless_browser() {
    let Some((chromium, aggregates, dir)) = browser_setup("browser") else { return };
    let html_path = dir.join("report.html");
    let png = dir.join("report.png");
    std::fs::write(&html_path, render_html(&aggregates, &norm(), Language::En)).expect("write html");
    let mut child = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
        ])
        .args(["--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1200,3000"])
        .arg(format!("--user-data-dir={}", dir.join("profile").display()))
        .arg(format!("--screenshot={}", png.display()))
        .arg(format!("file://{}", html_path.display()))
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run chromium");
    let status = wait_at_most(&mut child, Duration::from_secs(120));
    let mut stderr = String::new();
    if let Some(mut pipe) = child.stderr.take() {
        let _ = pipe.read_to_string(&mut stderr);
    }
    assert!(status.is_some_and(|s| s.success()), "chromium failed ({status:?}): {stderr}");
    let bytes = std::fs::read(&png).expect("screenshot written");
    assert!(bytes.len() > 20 * 1024, "screenshot only {} bytes", bytes.len());
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "not a PNG");
    if std::env::var_os("ROLENORM_KEEP_SCREENSHOT").is_none() {
        let _ = std::fs::remove_dir_all(&dir);
    }
}

/// Waits for `child` up to `limit`; kills it and returns `None` when it takes longer.
fn wait_at_most(child: &mut Child, limit: Duration) -> Option<ExitStatus> {
    let start = Instant::now();
    while start.elapsed() < limit {
        if let Ok(Some(status)) = child.try_wait() {
            return Some(status);
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let _ = child.kill();
    let _ = child.wait();
    None
}

/// What the layout probe measured in a frame of one width.
#[derive(Debug)]
struct Layout {
    /// The page's scroll width and the frame's viewport width.
    scroll_width: f64,
    viewport: f64,
    /// The smallest SVG chart text as drawn, in CSS pixels.
    smallest_chart_text: f64,
    /// Scroll containers (tables) whose content is wider than they are.
    overflowing_tables: Vec<String>,
}

/// Renders `html` in a frame `width` px wide (headless Chromium will not make a window narrower
/// than 500 px, so the report goes into an iframe of that width) and measures its layout.
fn measure_layout(chromium: &Path, dir: &Path, html: &str, width: u32) -> Layout {
    let escaped = html.replace('&', "&amp;").replace('"', "&quot;");
    let probe = r#"<script>const f=document.getElementById('f');f.addEventListener('load',()=>{const w=f.contentWindow,d=f.contentDocument;
const texts=[...d.querySelectorAll('svg.chart text')].filter(t=>w.getComputedStyle(t).display!=='none'&&t.textContent.trim());
const sizes=texts.map(t=>parseFloat(w.getComputedStyle(t).fontSize)*t.closest('svg').getScreenCTM().a);
const wide=[...d.querySelectorAll('.scroll,details.numbers')].filter(e=>e.scrollWidth>e.clientWidth+1).map(e=>(e.querySelector('table')||e).getAttribute('data-table'));
document.body.setAttribute('data-layout',JSON.stringify({scroll:d.documentElement.scrollWidth,viewport:w.innerWidth,text:Math.min(...sizes),wide}));});</script>"#;
    let page = format!(
        "<!DOCTYPE html><html><body style=\"margin:0\"><iframe id=\"f\" style=\"border:0;width:{width}px;height:900px\" srcdoc=\"{escaped}\"></iframe>{probe}</body></html>"
    );
    let path = dir.join(format!("probe-{width}.html"));
    std::fs::write(&path, page).expect("write probe");
    let output = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
        ])
        .args(["--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars"])
        .args(["--window-size=1400,900", "--virtual-time-budget=10000", "--dump-dom"])
        .arg(format!("--user-data-dir={}", dir.join(format!("profile-{width}")).display()))
        .arg(format!("file://{}", path.display()))
        .output()
        .expect("run chromium");
    let dom = String::from_utf8_lossy(&output.stdout);
    let start = dom
        .find("data-layout=\"")
        .unwrap_or_else(|| panic!("no measurement: {}", String::from_utf8_lossy(&output.stderr)));
    let rest = &dom[start + "data-layout=\"".len()..];
    let json = rest[..rest.find('"').expect("attribute end")].replace("&quot;", "\"").replace("&amp;", "&");
    let value: Value = serde_json::from_str(&json).expect("measurement JSON");
    Layout {
        scroll_width: value["scroll"].as_f64().expect("scroll width"),
        viewport: value["viewport"].as_f64().expect("viewport"),
        smallest_chart_text: value["text"].as_f64().expect("text size"),
        overflowing_tables: value["wide"]
            .as_array()
            .expect("list")
            .iter()
            .map(|v| v.as_str().unwrap_or("?").to_owned())
            .collect(),
    }
}

#[test]
fn report_fits_a_phone_and_a_desktop_without_page_scroll() {
    let Some((chromium, aggregates, dir)) = browser_setup("layout") else { return };
    for language in [Language::En, Language::De] {
        let html = render_html(&aggregates, &norm(), language);
        let phone = measure_layout(chromium, &dir, &html, 390);
        assert_eq!(phone.viewport, 390.0, "{phone:?}");
        assert!(phone.scroll_width <= phone.viewport, "the page scrolls sideways at 390 px: {phone:?}");
        assert!(phone.smallest_chart_text >= 10.0, "chart text too small to read at 390 px: {phone:?}");
        let desktop = measure_layout(chromium, &dir, &html, 1280);
        assert!(desktop.scroll_width <= desktop.viewport, "the page scrolls sideways at 1280 px: {desktop:?}");
        assert!(desktop.overflowing_tables.is_empty(), "tables cut off at 1280 px: {desktop:?}");
        assert!(desktop.smallest_chart_text >= 11.0, "{desktop:?}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
