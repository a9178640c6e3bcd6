//! The pages: gallery (generated from the registry), a concept page, the chrome-less embed page and
//! the not-found page.

use super::base_path;
use crate::components::badge::BackendBadge;
use crate::components::chart::thumbnail::Thumbnail;
use crate::kit::PanelSlug;
use crate::panels::{find, neighbours, Concept, REGISTRY};
use crate::runtime::runtime;
use crate::state::web::set_title;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// Header and footer around a page's content.
#[component]
fn Layout(children: Children) -> impl IntoView {
    let home = format!("{}/", base_path());
    view! {
        <header class="site-header">
            <a class="brand" href=home>"Trainlab"</a>
            <span class="tagline">"Training fundamentals, trained live in your browser"</span>
            <BackendBadge />
        </header>
        <main>{children()}</main>
        <footer class="site-footer">
            <p>"Every chart here comes from a model training right now on this page, with Burn compiled to WebAssembly."</p>
        </footer>
    }
}

/// `/`: all 17 concepts in course order.
#[component]
pub fn Gallery() -> impl IntoView {
    let base = base_path();
    set_title("Trainlab · Training fundamentals, interactive");
    let start = REGISTRY.iter().find(|c| c.panel.is_some());
    let built = REGISTRY.iter().filter(|c| c.panel.is_some()).count();
    view! {
        <Layout>
            <h1>"How large language models are trained, in 17 live experiments"</h1>
            <p class="lede">
                "Each concept has a panel that trains a small model in this tab: on your GPU through WebGPU when the browser offers one, on the CPU when it does not. Change a setting and the run starts again."
            </p>
            {start.map(|c| {
                view! {
                    <p class="start-here">
                        "Start here: "
                        <a href=format!("{base}/concepts/{}", c.slug)>{format!("{:02} {}", c.number, c.title)}</a>
                        {format!(", then follow the course in order. {built} of 17 panels train live so far; the rest are listed and marked as not built yet.")}
                    </p>
                }
            })}
            <ol class="gallery" data-testid="gallery">
                {REGISTRY
                    .iter()
                    .map(|c| {
                        let href = format!("{base}/concepts/{}", c.slug);
                        view! {
                            <li class:built=c.panel.is_some()>
                                <a href=href>
                                    <span class="num">{format!("{:02}", c.number)}</span>
                                    <span class="title">{c.title}</span>
                                </a>
                                <p class="summary">{c.summary}</p>
                                {match c.panel {
                                    Some(panel) => view! {
                                        <a href=format!("{base}/concepts/{}", c.slug) class="thumb-link" tabindex="-1" aria-hidden="true">
                                            <Thumbnail picture=(panel.picture)() />
                                        </a>
                                        <p class="ready">"Trains live: ready"</p>
                                    }.into_any(),
                                    None => view! { <p class="not-built">"Not built yet"</p> }.into_any(),
                                }}
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </Layout>
    }
}

/// The panel once the backend is chosen; rebuilt if the backend changes (a fallback to the CPU).
#[component]
fn LivePanel(concept: &'static Concept) -> impl IntoView {
    // The panel's hooks read its slug from here: views never spell their own.
    provide_context(PanelSlug(concept.slug));
    let backend = runtime().backend;
    let kind = Memo::new(move |_| backend.get().map(|b| b.kind));
    let watch = concept.panel.map(|p| {
        view! { <p class="watch" data-testid="watch"><strong>"Watch: "</strong>{p.watch}</p> }
    });
    let live = move || {
        match (kind.get(), concept.panel) {
        (_, None) => view! { <p class="not-built">"Not built yet: this concept's panel has not been written. Nothing here is simulated in the meantime."</p> }.into_any(),
        (None, Some(_)) => view! { <p class="starting" role="status">"Starting the training engine…"</p> }.into_any(),
        (Some(_), Some(panel)) => (panel.view)(),
    }
    };
    view! { {watch} {live} }
}

/// Links to the previous and the next concept, in course order.
#[component]
fn CourseNav(concept: &'static Concept) -> impl IntoView {
    let base = base_path();
    let (prev, next) = neighbours(concept);
    let link = move |c: &'static Concept, rel: &'static str, dir: &'static str| {
        view! {
            <a class=format!("course-{rel}") rel=rel href=format!("{base}/concepts/{}", c.slug)>
                <span class="dir">{dir}</span>
                <span class="num">{format!("{:02}", c.number)}</span>
                " "
                <span class="title">{c.title}</span>
            </a>
        }
    };
    view! {
        <nav class="course-nav" aria-label="Course order">
            {prev.map(|c| link(c, "prev", "Previous: "))}
            {next.map(|c| link(c, "next", "Next: "))}
        </nav>
    }
}

fn slug_param() -> Memo<Option<&'static Concept>> {
    let params = use_params_map();
    Memo::new(move |_| params.with(|p| p.get("slug")).and_then(|s| find(&s)))
}

/// `/concepts/<slug>`: the panel with its explanation.
#[component]
pub fn ConceptPage() -> impl IntoView {
    let concept = slug_param();
    move || match concept.get() {
        None => view! { <NotFound /> }.into_any(),
        Some(c) => {
            set_title(&format!("{:02} {} · Trainlab", c.number, c.title));
            view! {
            <Layout>
                <nav class="crumbs" aria-label="Breadcrumb"><a href=format!("{}/", base_path())>"All concepts"</a></nav>
                <h1><span class="num">{format!("{:02} ", c.number)}</span>{c.title}</h1>
                <p class="lede">{c.summary}</p>
                <LivePanel concept=c />
                {c.panel.is_some().then(|| view! { <super::embed_code::EmbedCode concept=c /> })}
                {c.panel.map(|p| (p.explanation)())}
                <CourseNav concept=c />
            </Layout>
            }
            .into_any()
        }
    }
}

/// `/embed/<slug>`: the panel alone, for iframes.
#[component]
pub fn EmbedPage() -> impl IntoView {
    let concept = slug_param();
    move || match concept.get() {
        None => view! { <NotFound embedded=true /> }.into_any(),
        Some(c) => {
            set_title(&format!("{} · Trainlab", c.title));
            super::embed_bridge::attach(c.slug);
            let full = format!("{}/concepts/{}", base_path(), c.slug);
            view! {
                <div class="embed">
                    <div class="embed-bar">
                        <strong>{c.title}</strong>
                        <a class="full-lesson" href=full target="_blank" rel="noopener">"The full lesson, with its explanation"</a>
                        <BackendBadge />
                    </div>
                    <LivePanel concept=c />
                </div>
            }
            .into_any()
        }
    }
}

/// Unknown routes and slugs.
#[component]
pub fn NotFound(#[prop(optional)] embedded: bool) -> impl IntoView {
    let home = format!("{}/", base_path());
    set_title("Not found · Trainlab");
    let body = view! {
        <h1>"Not found"</h1>
        <p>"There is no page at this address. The concepts are all listed on the home page."</p>
        <p><a href=home>"Home: all concepts"</a></p>
    };
    if embedded {
        view! { <div class="embed not-found">{body}</div> }.into_any()
    } else {
        view! { <Layout><div class="not-found">{body}</div></Layout> }.into_any()
    }
}
