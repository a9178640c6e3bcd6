//! Parameters stated once. A panel's parameter struct lists its [`Field`]s (key, range, label,
//! how to get and set the value); from that one table follow the URL parsing (with clamping and a
//! note for every replaced value), the serialising, the names an embed may hide, and, in the
//! browser, each control and its bounds (see `kit::run`). Option lists come from [`Choice`].
//!
//! A field's default is the struct's [`Default`]; a field read later may depend on one read earlier
//! (a new loss surface brings its own start), since each is read into the struct built so far.
//! [`Params::settle`] enforces rules between fields (warm-up shorter than the run).

use super::query::{read_list, Query, UrlParams};
pub use crate::engine::choice::Choice;
pub use fields::{Custom, Flag, Int, OneOf, Pick, Real, Seed, SEED_MAX};

mod fields;
#[cfg(test)]
mod tests;

/// A control's value, whatever its kind.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// A slider's or seed's number.
    Num(f64),
    /// A menu's key.
    Key(String),
    /// A checkbox.
    Flag(bool),
}

/// How a field is edited on screen.
#[derive(Clone, Debug, PartialEq)]
pub enum Widget {
    /// A range input; `step` in value space (ignored when `log`); `whole` for whole numbers.
    Slider { min: f64, max: f64, step: f64, log: bool, whole: bool },
    /// A menu of `(key, label)`.
    Select(Vec<(String, String)>),
    /// A checkbox.
    Toggle,
    /// The seed: a number field and a "new seed" button.
    Seed,
}

/// A field's control: its visible label and widget.
#[derive(Clone, Debug, PartialEq)]
pub struct Control {
    /// The label (also the accessible name).
    pub label: &'static str,
    /// The widget.
    pub widget: Widget,
}

/// One parameter of `P`: its URL key, how it is read and written, and its control.
pub trait Field<P>: Sync {
    /// URL key (fixed: links use it); also the name `hide=` uses for its control.
    fn key(&self) -> &'static str;
    /// Reads the URL value (present under [`Field::key`]) into `p`, noting what was replaced.
    fn read(&self, p: &mut P, q: &Query, notes: &mut Vec<String>);
    /// Writes the value of `p` to the query.
    fn write(&self, p: &P, q: Query) -> Query;
    /// The control that edits it, or `None` when the panel edits it some other way.
    fn control(&self) -> Option<Control>;
    /// The control's value.
    fn value(&self, p: &P) -> Value;
    /// Sets from a control's value (clamped to the field's range).
    fn set(&self, p: &mut P, v: &Value);
}

/// [`Params::hide`] and [`Params::hide_mut`] for a parameter struct that keeps its hidden names
/// in a field called `hide` (every panel's does); written inside its `impl Params` block.
#[macro_export]
macro_rules! hide_field {
    () => {
        fn hide(&self) -> &[String] {
            &self.hide
        }
        fn hide_mut(&mut self) -> &mut Vec<String> {
            &mut self.hide
        }
    };
}

/// A panel's parameters: a fixed table of fields, plus the parts an embed may hide.
pub trait Params: Default + Clone + PartialEq + Send + Sync + 'static {
    /// Every field, in URL and reading order.
    const FIELDS: &'static [&'static dyn Field<Self>];
    /// Parts other than controls that `hide=` may name (a figure, a sub-panel, a button row).
    const PARTS: &'static [&'static str] = &[];
    /// The hidden parts and controls (see [`hide_field!`](crate::hide_field)).
    fn hide(&self) -> &[String];
    /// The same, to change.
    fn hide_mut(&mut self) -> &mut Vec<String>;
    /// Enforces rules between fields after a read or a change, noting what it changed.
    fn settle(&mut self, _notes: &mut Vec<String>) {}
    /// Whether `name` (a control's key or a part) is hidden.
    fn hides(&self, name: &str) -> bool {
        self.hide().iter().any(|h| h == name)
    }
}

/// The names `hide=` accepts for `P`: every field with a control, then every part.
pub fn hideable<P: Params>() -> Vec<&'static str> {
    let controls = P::FIELDS.iter().filter(|f| f.control().is_some()).map(|f| f.key());
    controls.chain(P::PARTS.iter().copied()).collect()
}

impl<P: Params> UrlParams for P {
    fn from_query(q: &Query, notes: &mut Vec<String>) -> Self {
        let mut p = P::default();
        for f in P::FIELDS.iter().filter(|f| q.get(f.key()).is_some()) {
            f.read(&mut p, q, notes);
        }
        *p.hide_mut() = read_list(q, "hide", &hideable::<P>(), notes);
        p.settle(notes);
        p
    }

    fn to_query(&self) -> Query {
        let q = P::FIELDS.iter().fold(Query::default(), |q, f| f.write(self, q));
        q.with_list("hide", self.hide())
    }
}

/// What in `p` lies outside its field's documented range (a slider's bounds, a menu's keys, the
/// seed's range) or is not a hideable name: empty for anything [`UrlParams::from_query`] returns.
/// Fields without a control (the panel edits them itself) are checked by their own tests.
pub fn out_of_range<P: Params>(p: &P) -> Vec<String> {
    let mut bad = Vec::new();
    for f in P::FIELDS {
        let Some(Control { widget, .. }) = f.control() else { continue };
        let ok = match (&widget, f.value(p)) {
            (Widget::Slider { min, max, .. }, Value::Num(x)) => {
                let slack = 1e-9 * (max - min).abs().max(1.0);
                x.is_finite() && x >= min - slack && x <= max + slack
            }
            (Widget::Seed, Value::Num(x)) => x.is_finite() && (0.0..=SEED_MAX as f64).contains(&x),
            (Widget::Select(keys), Value::Key(k)) => keys.iter().any(|(key, _)| *key == k),
            (Widget::Toggle, Value::Flag(_)) => true,
            _ => false,
        };
        if !ok {
            bad.push(format!("{} = {:?} is outside {:?}", f.key(), f.value(p), widget));
        }
    }
    let names = hideable::<P>();
    bad.extend(p.hide().iter().filter(|h| !names.contains(&h.as_str())).map(|h| format!("hide names {h}")));
    bad
}

/// A control's value as a number (a flag is 0 or 1, a key is parsed).
pub(crate) fn num(v: &Value) -> f64 {
    match v {
        Value::Num(x) => *x,
        Value::Flag(b) => f64::from(u8::from(*b)),
        Value::Key(k) => k.parse().unwrap_or(f64::NAN),
    }
}

/// A comma-separated subset of `allowed` (racers not drawn, say); unknown names are dropped with a
/// note. Read and written through [`Custom`].
pub fn read_names(key: &str, raw: &str, allowed: &[&str], notes: &mut Vec<String>) -> Vec<String> {
    read_list(&Query::default().with(key, raw), key, allowed, notes)
}
