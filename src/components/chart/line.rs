//! A line chart of several named series with a legend, axis labels and optional log axes.

use super::legend::{Legend, LegendItem};
use super::{download, download_png, fit_canvas, next_id, series_color, spoken, theme};
use crate::engine::metrics::{csv, Metrics};
use crate::plot;
use leptos::html::Canvas;
use leptos::prelude::*;
use plotters::coord::ranged1d::{AsRangedCoord, ValueFormatter};
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;

/// How a series is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Style {
    /// A solid line (measured data).
    #[default]
    Solid,
    /// A thin dashed line (a reference value such as ln V).
    Reference,
    /// Dots only (a marker, such as "you are here").
    Marker,
}

/// One series to draw: a stable `name` (the CSV column, as in `window.trainlab`), the words its
/// legend shows, and its points.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Line {
    /// lower_snake_case name, as in `window.trainlab.metrics`.
    pub name: String,
    /// `(x, y)` points; non-finite y values are skipped.
    pub points: Vec<(f64, f64)>,
    /// Palette index; `None` takes the series' position.
    pub color: Option<usize>,
    /// Line, reference or marker.
    pub style: Style,
    /// What the legend says; `None` shows the name with spaces for underscores, and an empty label
    /// leaves the series out of the legend (a spread the chart's title explains).
    pub label: Option<String>,
}

impl Line {
    /// A solid line in the colour of its position.
    pub fn new(name: impl Into<String>, points: Vec<(f64, f64)>) -> Self {
        Self { name: name.into(), points, ..Self::default() }
    }
    /// The same series in palette colour `i`.
    pub fn color(self, i: usize) -> Self {
        Self { color: Some(i), ..self }
    }
    /// The recorded series `name` of `metrics` (empty when absent), with the step as x.
    pub fn from_metrics(metrics: &Metrics, name: &str) -> Self {
        let points = metrics.get(name).map(|s| s.points.iter().map(|&(x, y)| (x as f64, y)).collect());
        Self::new(name, points.unwrap_or_default())
    }
    /// The same series drawn as `style`.
    pub fn style(self, style: Style) -> Self {
        Self { style, ..self }
    }
    /// The same series with `label` in the legend (the name stays for CSV and scripts).
    pub fn label(self, label: impl Into<String>) -> Self {
        Self { label: Some(label.into()), ..self }
    }
    /// The legend's words.
    pub fn legend_text(&self) -> String {
        self.label.clone().unwrap_or_else(|| self.name.replace('_', " "))
    }
}

/// A multi-series line chart. `series` is redrawn whenever it changes.
#[component]
pub fn LineChart(
    /// Accessible name and heading of the chart.
    title: &'static str,
    /// x-axis label.
    x_label: &'static str,
    /// y-axis label.
    y_label: &'static str,
    /// The series.
    #[prop(into)]
    series: Signal<Vec<Line>>,
    /// Draw y on a log₁₀ scale.
    #[prop(into, optional)]
    log_y: Signal<bool>,
    /// Draw x on a log₁₀ scale (points at x ≤ 0 are left out).
    #[prop(into, optional)]
    log_x: Signal<bool>,
    /// File name (without `.csv`) for the download.
    csv_name: &'static str,
) -> impl IntoView {
    let canvas = NodeRef::<Canvas>::new();
    Effect::new(move |_| {
        let data = series.get();
        let log = (log_x.get(), log_y.get());
        if let Some(c) = canvas.get() {
            draw(&c, &data, log, x_label, y_label);
        }
    });
    let legend = Signal::derive(move || {
        series.with(|s| {
            s.iter()
                .enumerate()
                .filter(|(_, l)| l.label.as_deref() != Some(""))
                .map(|(i, l)| LegendItem { label: l.legend_text(), color: l.color.unwrap_or(i), style: l.style })
                .collect::<Vec<_>>()
        })
    });
    let on_csv = move |_| {
        let data = series.get_untracked();
        let columns: Vec<(&str, &[(f64, f64)])> = data.iter().map(|l| (l.name.as_str(), l.points.as_slice())).collect();
        download(&format!("{csv_name}.csv"), &csv(x_label, &columns), "text/csv");
    };
    let on_png = move |_| {
        if let Some(c) = canvas.get_untracked() {
            download_png(&c, &format!("{csv_name}.png"));
        }
    };
    let summary_id = next_id("chart-summary");
    let summary = move || series.with(|s| summary(s, x_label));
    view! {
        <figure class="chart">
            <figcaption>{title}</figcaption>
            <Legend items=legend />
            <canvas node_ref=canvas class="chart-canvas" role="img" aria-label=title aria-describedby=summary_id.clone()></canvas>
            <p class="chart-summary sr-only" id=summary_id data-testid="chart-summary">{summary}</p>
            <div class="chart-tools">
                <button class="csv" on:click=on_csv>"Download CSV"</button>
                <button class="png" on:click=on_png>"Download PNG"</button>
            </div>
        </figure>
    }
}

/// The chart's text alternative: each series' latest drawable point, in the legend's words.
pub fn summary(series: &[Line], x_label: &str) -> String {
    let parts: Vec<String> = series
        .iter()
        .filter(|l| l.label.as_deref() != Some(""))
        .filter_map(|l| {
            let (x, y) = l.points.iter().rev().find(|(x, y)| x.is_finite() && y.is_finite())?;
            Some(format!("{}: {} at {x_label} {}", l.legend_text(), spoken(*y), spoken(*x)))
        })
        .collect();
    if parts.is_empty() {
        "No values yet.".into()
    } else {
        format!("Latest values. {}.", parts.join("; "))
    }
}

/// Whether a point can be drawn on axes that are log-scaled as `(log_x, log_y)` says.
fn drawable((x, y): (f64, f64), (log_x, log_y): (bool, bool)) -> bool {
    x.is_finite() && y.is_finite() && (!log_x || x > 0.0) && (!log_y || y > 0.0)
}

fn bounds(data: &[Line], (log_x, log): (bool, bool)) -> ((f64, f64), (f64, f64)) {
    let mut xr = (f64::INFINITY, f64::NEG_INFINITY);
    let mut yr = (f64::INFINITY, f64::NEG_INFINITY);
    for (x, y) in data.iter().flat_map(|l| l.points.iter().copied()) {
        if !drawable((x, y), (log_x, log)) {
            continue;
        }
        xr = (xr.0.min(x), xr.1.max(x));
        yr = (yr.0.min(y), yr.1.max(y));
    }
    if !xr.0.is_finite() {
        xr = if log_x { (1.0, 10.0) } else { (0.0, 1.0) };
        yr = if log { (0.1, 1.0) } else { (0.0, 1.0) };
    }
    if xr.1 <= xr.0 {
        xr.1 = if log_x { xr.0 * 10.0 } else { xr.0 + 1.0 };
    }
    if yr.1 <= yr.0 {
        let pad = if yr.0 == 0.0 { 1.0 } else { yr.0.abs() * 0.1 };
        yr = (yr.0 - pad, yr.1 + pad);
    }
    if log {
        yr = (yr.0.max(1e-12) / 1.5, yr.1 * 1.5);
    } else {
        let pad = (yr.1 - yr.0) * 0.05;
        yr = (yr.0 - pad, yr.1 + pad);
    }
    (xr, yr)
}

fn draw(canvas: &web_sys::HtmlCanvasElement, data: &[Line], log: (bool, bool), xl: &str, yl: &str) {
    let Some(dpr) = fit_canvas(canvas) else { return };
    let Some(backend) = CanvasBackend::with_canvas_object(canvas.clone()) else { return };
    let root = backend.into_drawing_area();
    let (xr, yr) = bounds(data, log);
    let (x, y) = (xr.0..xr.1, yr.0..yr.1);
    // Log axes take their ticks from `plot::log_ticks`, so a curve within one decade is readable.
    let (lx, ly) = (plot::log_ticks(xr.0, xr.1, 7), plot::log_ticks(yr.0, yr.1, 7));
    let _ = match log {
        (false, false) => render(&root, data, dpr, xl, yl, x, y, log),
        (false, true) => render(&root, data, dpr, xl, yl, x, y.log_scale().with_key_points(ly), log),
        (true, false) => render(&root, data, dpr, xl, yl, x.log_scale().with_key_points(lx), y, log),
        (true, true) => {
            render(&root, data, dpr, xl, yl, x.log_scale().with_key_points(lx), y.log_scale().with_key_points(ly), log)
        }
    };
    let _ = root.present();
}

#[allow(clippy::too_many_arguments)]
fn render<X, Y>(
    root: &DrawingArea<CanvasBackend, plotters::coord::Shift>,
    data: &[Line],
    dpr: f64,
    xl: &str,
    yl: &str,
    xr: X,
    yr: Y,
    log: (bool, bool),
) -> Result<(), Box<dyn std::error::Error>>
where
    X: AsRangedCoord<Value = f64>,
    X::CoordDescType: ValueFormatter<f64>,
    Y: AsRangedCoord<Value = f64>,
    Y::CoordDescType: ValueFormatter<f64>,
{
    let t = theme();
    root.fill(&t.bg)?;
    let px = |v: f64| (v * dpr).round() as u32;
    let font = ("sans-serif", 12.0 * dpr).into_font().color(&t.fg);
    let mut chart = ChartBuilder::on(root)
        .margin(px(8.0))
        // Room for the last x tick's label, which is centred on the plot's right edge.
        .margin_right(px(24.0))
        .x_label_area_size(px(34.0))
        .y_label_area_size(px(56.0))
        .build_cartesian_2d(xr, yr)?;
    chart
        .configure_mesh()
        .x_desc(xl)
        .y_desc(yl)
        .label_style(font.clone())
        .axis_desc_style(font.clone())
        .axis_style(t.fg)
        .bold_line_style(t.grid)
        .light_line_style(t.grid.mix(0.4))
        .x_labels(6)
        .y_labels(6)
        .y_label_formatter(&|v| fmt_tick(*v))
        .x_label_formatter(&|v| fmt_tick(*v))
        .draw()?;
    for (i, line) in data.iter().enumerate() {
        let color = series_color(line.color.unwrap_or(i), t.dark);
        let pts = line.points.iter().copied().filter(|&p| drawable(p, log));
        match line.style {
            Style::Solid => chart.draw_series(LineSeries::new(pts, color.stroke_width(px(1.6).max(1))))?,
            Style::Reference => {
                let (dash, gap) = (px(6.0).max(2), px(4.0).max(2));
                chart.draw_series(DashedLineSeries::new(pts, dash, gap, color.mix(0.8).stroke_width(px(1.2).max(1))))?
            }
            Style::Marker => {
                let r = (5.0 * dpr) as i32;
                chart.draw_series(pts.map(|p| Circle::new(p, r, color.filled())))?
            }
        };
    }
    Ok(())
}

fn fmt_tick(v: f64) -> String {
    let a = v.abs();
    let trim = |s: String| s.trim_end_matches('0').trim_end_matches('.').to_string();
    // Ticks near zero arrive as float dust (−3e-18): they are 0.
    if a < 1e-12 {
        "0".into()
    } else if (1e4..1e6).contains(&a) {
        // Thousands as "30k": a log axis of token counts stays legible at 375 px.
        format!("{}k", trim(format!("{:.1}", v / 1e3)))
    } else if (1e6..1e9).contains(&a) {
        format!("{}M", trim(format!("{:.1}", v / 1e6)))
    } else if !(1e-3..1e9).contains(&a) {
        format!("{v:.0e}")
    } else if a >= 100.0 {
        format!("{v:.0}")
    } else {
        trim(format!("{v:.3}"))
    }
}
