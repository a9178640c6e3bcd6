//! A closed set of options with stable keys: data sets, activations, loss surfaces, schedules. The
//! keys are what URLs carry (fixed, since links use them); the labels are what a menu shows. A
//! panel's parameter table (`state::params`) builds its menus and URL parsing from this one list.

/// A closed set of options with stable URL keys and labels for a menu.
pub trait Choice: Copy + PartialEq + Send + Sync + 'static {
    /// Every option, in menu order.
    const ALL: &'static [Self];
    /// The URL key (fixed: links use it).
    fn key(self) -> &'static str;
    /// What a menu shows.
    fn label(self) -> &'static str {
        self.key()
    }
    /// The option whose key is `k`.
    fn from_key(k: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|c| c.key() == k)
    }
}
