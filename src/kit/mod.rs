//! The panel kit: what every panel is to the rest of the site. A panel module exports one
//! [`Panel`] descriptor (its view and explanation, its jobs' constructor for native tests, its
//! parameters' URL round trip, the series it reports, a reduced test configuration); the registry
//! points at it, the app renders it without naming it, and the registry-driven tests check every
//! descriptor the same way. In the browser, [`run`] gives a view its whole run in one hook (on top
//! of [`hooks`], which connect jobs to the runtime).

#[cfg(target_arch = "wasm32")]
pub mod export;
#[cfg(target_arch = "wasm32")]
pub mod hooks;
#[cfg(target_arch = "wasm32")]
pub mod run;

use crate::engine::group::JobGroup;
use crate::engine::metrics::Metrics;
use crate::engine::scheduler::{run_blocking, JobHandle};
use crate::engine::spec::{JobSpec, Part};
use crate::state::query::{Query, UrlParams};
use burn::tensor::Device;

/// One built panel, as the registry and the tests see it.
pub struct Panel {
    /// The panel's runs at the parameters of a URL query (its module's `runs::parts`).
    pub parts: fn(&Query) -> Vec<Part>,
    /// Builds the job a description names (its module's `runs::spawn`, on the parameters parsed
    /// from the description's query): what a Web Worker calls, through [`crate::panels::spawn`].
    pub spawn: fn(&JobSpec, &Device) -> Result<JobHandle, String>,
    /// Reads the panel's parameters from a query and writes them back: the query a reload would
    /// see, and the notes about values that were clamped or replaced.
    pub round_trip: fn(&Query) -> (Query, Vec<String>),
    /// The names `hide=` accepts: every control's parameter key, then the panel's other parts.
    pub hideable: fn() -> Vec<&'static str>,
    /// What the parameters read from a query hold outside their documented ranges (empty when
    /// parsing is right; see [`crate::state::params::out_of_range`]).
    pub out_of_range: fn(&Query) -> Vec<String>,
    /// Series that `window.trainlab.metrics(slug)` reports once the test configuration has run
    /// (names are a contract with course pages: never rename one).
    pub series: &'static [&'static str],
    /// What to look at first, in terms of what is drawn (shown after "Watch:" above the panel, on the
    /// concept page and in an embed).
    pub watch: &'static str,
    /// A reduced configuration (a query string) that runs to the end in seconds: the browser and
    /// native registry tests use it; the panel's own tests assert its phenomenon at the defaults.
    pub test_query: &'static str,
    /// Series computed on the page from the jobs' series (none for most panels).
    pub derive: Option<crate::engine::group::Derive>,
    /// The gallery's small picture of what the panel shows, computed from the panel's own
    /// formulas and data.
    pub picture: fn() -> crate::plot::picture::Picture,
    /// The panel's component.
    #[cfg(target_arch = "wasm32")]
    pub view: fn() -> leptos::prelude::AnyView,
    /// The explanation under it on the concept page.
    #[cfg(target_arch = "wasm32")]
    pub explanation: fn() -> leptos::prelude::AnyView,
}

impl Panel {
    /// The descriptions of the jobs the panel trains at the parameters of `query` (the parts that
    /// are scheduled), for the panel `slug`.
    pub fn specs(&self, slug: &str, query: &Query) -> Vec<JobSpec> {
        let (q, _) = (self.round_trip)(query);
        let q = q.to_query_string();
        (self.parts)(query).iter().filter(|p| p.scheduled).map(|p| p.spec(slug, &q)).collect()
    }

    /// Builds the jobs the panel trains at `query`, idle, exactly as a worker builds them from their
    /// descriptions (same parameters, same order). Native tests step them on the CPU.
    pub fn jobs(&self, query: &Query, device: &Device) -> Result<Vec<JobHandle>, String> {
        self.specs("test", query).iter().map(|s| (self.spawn)(s, device)).collect()
    }

    /// Trains the panel's jobs at `query` to the end, one after another, and returns their series
    /// with the panel's derived ones, as `window.trainlab.metrics` would report them. For native
    /// tests and examples, where readbacks complete synchronously.
    pub fn train(&self, query: &Query, device: &Device) -> Result<Metrics, String> {
        let jobs = self.jobs(query, device)?;
        for j in &jobs {
            j.borrow_mut().play();
            run_blocking(j.clone());
        }
        JobGroup::new(jobs).with_derive(self.derive).try_metrics().map_err(|names| format!("two jobs report {names:?}"))
    }
}

/// [`Panel::spawn`] for a panel with parameters `P` and the module's `spawn`.
pub fn spawn_with<P: UrlParams>(
    spec: &JobSpec,
    device: &Device,
    spawn: fn(&str, &P, u64, &Device) -> Option<JobHandle>,
) -> Result<JobHandle, String> {
    let p = P::from_query(&Query::parse(&spec.query), &mut Vec::new());
    spawn(&spec.part, &p, spec.budget, device)
        .ok_or_else(|| format!("the panel “{}” has no run called “{}”", spec.panel, spec.part))
}

/// [`Panel::round_trip`] for parameters `P`.
pub fn round_trip<P: UrlParams>(q: &Query) -> (Query, Vec<String>) {
    let mut notes = Vec::new();
    let p = P::from_query(q, &mut notes);
    (p.to_query(), notes)
}

/// The slug of the concept a panel is shown for, provided as context by the page that shows it.
#[derive(Clone, Copy, Debug)]
pub struct PanelSlug(pub &'static str);

/// A panel module's [`Panel`], from its parameters type, its view and explanation components, its
/// series and its test configuration; `jobs` is the module's `runs::build` (its scheduled jobs).
///
/// ```ignore
/// pub const PANEL: Panel = crate::panel! {
///     params: params::BackpropParams,
///     view: view::BackpropPanel,
///     explanation: explain::BackpropExplanation,
///     series: &["train_loss"],
///     watch: "the decision boundary bending to follow the spiral as the loss falls.",
///     picture: picture,
///     test_query: "steps=40",
/// };
/// ```
#[macro_export]
macro_rules! panel {
    (@derive) => { None };
    (@derive $d:expr) => { Some($d) };
    (
        params: $params:ty,
        view: $vmod:ident :: $view:ident,
        explanation: $emod:ident :: $explain:ident,
        series: $series:expr,
        watch: $watch:expr,
        picture: $picture:expr,
        test_query: $tq:expr
        $(, derive: $derive:expr)? $(,)?
    ) => {
        $crate::kit::Panel {
            parts: |q| runs::parts(&<$params as $crate::state::query::UrlParams>::from_query(q, &mut Vec::new())),
            spawn: |spec, device| $crate::kit::spawn_with::<$params>(spec, device, runs::spawn),
            round_trip: $crate::kit::round_trip::<$params>,
            hideable: $crate::state::params::hideable::<$params>,
            out_of_range: |q| $crate::state::params::out_of_range(
                &<$params as $crate::state::query::UrlParams>::from_query(q, &mut Vec::new()),
            ),
            series: $series,
            watch: $watch,
            picture: $picture,
            test_query: $tq,
            derive: $crate::panel!(@derive $($derive)?),
            #[cfg(target_arch = "wasm32")]
            view: || {
                use leptos::prelude::*;
                use $vmod::$view;
                view! { <$view /> }.into_any()
            },
            #[cfg(target_arch = "wasm32")]
            explanation: || {
                use leptos::prelude::*;
                use $emod::$explain;
                view! { <$explain /> }.into_any()
            },
        }
    };
}
