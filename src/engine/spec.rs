//! A job as a description: which panel, which of its runs, its parameters (the panel's own URL
//! query, seed included) and its step budget. A [`JobSpec`] is plain data that crosses to a Web
//! Worker; there, one [`Spawn`] function (the panels' registry, injected by the app) builds the
//! job it names. A panel lists its runs as [`Part`]s.

use super::scheduler::JobHandle;
use burn::tensor::Device;
use serde::{Deserialize, Serialize};

/// Everything needed to build one job, anywhere.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct JobSpec {
    /// The panel's registry slug (`"grokking"`).
    pub panel: String,
    /// Which of the panel's runs (`"main"`, `"race"`, `"decay"`…).
    pub part: String,
    /// The panel's parameters as its URL query (`"p=47&seed=1"`), which the panel parses again.
    pub query: String,
    /// Steps to run.
    pub budget: u64,
}

/// One of a panel's runs, as the panel lists it for given parameters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Part {
    /// The part's name (the `part` of its [`JobSpec`]).
    pub name: &'static str,
    /// Its step budget.
    pub budget: u64,
    /// What the run depends on, as text: when a change of parameters leaves it (and the budget)
    /// equal, the run goes on untouched. The whole query, unless the panel says less.
    pub depends: Option<String>,
    /// Whether it trains at all (a part that `hide=` removes costs nothing).
    pub scheduled: bool,
}

impl Part {
    /// A scheduled part that depends on every parameter.
    pub fn new(name: &'static str, budget: u64) -> Self {
        Self { name, budget, depends: None, scheduled: true }
    }

    /// The part restarts only when `key` (any value's `Debug` text) or the budget changes.
    pub fn depends_on(mut self, key: &impl std::fmt::Debug) -> Self {
        self.depends = Some(format!("{key:?}"));
        self
    }

    /// Whether the part trains.
    pub fn scheduled(mut self, on: bool) -> Self {
        self.scheduled = on;
        self
    }

    /// The spec of this part of `panel` at parameters `query`.
    pub fn spec(&self, panel: &str, query: &str) -> JobSpec {
        JobSpec { panel: panel.into(), part: self.name.into(), query: query.into(), budget: self.budget }
    }

    /// What the part depends on, given the whole query.
    pub fn key(&self, query: &str) -> String {
        format!("{}|{}", self.budget, self.depends.as_deref().unwrap_or(query))
    }
}

/// Builds the job a spec names on a device, or says why it cannot (an unknown panel or part).
pub type Spawn = fn(&JobSpec, &Device) -> Result<JobHandle, String>;
