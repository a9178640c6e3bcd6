//! The backend badge (which device trains, and on what adapter) and the fallback notice.

use crate::runtime::runtime;
use leptos::prelude::*;

/// Names the backend; shows a notice when it is not the one asked for.
#[component]
pub fn BackendBadge() -> impl IntoView {
    let backend = runtime().backend;
    view! {
        <span
            class="backend-badge"
            data-testid="backend-badge"
            title=move || backend.get().map(|b| b.detail()).unwrap_or_else(|| "Where training runs".into())
        >
            {move || backend.get().map(|b| b.label()).unwrap_or_else(|| "starting engine…".into())}
        </span>
        {move || {
            backend
                .get()
                .and_then(|b| b.notice)
                .map(|n| view! { <p class="notice" role="alert" data-testid="backend-notice">{n}</p> })
        }}
    }
}
