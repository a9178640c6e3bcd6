//! A heatmap of a scalar field on a square grid with points (and optional paths) drawn over it:
//! the decision boundary under the data, or a loss surface under optimiser trajectories.

use super::legend::{Legend, LegendItem};
use super::{download_png, file_stem, fit_canvas, next_id, series_color, spoken, theme};
use leptos::html::Canvas;
use leptos::prelude::*;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;

/// What a heatmap shows.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct HeatmapData {
    /// Cells per side.
    pub n: usize,
    /// The grid spans `[-extent, extent]²`.
    pub extent: f64,
    /// Values in [0, 1], row-major from the top-left, `[n * n]` (empty: draw only the points).
    pub values: Vec<f32>,
    /// Points `(x, y, class)`; class picks the colour.
    pub points: Vec<(f32, f32, u8)>,
    /// Polylines drawn over everything; the last point of each gets a dot.
    pub paths: Vec<Path>,
    /// A ring drawn at this point (a draggable start, say).
    pub marker: Option<(f64, f64)>,
    /// How values map to colours.
    pub ramp: Ramp,
}

/// A polyline: palette index and points.
pub type Path = (usize, Vec<(f64, f64)>);

/// Colour ramps.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Ramp {
    /// Blue (0) → background → orange (1): a class probability.
    #[default]
    Classes,
    /// Background (0) → grey (1) in twelve bands, so the bands read as contour lines: a loss surface
    /// under coloured paths.
    Contours,
}

/// Blue (0) → background → orange (1), matching the class colours.
fn cell_color(v: f32, bg: RGBColor, dark: bool) -> RGBColor {
    let (lo, hi) = (series_color(0, dark), series_color(1, dark));
    let v = if v.is_finite() { v.clamp(0.0, 1.0) } else { 0.5 };
    let (c, t) = if v < 0.5 { (lo, (0.5 - v) * 2.0) } else { (hi, (v - 0.5) * 2.0) };
    let t = f64::from(t) * 0.55;
    let mix = |a: u8, b: u8| (f64::from(a) * (1.0 - t) + f64::from(b) * t).round() as u8;
    RGBColor(mix(bg.0, c.0), mix(bg.1, c.1), mix(bg.2, c.2))
}

fn banded(v: f32, bg: RGBColor, fg: RGBColor) -> RGBColor {
    let v = if v.is_finite() { v.clamp(0.0, 1.0) } else { 1.0 };
    let t = f64::from((v * 12.0).floor() / 12.0) * 0.6;
    let mix = |a: u8, b: u8| (f64::from(a) * (1.0 - t) + f64::from(b) * t).round() as u8;
    RGBColor(mix(bg.0, fg.0), mix(bg.1, fg.1), mix(bg.2, fg.2))
}

/// Margin around the plot, in CSS pixels (shared by drawing and by pointer picking).
const MARGIN: f64 = 4.0;

/// The heatmap component; redraws whenever `data` changes. With `on_pick`, pressing or dragging on
/// the chart reports the point under the pointer in data coordinates.
#[component]
pub fn Heatmap(
    /// Accessible description.
    title: &'static str,
    /// Field, points and paths.
    #[prop(into)]
    data: Signal<HeatmapData>,
    /// Called with `(x, y)` while the pointer is pressed on the chart.
    #[prop(optional)]
    on_pick: Option<Callback<(f64, f64)>>,
    /// What the paths are, shown above the plot.
    #[prop(optional, into)]
    legend: Option<Signal<Vec<LegendItem>>>,
) -> impl IntoView {
    let canvas = NodeRef::<Canvas>::new();
    Effect::new(move |_| {
        let d = data.get();
        if let Some(c) = canvas.get() {
            draw(&c, &d);
        }
    });
    let pick = move |ev: web_sys::PointerEvent, pressed: bool| {
        let (Some(cb), Some(c)) = (on_pick, canvas.get_untracked()) else { return };
        if !pressed && ev.buttons() == 0 {
            return;
        }
        ev.prevent_default();
        let e = data.with_untracked(|d| d.extent.max(1e-6));
        let (w, h) = (f64::from(c.client_width()) - 2.0 * MARGIN, f64::from(c.client_height()) - 2.0 * MARGIN);
        if w <= 0.0 || h <= 0.0 {
            return;
        }
        let fx = ((f64::from(ev.offset_x()) - MARGIN) / w).clamp(0.0, 1.0);
        let fy = ((f64::from(ev.offset_y()) - MARGIN) / h).clamp(0.0, 1.0);
        cb.run((-e + 2.0 * e * fx, e - 2.0 * e * fy));
    };
    // The keyboard's way to pick: arrow keys move the marker by a twentieth of the extent.
    let on_key = move |ev: web_sys::KeyboardEvent| {
        let Some(cb) = on_pick else { return };
        let (d, (x, y)) = data.with_untracked(|d| (d.extent.max(1e-6) / 10.0, d.marker.unwrap_or((0.0, 0.0))));
        let (dx, dy) = match ev.key().as_str() {
            "ArrowLeft" => (-d, 0.0),
            "ArrowRight" => (d, 0.0),
            "ArrowUp" => (0.0, d),
            "ArrowDown" => (0.0, -d),
            _ => return,
        };
        ev.prevent_default();
        let e = data.with_untracked(|d| d.extent);
        cb.run(((x + dx).clamp(-e, e), (y + dy).clamp(-e, e)));
    };
    let on_png = move |_| {
        if let Some(c) = canvas.get_untracked() {
            download_png(&c, &format!("{}.png", file_stem(title)));
        }
    };
    let summary_id = next_id("heatmap-summary");
    let summary = move || data.with(summary);
    view! {
        <figure class="chart heatmap" class:pickable=on_pick.is_some()>
            <figcaption>{title}</figcaption>
            {legend.map(|items| view! { <Legend items=items /> })}
            <canvas
                node_ref=canvas
                class="heatmap-canvas"
                role="img"
                aria-label=title
                aria-describedby=summary_id.clone()
                tabindex=on_pick.map(|_| "0")
                aria-keyshortcuts=on_pick.map(|_| "ArrowLeft ArrowRight ArrowUp ArrowDown")
                on:keydown=on_key
                on:pointerdown=move |ev| pick(ev, true)
                on:pointermove=move |ev| pick(ev, false)
            ></canvas>
            <p class="chart-summary sr-only" id=summary_id data-testid="chart-summary">{summary}</p>
            <div class="chart-tools">
                <button class="png" on:click=on_png>"Download PNG"</button>
            </div>
        </figure>
    }
}

/// The heatmap's text alternative: the grid's size and range, the points, and where paths end.
pub fn summary(d: &HeatmapData) -> String {
    let mut parts = Vec::new();
    let finite = d.values.iter().filter(|v| v.is_finite()).map(|&v| f64::from(v));
    let (lo, hi) = finite.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| (a.min(v), b.max(v)));
    if lo <= hi {
        parts.push(format!("a {n} by {n} grid of values from {} to {}", spoken(lo), spoken(hi), n = d.n));
    }
    if !d.points.is_empty() {
        parts.push(format!("{} points", d.points.len()));
    }
    for (i, (_, path)) in d.paths.iter().enumerate() {
        if let Some(&(x, y)) = path.last() {
            parts.push(format!("path {} ends at ({}, {})", i + 1, spoken(x), spoken(y)));
        }
    }
    if parts.is_empty() {
        "Nothing drawn yet.".into()
    } else {
        format!("Now: {}.", parts.join("; "))
    }
}

fn draw(canvas: &web_sys::HtmlCanvasElement, d: &HeatmapData) {
    let Some(dpr) = fit_canvas(canvas) else { return };
    let Some(backend) = CanvasBackend::with_canvas_object(canvas.clone()) else { return };
    let root = backend.into_drawing_area();
    let _ = render(&root, d, dpr);
    let _ = root.present();
}

fn render(
    root: &DrawingArea<CanvasBackend, plotters::coord::Shift>,
    d: &HeatmapData,
    dpr: f64,
) -> Result<(), Box<dyn std::error::Error>> {
    let t = theme();
    root.fill(&t.bg)?;
    let e = d.extent.max(1e-6);
    let mut chart = ChartBuilder::on(root).margin((MARGIN * dpr) as u32).build_cartesian_2d(-e..e, -e..e)?;
    if d.n > 0 && d.values.len() == d.n * d.n {
        let cell = 2.0 * e / d.n as f64;
        chart.draw_series(d.values.iter().enumerate().map(|(i, &v)| {
            let (r, c) = (i / d.n, i % d.n);
            let x0 = -e + c as f64 * cell;
            let y0 = e - r as f64 * cell;
            let color = match d.ramp {
                Ramp::Classes => cell_color(v, t.bg, t.dark),
                Ramp::Contours => banded(v, t.bg, t.fg),
            };
            Rectangle::new([(x0, y0), (x0 + cell, y0 - cell)], color.filled())
        }))?;
    }
    let radius = (3.2 * dpr) as i32;
    chart.draw_series(d.points.iter().map(|&(x, y, c)| {
        let color = series_color(usize::from(c) % 2, t.dark);
        Circle::new((f64::from(x), f64::from(y)), radius, color.filled())
    }))?;
    chart.draw_series(
        d.points
            .iter()
            .map(|&(x, y, _)| Circle::new((f64::from(x), f64::from(y)), radius, t.fg.mix(0.6).stroke_width(1))),
    )?;
    // Paths far outside the square (a diverging optimiser) are clipped to a margin around it.
    let clip = |(x, y): (f64, f64)| (x.clamp(-2.0 * e, 2.0 * e), y.clamp(-2.0 * e, 2.0 * e));
    for (i, path) in &d.paths {
        let color = series_color(*i, t.dark);
        chart.draw_series(LineSeries::new(path.iter().copied().map(clip), color.stroke_width((2.0 * dpr) as u32)))?;
        if let Some(&end) = path.last() {
            chart.draw_series(std::iter::once(Circle::new(clip(end), radius, color.filled())))?;
        }
    }
    if let Some(m) = d.marker {
        chart.draw_series(std::iter::once(Circle::new(
            m,
            (6.0 * dpr) as i32,
            t.fg.stroke_width((2.0 * dpr) as u32),
        )))?;
    }
    Ok(())
}
