//! A formula rendered as MathML from LaTeX source (see [`crate::formula`]).

use leptos::prelude::*;

/// Display (block) or inline maths.
#[component]
pub fn Formula(
    /// LaTeX source.
    tex: &'static str,
    /// Block layout.
    #[prop(optional)]
    block: bool,
) -> impl IntoView {
    let html = crate::formula::mathml(tex, block);
    view! { <span class=if block { "formula block" } else { "formula" } inner_html=html></span> }
}
