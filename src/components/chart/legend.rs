//! A chart's legend, in HTML above the plot rather than drawn on it: the series' words, each with a
//! swatch drawn as its line is (solid, dashed, or a dot). It can never cover data, it wraps on a
//! narrow screen, and scripts and screen readers read its words.

use super::line::Style;
use super::theme;
use leptos::prelude::*;

/// One legend entry.
#[derive(Clone, Debug, PartialEq)]
pub struct LegendItem {
    /// What the entry says.
    pub label: String,
    /// Palette index.
    pub color: usize,
    /// How the series is drawn.
    pub style: Style,
}

/// The legend: one entry per item, in order.
#[component]
pub fn Legend(
    /// The entries.
    #[prop(into)]
    items: Signal<Vec<LegendItem>>,
) -> impl IntoView {
    // Charts hand over new series many times a second; the entries rarely change.
    let items = Memo::new(move |_| items.get());
    view! {
        <ul class="legend" aria-label="Legend">
            {move || {
                let dark = theme().dark;
                items.get().into_iter().map(|item| view! {
                    <li><Swatch color=item.color style=item.style dark=dark />{item.label}</li>
                }).collect_view()
            }}
        </ul>
    }
}

/// A small picture of how a series is drawn.
#[component]
fn Swatch(color: usize, style: Style, dark: bool) -> impl IntoView {
    let c = crate::plot::css_color(color, dark);
    let shape = match style {
        Style::Marker => view! { <circle cx="11" cy="6" r="4" fill=c /> }.into_any(),
        Style::Solid => view! { <line x1="1" y1="6" x2="21" y2="6" stroke=c stroke-width="2.5" /> }.into_any(),
        Style::Reference => {
            view! { <line x1="1" y1="6" x2="21" y2="6" stroke=c stroke-width="2" stroke-dasharray="5 3" /> }.into_any()
        }
    };
    view! { <svg class="swatch" width="22" height="12" viewBox="0 0 22 12" aria-hidden="true">{shape}</svg> }
}
