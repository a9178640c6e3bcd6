//! Charts drawn with plotters on a `<canvas>`, crisp on hi-DPI screens: the canvas's backing store
//! is sized to its CSS box × `devicePixelRatio` before every draw, and fonts and strokes scale with
//! it. Legends are HTML above the plot ([`legend`]), never drawn over the data. Each chart offers
//! its picture as a PNG at the screen's pixel ratio, a line chart also its data as CSV, and each has
//! a text alternative that states what it shows now (its latest values).

pub mod heatmap;
pub mod legend;
pub mod line;
pub mod svg_png;
pub mod thumbnail;

use plotters::style::RGBColor;
use wasm_bindgen::JsCast;
use web_sys::HtmlCanvasElement;

/// Series colour `i` for the page's colour scheme (see [`crate::plot::LIGHT`]).
pub fn series_color(i: usize, dark: bool) -> RGBColor {
    let (r, g, b) = crate::plot::color(i, dark);
    RGBColor(r, g, b)
}

/// Foreground/background/grid colours for the current colour scheme.
pub struct Theme {
    /// Page background.
    pub bg: RGBColor,
    /// Text and axes.
    pub fg: RGBColor,
    /// Grid lines.
    pub grid: RGBColor,
    /// Whether the page is dark.
    pub dark: bool,
}

/// Reads `prefers-color-scheme`.
pub fn theme() -> Theme {
    let dark = web_sys::window()
        .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
        .map(|m| m.matches())
        .unwrap_or(false);
    if dark {
        Theme { bg: RGBColor(24, 26, 31), fg: RGBColor(225, 228, 232), grid: RGBColor(58, 62, 70), dark }
    } else {
        Theme { bg: RGBColor(255, 255, 255), fg: RGBColor(30, 32, 36), grid: RGBColor(228, 230, 234), dark }
    }
}

/// Sizes the canvas's backing store to its CSS box × devicePixelRatio; returns the ratio, or `None`
/// when the canvas is not laid out (display: none).
pub fn fit_canvas(canvas: &HtmlCanvasElement) -> Option<f64> {
    let dpr = web_sys::window().map(|w| w.device_pixel_ratio()).unwrap_or(1.0).clamp(1.0, 3.0);
    let (w, h) = (canvas.client_width(), canvas.client_height());
    if w <= 0 || h <= 0 {
        return None;
    }
    let (pw, ph) = ((f64::from(w) * dpr).round() as u32, (f64::from(h) * dpr).round() as u32);
    if canvas.width() != pw {
        canvas.set_width(pw);
    }
    if canvas.height() != ph {
        canvas.set_height(ph);
    }
    Some(dpr)
}

/// Offers `content` as a file download named `filename`.
pub fn download(filename: &str, content: &str, mime: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    let parts = js_sys::Array::of1(&content.into());
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    if let Ok(a) = doc.create_element("a").map(|e| e.unchecked_into::<web_sys::HtmlAnchorElement>()) {
        a.set_href(&url);
        a.set_download(filename);
        a.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// Offers the canvas's picture as a PNG named `filename`, at the backing store's resolution (the
/// CSS size × devicePixelRatio, see [`fit_canvas`]).
pub fn download_png(canvas: &HtmlCanvasElement, filename: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    let Ok(url) = canvas.to_data_url_with_type("image/png") else { return };
    if let Ok(a) = doc.create_element("a").map(|e| e.unchecked_into::<web_sys::HtmlAnchorElement>()) {
        a.set_href(&url);
        a.set_download(filename);
        a.click();
    }
}

/// A page-unique element id for a chart's text alternative.
pub fn next_id(prefix: &str) -> String {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    format!("{prefix}-{}", NEXT.fetch_add(1, Ordering::Relaxed))
}

/// A number as a text alternative says it: the controls' readout ([`fmt_num`](crate::components::controls::fmt_num)) without trailing
/// zeros, and words for the non-finite.
pub fn spoken(v: f64) -> String {
    if !v.is_finite() {
        return if v.is_nan() { "not a number".into() } else { "infinite".into() };
    }
    let s = crate::components::controls::fmt_num(v);
    if s.contains('.') && !s.contains('e') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

/// What a file name may hold of a chart's title: lower-case words joined by hyphens.
pub fn file_stem(title: &str) -> String {
    let words: Vec<String> = title
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    if words.is_empty() {
        "chart".into()
    } else {
        words.join("-")
    }
}
