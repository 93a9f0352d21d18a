//! Hand-written, accessible SVG charts.

use std::fmt::Write;

/// Width of every chart in SVG units.
const WIDTH: f64 = 760.0;
/// Room for the category labels left of the bars.
const LEFT: f64 = 270.0;
/// Room for the counts right of the longest bar.
const RIGHT: f64 = 110.0;
/// Room for the chart title.
const TOP: f64 = 34.0;
/// Room for the x axis ticks and label.
const BOTTOM: f64 = 46.0;
/// Height of one bar row.
const ROW: f64 = 24.0;

/// One bar: a category, its value and the text written at the end of the bar.
#[derive(Debug, Clone)]
pub(crate) struct Bar {
    /// The category (plain text, escaped when written).
    pub label: String,
    /// The bar's length in axis units.
    pub value: f64,
    /// The text at the bar's end (the count, maybe with a share).
    pub text: String,
}

/// A horizontal bar chart.
#[derive(Debug, Clone)]
pub(crate) struct BarChart<'a> {
    /// A document-unique id prefix.
    pub id: &'a str,
    /// The chart title.
    pub title: &'a str,
    /// A sentence describing the chart for screen readers.
    pub desc: &'a str,
    /// What the bars measure.
    pub x_label: &'a str,
    /// What the categories are.
    pub y_label: &'a str,
    /// The bars, top to bottom.
    pub bars: Vec<Bar>,
    /// Whether the axis shows percentages (values 0–100).
    pub percent: bool,
}

/// Escapes text for HTML and SVG content and attribute values.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Renders `chart` as an inline `<svg role="img">` with `<title>` and `<desc>`.
pub(crate) fn bar_chart(chart: &BarChart<'_>) -> String {
    let rows = chart.bars.len().max(1) as f64;
    let height = TOP + rows * ROW + BOTTOM;
    let plot = WIDTH - LEFT - RIGHT;
    let max = axis_max(chart.bars.iter().map(|b| b.value).fold(0.0, f64::max), chart.percent);
    let id = escape(chart.id);
    let mut out = String::new();
    let _ = write!(
        out,
        r#"<svg class="chart" role="img" aria-labelledby="{id}-t {id}-d" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" xmlns="http://www.w3.org/2000/svg">"#
    );
    let _ = write!(
        out,
        r#"<title id="{id}-t">{}</title><desc id="{id}-d">{}</desc>"#,
        escape(chart.title),
        escape(chart.desc)
    );
    let _ = write!(
        out,
        r#"<text class="ct" x="{}" y="20" text-anchor="middle">{}</text>"#,
        WIDTH / 2.0,
        escape(chart.title)
    );
    grid(&mut out, max, plot, TOP + rows * ROW, chart.percent);
    for (i, bar) in chart.bars.iter().enumerate() {
        bar_row(&mut out, bar, TOP + i as f64 * ROW, plot, max);
    }
    if chart.bars.is_empty() {
        let _ = write!(out, r#"<text x="{LEFT}" y="{}">–</text>"#, TOP + 16.0);
    }
    axis_labels(&mut out, chart, height);
    out.push_str("</svg>");
    out
}

/// A round upper end for the axis.
fn axis_max(max: f64, percent: bool) -> f64 {
    if percent {
        return if max <= 0.0 { 100.0 } else { ((max / 20.0).ceil() * 20.0).min(100.0) };
    }
    if max <= 4.0 {
        return 4.0;
    }
    let raw = max / 4.0;
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0].iter().map(|m| m * magnitude).find(|s| s * 4.0 >= max);
    step.map_or(max, |s| s * 4.0)
}

/// Vertical grid lines with tick values, and the base line.
fn grid(out: &mut String, max: f64, plot: f64, bottom: f64, percent: bool) {
    for k in 0..=4 {
        let x = LEFT + plot * f64::from(k) / 4.0;
        let value = max * f64::from(k) / 4.0;
        let label = if percent { format!("{value:.0} %") } else { format!("{value:.0}") };
        let _ = write!(
            out,
            r#"<line class="grid" x1="{x:.1}" y1="{TOP}" x2="{x:.1}" y2="{bottom}"/><text class="tick" x="{x:.1}" y="{:.1}" text-anchor="middle">{label}</text>"#,
            bottom + 14.0
        );
    }
    let _ = write!(out, r#"<line class="axis" x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{bottom}"/>"#);
}

/// One bar with its category label and its count.
fn bar_row(out: &mut String, bar: &Bar, y: f64, plot: f64, max: f64) {
    let width = if max > 0.0 && bar.value > 0.0 { (bar.value / max * plot).max(2.0) } else { 0.0 };
    let label = escape(&shorten(&bar.label, 36));
    let _ = write!(
        out,
        r#"<text class="cat" x="{:.1}" y="{:.1}" text-anchor="end">{label}</text><rect class="bar" x="{LEFT}" y="{:.1}" width="{width:.1}" height="{:.1}"/><text class="val" x="{:.1}" y="{:.1}">{}</text>"#,
        LEFT - 6.0,
        y + 16.0,
        y + 4.0,
        ROW - 8.0,
        LEFT + width + 4.0,
        y + 16.0,
        escape(&bar.text)
    );
}

/// The axis titles: x under the ticks, y rotated left of the labels.
fn axis_labels(out: &mut String, chart: &BarChart<'_>, height: f64) {
    let plot = WIDTH - LEFT - RIGHT;
    let _ = write!(
        out,
        r#"<text class="axl" x="{:.1}" y="{:.1}" text-anchor="middle">{}</text><text class="axl" transform="translate(12 {:.1}) rotate(-90)" text-anchor="middle">{}</text>"#,
        LEFT + plot / 2.0,
        height - 6.0,
        escape(chart.x_label),
        TOP + (height - TOP - BOTTOM) / 2.0,
        escape(chart.y_label)
    );
}

/// `text` cut to `max` characters with an ellipsis.
pub(crate) fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut short: String = text.chars().take(max.saturating_sub(1)).collect();
    short.push('…');
    short
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(escape(r#"<b a="1">&'"#), "&lt;b a=&quot;1&quot;&gt;&amp;&#39;");
    }

    #[test]
    fn axis_ends_round() {
        assert_eq!(axis_max(0.0, false), 4.0);
        assert_eq!(axis_max(37.0, false), 40.0);
        assert_eq!(axis_max(1234.0, false), 2000.0);
        assert_eq!(axis_max(37.0, true), 40.0);
        assert_eq!(axis_max(50.0, true), 60.0);
    }
}
