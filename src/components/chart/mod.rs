//! Charts drawn with plotters on a `<canvas>`, crisp on hi-DPI screens: the canvas's backing store
//! is sized to its CSS box × `devicePixelRatio` before every draw, and fonts and strokes scale with
//! it. Legends are HTML above the plot ([`legend`]), never drawn over the data. Each chart has a "Download CSV" button for exactly the data it shows.

pub mod heatmap;
pub mod legend;
pub mod line;
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
