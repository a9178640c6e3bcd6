//! The messages between the page and a host of jobs (a Web Worker, or the page itself when no
//! worker can start). The page holds a [`Mirror`](super::mirror::Mirror) of every job; the mirror
//! sends [`ToHost`] commands and applies the host's [`ToMain`] updates.
//!
//! Ordering rules, which make the mirror's answers right without waiting for the host:
//! - `epoch` counts a job's resets and reconfigurations. Only the page starts one, and messages
//!   arrive in order, so both sides count alike; an update of an older epoch is dropped.
//! - `seq` counts the page's commands to a job. An update only sets the status once it reports
//!   having seen the latest command, so an update sent before a Play cannot stop the run the page
//!   shows running.

use super::metrics::Points;
use super::spec::JobSpec;
use super::steppable::Status;
use super::view::Frame;
use serde::{Deserialize, Serialize};

/// A lifecycle command.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Op {
    /// Start or resume.
    Play,
    /// Pause.
    Pause,
    /// One inspected step, then pause.
    Step,
    /// Start over (a new epoch).
    Reset,
}

/// From the page to a host.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "t", rename_all = "snake_case")]
pub enum ToHost {
    /// Build a job from `spec` (at the page's epoch and command count, for a job moved after its
    /// worker died).
    Submit {
        /// The page's id for the job.
        job: u64,
        /// What to build.
        spec: JobSpec,
        /// Start at once.
        play: bool,
        /// On screen.
        visible: bool,
        /// The page's epoch for it.
        epoch: u64,
        /// The page's command count for it.
        seq: u64,
    },
    /// Replace the job by a new build of `spec` (a new epoch); it plays when `play` is set or it
    /// was running.
    Reconfigure {
        /// The job.
        job: u64,
        /// The new description.
        spec: JobSpec,
        /// Start at once.
        play: bool,
        /// The command count, this one included.
        seq: u64,
    },
    /// Play, pause, step or reset.
    Cmd {
        /// The job.
        job: u64,
        /// The command count, this one included.
        seq: u64,
        /// What to do.
        op: Op,
    },
    /// The panel went on or off screen.
    Visible {
        /// The job.
        job: u64,
        /// On screen.
        on: bool,
    },
    /// The browser tab was hidden or shown: a hidden tab trains nothing.
    Tab {
        /// Hidden.
        hidden: bool,
    },
    /// The view wants fresh view tensors with the next slice.
    Snapshot {
        /// The job.
        job: u64,
    },
    /// Forget the job (its panel is gone).
    Drop {
        /// The job.
        job: u64,
    },
    /// Test hook: fail on purpose, as a crash would.
    Crash,
    /// Test hook: a real Rust panic in the worker (its panic hook reports the message).
    Panic,
}

impl ToHost {
    /// The job the message is about, if it is about one.
    pub fn job(&self) -> Option<u64> {
        match self {
            ToHost::Submit { job, .. }
            | ToHost::Reconfigure { job, .. }
            | ToHost::Cmd { job, .. }
            | ToHost::Visible { job, .. }
            | ToHost::Snapshot { job }
            | ToHost::Drop { job } => Some(*job),
            ToHost::Tab { .. } | ToHost::Crash | ToHost::Panic => None,
        }
    }
}

/// A job's state as the host last saw it, and what it recorded since the previous update.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Update {
    /// The job.
    pub job: u64,
    /// Its epoch (see the module notes).
    pub epoch: u64,
    /// The last command the host had applied.
    pub seq: u64,
    /// Lifecycle state.
    pub status: Option<Status>,
    /// Steps read back.
    pub steps: u64,
    /// Steps in the budget.
    pub budget: u64,
    /// What went wrong, if anything.
    pub error: Option<String>,
    /// Metric points recorded since the last update.
    pub points: Points,
    /// The view state, when it changed.
    pub view: Option<Frame>,
    /// Steps this host has run, all jobs together (the page shows where training happens).
    pub host_steps: u64,
    /// The host's memory in bytes, where it knows it (a worker's WebAssembly memory), else 0.
    #[serde(default)]
    pub host_memory: f64,
}

/// From a host to the page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "t", rename_all = "snake_case")]
pub enum ToMain {
    /// A job's progress.
    Update(Update),
    /// A job could not be built (an unknown panel or part): the mirror shows why.
    Failed {
        /// The job.
        job: u64,
        /// Why.
        message: String,
    },
}
