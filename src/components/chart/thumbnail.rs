//! A panel's small picture for the gallery ([`crate::plot::picture::Picture`]) as inline SVG,
//! scaled to a fixed box in the series palette.

use super::theme;
use crate::plot::picture::Picture;
use leptos::prelude::*;

const W: f64 = 160.0;
const H: f64 = 72.0;
const PAD: f64 = 4.0;

/// The picture, or nothing when it has no extent.
#[component]
pub fn Thumbnail(picture: Picture) -> impl IntoView {
    let ((x0, x1), (y0, y1)) = picture.bounds()?;
    let to = move |(x, y): (f64, f64)| {
        (PAD + (x - x0) / (x1 - x0) * (W - 2.0 * PAD), H - PAD - (y - y0) / (y1 - y0) * (H - 2.0 * PAD))
    };
    let dark = theme().dark;
    let color = move |i: usize| crate::plot::css_color(i, dark);
    let lines = picture
        .lines
        .iter()
        .map(|(c, pts)| {
            let d: String = pts
                .iter()
                .enumerate()
                .map(|(i, &p)| {
                    let (x, y) = to(p);
                    format!("{}{x:.1},{y:.1}", if i == 0 { "M" } else { " L" })
                })
                .collect();
            view! { <path d=d fill="none" stroke=color(*c) stroke-width="1.8" stroke-linejoin="round" /> }
        })
        .collect_view();
    let dots = picture
        .dots
        .iter()
        .map(|&(x, y, c)| {
            let (cx, cy) = to((x, y));
            view! { <circle cx=format!("{cx:.1}") cy=format!("{cy:.1}") r="2" fill=color(c) /> }
        })
        .collect_view();
    Some(view! {
        <svg class="thumbnail" viewBox=format!("0 0 {W} {H}") role="img" aria-label=picture.alt>
            {lines}
            {dots}
        </svg>
    })
}
