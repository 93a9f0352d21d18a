//! Hand-written, accessible SVG charts.

use std::fmt::Write;

/// Width of every chart in SVG units (drawn 1:1 on a desktop, scaled down on a phone).
const WIDTH: f64 = 600.0;
/// Room for the counts right of the longest bar (sized for the phone's larger text).
const RIGHT: f64 = 175.0;
/// Room for the chart title.
const TOP: f64 = 58.0;
/// Room for the x axis ticks and label.
const BOTTOM: f64 = 56.0;
/// Labels up to this many characters stand left of their bars; longer ones above them.
const INLINE_LABEL: usize = 16;
/// Width of one label character at the phone's text size (20 units), generously.
const CHAR: f64 = 11.5;

/// Where the category labels go.
#[derive(Debug, Clone, Copy)]
struct Layout {
    /// Left edge of the bars.
    left: f64,
    /// Height of one bar row.
    row: f64,
    /// Whether labels stand above their bars.
    above: bool,
}

impl Layout {
    /// Short labels left of the bars, long ones above (so a phone's larger text never overlaps).
    fn for_bars(bars: &[Bar]) -> Self {
        let longest = bars.iter().map(|b| b.label.chars().count()).max().unwrap_or(0);
        if longest <= INLINE_LABEL {
            Layout { left: 12.0 + longest.max(4) as f64 * CHAR, row: 30.0, above: false }
        } else {
            Layout { left: 28.0, row: 48.0, above: true }
        }
    }

    /// Width of the plot area.
    fn plot(self) -> f64 {
        WIDTH - self.left - RIGHT
    }
}

/// One bar: a category, its value and the text written at the end of the bar.
#[derive(Debug, Clone)]
pub(crate) struct Bar {
    /// The category (plain text, escaped when written).
    pub label: String,
    /// The bar's length in axis units.
    pub value: f64,
    /// The text at the bar's end (the count, maybe with a share).
    pub text: String,
    /// A 95 % interval in axis units, drawn as a whisker.
    pub interval: Option<(f64, f64)>,
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
///
/// The text sizes are set by the stylesheet (larger in SVG units on a phone, where the chart is
/// scaled down); the layout leaves room for the larger size.
pub(crate) fn bar_chart(chart: &BarChart<'_>) -> String {
    let layout = Layout::for_bars(&chart.bars);
    let rows = chart.bars.len().max(1) as f64;
    let bottom = TOP + rows * layout.row;
    let height = bottom + BOTTOM;
    let max = axis_max(
        chart.bars.iter().map(|b| b.interval.map_or(b.value, |i| i.1.max(b.value))).fold(0.0, f64::max),
        chart.percent,
    );
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
        r#"<text class="ct" x="{}" y="24" text-anchor="middle">{}</text>"#,
        WIDTH / 2.0,
        escape(&shorten(chart.title, 48))
    );
    grid(&mut out, layout, max, bottom, chart.percent);
    for (i, bar) in chart.bars.iter().enumerate() {
        bar_row(&mut out, layout, bar, TOP + i as f64 * layout.row, max);
    }
    if chart.bars.is_empty() {
        let _ = write!(out, r#"<text x="{}" y="{}">–</text>"#, layout.left, TOP + 20.0);
    }
    let _ = write!(
        out,
        r#"<text class="axl" x="{:.1}" y="{:.1}" text-anchor="middle">{}</text><text class="axl" x="4" y="{:.1}">{}</text>"#,
        layout.left + layout.plot() / 2.0,
        height - 8.0,
        escape(chart.x_label),
        TOP - 8.0,
        escape(&format!("{} ↓", chart.y_label))
    );
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

/// Vertical grid lines with tick values (every other one on a phone), and the base line.
fn grid(out: &mut String, layout: Layout, max: f64, bottom: f64, percent: bool) {
    for k in 0..=4 {
        let x = layout.left + layout.plot() * f64::from(k) / 4.0;
        let value = max * f64::from(k) / 4.0;
        let label = if percent { format!("{value:.0} %") } else { format!("{value:.0}") };
        let class = if k % 2 == 1 { "tick odd" } else { "tick" };
        let _ = write!(
            out,
            r#"<line class="grid" x1="{x:.1}" y1="{TOP}" x2="{x:.1}" y2="{bottom}"/><text class="{class}" x="{x:.1}" y="{:.1}" text-anchor="middle">{label}</text>"#,
            bottom + 20.0
        );
    }
    let _ = write!(out, r#"<line class="axis" x1="{0}" y1="{TOP}" x2="{0}" y2="{bottom}"/>"#, layout.left);
}

/// One bar with its category label, its count and its interval.
fn bar_row(out: &mut String, layout: Layout, bar: &Bar, y: f64, max: f64) {
    let scale = |v: f64| if max > 0.0 { v / max * layout.plot() } else { 0.0 };
    let width = if bar.value > 0.0 { scale(bar.value).max(2.0) } else { 0.0 };
    let (bar_y, bar_h) = if layout.above { (y + 27.0, 14.0) } else { (y + 6.0, layout.row - 12.0) };
    let label = escape(&shorten(&bar.label, 44));
    if layout.above {
        let _ = write!(out, r#"<text class="cat" x="{:.1}" y="{:.1}">{label}</text>"#, layout.left, y + 20.0);
    } else {
        let _ = write!(
            out,
            r#"<text class="cat" x="{:.1}" y="{:.1}" text-anchor="end">{label}</text>"#,
            layout.left - 6.0,
            y + 21.0
        );
    }
    let _ =
        write!(out, r#"<rect class="bar" x="{}" y="{bar_y:.1}" width="{width:.1}" height="{bar_h:.1}"/>"#, layout.left);
    let mut end = layout.left + width;
    if let Some((low, high)) = bar.interval {
        let (x1, x2, mid) = (layout.left + scale(low), layout.left + scale(high), bar_y + bar_h / 2.0);
        let _ = write!(
            out,
            r#"<path class="ci" d="M{x1:.1} {:.1}v{:.1}M{x1:.1} {mid:.1}H{x2:.1}M{x2:.1} {:.1}v{:.1}"/>"#,
            mid - 5.0,
            10.0,
            mid - 5.0,
            10.0
        );
        end = end.max(x2);
    }
    let _ = write!(
        out,
        r#"<text class="val" x="{:.1}" y="{:.1}">{}</text>"#,
        end + 5.0,
        bar_y + bar_h / 2.0 + 6.0,
        escape(&bar.text)
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
