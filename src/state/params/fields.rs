//! The field kinds a parameter table is made of: sliders over real and whole numbers ([`Real`],
//! [`Int`]), the seed, one option of a [`Choice`] ([`Pick`]) or of a few numbers ([`OneOf`]), a
//! checkbox ([`Flag`]), and a value with a format of its own ([`Custom`]).

use super::{num, Choice, Control, Field, Value, Widget};
use crate::state::query::{read_f64, read_u64, Query};

/// Declares a numeric field: its struct (key, label, range, slider step and scale, accessors) and
/// the `const` builder that panels state it with.
macro_rules! numeric_field {
    ($(#[$doc:meta])* $name:ident, $t:ty, $default_step:path, $read:path, $from_control:path, $whole:expr) => {
        $(#[$doc])*
        pub struct $name<P> {
            /// URL key.
            pub key: &'static str,
            /// Control label (`None`: edited elsewhere, not hideable).
            pub label: Option<&'static str>,
            /// Smallest value.
            pub min: $t,
            /// Largest value.
            pub max: $t,
            /// Slider step (ignored on a log slider).
            pub step: $t,
            /// Log-scale slider.
            pub log: bool,
            /// Reads the value.
            pub get: fn(&P) -> $t,
            /// Writes the value.
            pub set: fn(&mut P, $t),
        }

        impl<P> $name<P> {
            /// A slider labelled `label` over `[min, max]`.
            pub const fn new(
                key: &'static str,
                label: &'static str,
                (min, max): ($t, $t),
                get: fn(&P) -> $t,
                set: fn(&mut P, $t),
            ) -> Self {
                Self { key, label: Some(label), min, max, step: $default_step(min, max), log: false, get, set }
            }
            /// Slider steps of `step`.
            pub const fn step(mut self, step: $t) -> Self {
                self.step = step;
                self
            }
            /// A log-scale slider.
            pub const fn log(mut self) -> Self {
                self.log = true;
                self
            }
            /// No control: the panel edits the value some other way.
            pub const fn unlabelled(mut self) -> Self {
                self.label = None;
                self
            }
        }

        impl<P> Field<P> for $name<P> {
            fn key(&self) -> &'static str {
                self.key
            }
            fn read(&self, p: &mut P, q: &Query, notes: &mut Vec<String>) {
                (self.set)(p, $read(q, self.key, (self.get)(p), self.min, self.max, notes));
            }
            fn write(&self, p: &P, q: Query) -> Query {
                q.with(self.key, (self.get)(p))
            }
            fn control(&self) -> Option<Control> {
                let (min, max, step) = (self.min as f64, self.max as f64, self.step as f64);
                let widget = Widget::Slider { min, max, step, log: self.log, whole: $whole };
                self.label.map(|label| Control { label, widget })
            }
            fn value(&self, p: &P) -> Value {
                Value::Num((self.get)(p) as f64)
            }
            fn set(&self, p: &mut P, v: &Value) {
                let x = num(v);
                if x.is_finite() {
                    (self.set)(p, $from_control(x).clamp(self.min, self.max));
                }
            }
        }
    };
}

const fn hundredth(min: f64, max: f64) -> f64 {
    (max - min) / 100.0
}

const fn one(_: u64, _: u64) -> u64 {
    1
}

fn as_real(x: f64) -> f64 {
    x
}

fn as_whole(x: f64) -> u64 {
    x.round().max(0.0) as u64
}

numeric_field!(
    /// A real number in `[min, max]`, by default in steps of a hundredth of the range.
    Real,
    f64,
    hundredth,
    read_f64,
    as_real,
    false
);

numeric_field!(
    /// A whole number in `[min, max]`, by default in steps of 1.
    Int,
    u64,
    one,
    read_u64,
    as_whole,
    true
);

/// The seed: any `u32`, under the key `seed`.
pub struct Seed<P> {
    /// Reads the seed.
    pub get: fn(&P) -> u64,
    /// Writes the seed.
    pub set: fn(&mut P, u64),
}

/// Largest seed a URL may carry.
pub const SEED_MAX: u64 = u32::MAX as u64;

impl<P> Seed<P> {
    fn as_int(&self) -> Int<P> {
        Int {
            key: "seed",
            label: Some("Seed"),
            min: 0,
            max: SEED_MAX,
            step: 1,
            log: false,
            get: self.get,
            set: self.set,
        }
    }
}

impl<P> Field<P> for Seed<P> {
    fn key(&self) -> &'static str {
        "seed"
    }
    fn read(&self, p: &mut P, q: &Query, notes: &mut Vec<String>) {
        self.as_int().read(p, q, notes);
    }
    fn write(&self, p: &P, q: Query) -> Query {
        self.as_int().write(p, q)
    }
    fn control(&self) -> Option<Control> {
        Some(Control { label: "Seed", widget: Widget::Seed })
    }
    fn value(&self, p: &P) -> Value {
        self.as_int().value(p)
    }
    fn set(&self, p: &mut P, v: &Value) {
        Field::set(&self.as_int(), p, v);
    }
}

/// One of the options of a [`Choice`].
pub struct Pick<P, C: Choice> {
    /// URL key.
    pub key: &'static str,
    /// Menu label.
    pub label: &'static str,
    /// Reads the option.
    pub get: fn(&P) -> C,
    /// Writes the option (it may bring other values with it: a surface its start).
    pub set: fn(&mut P, C),
}

impl<P, C: Choice> Field<P> for Pick<P, C> {
    fn key(&self) -> &'static str {
        self.key
    }
    fn read(&self, p: &mut P, q: &Query, notes: &mut Vec<String>) {
        let raw = q.get(self.key).unwrap_or_default();
        match C::from_key(raw.trim().to_ascii_lowercase().as_str()) {
            Some(c) => (self.set)(p, c),
            None => {
                let keys: Vec<&str> = C::ALL.iter().map(|c| c.key()).collect();
                let d = (self.get)(p).key();
                notes.push(format!("{}={raw} is not one of {}; using {d}.", self.key, keys.join(", ")));
            }
        }
    }
    fn write(&self, p: &P, q: Query) -> Query {
        q.with(self.key, (self.get)(p).key())
    }
    fn control(&self) -> Option<Control> {
        let options = C::ALL.iter().map(|c| (c.key().to_string(), c.label().to_string())).collect();
        Some(Control { label: self.label, widget: Widget::Select(options) })
    }
    fn value(&self, p: &P) -> Value {
        Value::Key((self.get)(p).key().to_string())
    }
    fn set(&self, p: &mut P, v: &Value) {
        if let Value::Key(k) = v {
            if let Some(c) = C::from_key(k) {
                (self.set)(p, c);
            }
        }
    }
}

/// One of a few whole numbers (a menu of moduli, say); another number becomes the nearest offered.
pub struct OneOf<P> {
    /// URL key.
    pub key: &'static str,
    /// Menu label.
    pub label: &'static str,
    /// The numbers offered, ascending.
    pub allowed: &'static [u64],
    /// Reads the value.
    pub get: fn(&P) -> u64,
    /// Writes the value.
    pub set: fn(&mut P, u64),
}

impl<P> OneOf<P> {
    fn nearest(&self, v: u64) -> u64 {
        self.allowed.iter().copied().min_by_key(|a| a.abs_diff(v)).unwrap_or(v)
    }
}

impl<P> Field<P> for OneOf<P> {
    fn key(&self) -> &'static str {
        self.key
    }
    fn read(&self, p: &mut P, q: &Query, notes: &mut Vec<String>) {
        let max = self.allowed.last().copied().unwrap_or(u64::MAX);
        let v = read_u64(q, self.key, (self.get)(p), 0, max, notes);
        let n = self.nearest(v);
        if n != v {
            notes.push(format!("{}: {v} is not offered; using {n}.", self.key));
        }
        (self.set)(p, n);
    }
    fn write(&self, p: &P, q: Query) -> Query {
        q.with(self.key, (self.get)(p))
    }
    fn control(&self) -> Option<Control> {
        let options = self.allowed.iter().map(|a| (a.to_string(), a.to_string())).collect();
        Some(Control { label: self.label, widget: Widget::Select(options) })
    }
    fn value(&self, p: &P) -> Value {
        Value::Key((self.get)(p).to_string())
    }
    fn set(&self, p: &mut P, v: &Value) {
        let x = num(v);
        if x.is_finite() {
            (self.set)(p, self.nearest(x.max(0.0) as u64));
        }
    }
}

/// On or off, written `1` or `0`.
pub struct Flag<P> {
    /// URL key.
    pub key: &'static str,
    /// Checkbox label.
    pub label: &'static str,
    /// Reads the flag.
    pub get: fn(&P) -> bool,
    /// Writes the flag.
    pub set: fn(&mut P, bool),
}

impl<P> Field<P> for Flag<P> {
    fn key(&self) -> &'static str {
        self.key
    }
    /// `1` or `0`, and the words a person would write: `true`/`false`, `on`/`off`, `yes`/`no`.
    fn read(&self, p: &mut P, q: &Query, notes: &mut Vec<String>) {
        let word = q.get(self.key).map(|v| v.trim().to_ascii_lowercase());
        match word.as_deref() {
            Some("true" | "on" | "yes") => (self.set)(p, true),
            Some("false" | "off" | "no") => (self.set)(p, false),
            _ => {
                let d = u64::from((self.get)(p));
                (self.set)(p, read_u64(q, self.key, d, 0, 1, notes) == 1);
            }
        }
    }
    fn write(&self, p: &P, q: Query) -> Query {
        q.with(self.key, u8::from((self.get)(p)))
    }
    fn control(&self) -> Option<Control> {
        Some(Control { label: self.label, widget: Widget::Toggle })
    }
    fn value(&self, p: &P) -> Value {
        Value::Flag((self.get)(p))
    }
    fn set(&self, p: &mut P, v: &Value) {
        (self.set)(p, num(v) >= 0.5);
    }
}

/// A value with a format of its own (a list of logits, a set of names), edited by the panel.
pub struct Custom<P> {
    /// URL key.
    pub key: &'static str,
    /// Parses the raw value into `p`, noting what was replaced.
    pub read: fn(&mut P, &str, &mut Vec<String>),
    /// The raw value to write, or `None` to leave the key out.
    pub write: fn(&P) -> Option<String>,
}

impl<P> Field<P> for Custom<P> {
    fn key(&self) -> &'static str {
        self.key
    }
    fn read(&self, p: &mut P, q: &Query, notes: &mut Vec<String>) {
        (self.read)(p, q.get(self.key).unwrap_or_default(), notes);
    }
    fn write(&self, p: &P, q: Query) -> Query {
        match (self.write)(p) {
            Some(v) => q.with(self.key, v),
            None => q,
        }
    }
    fn control(&self) -> Option<Control> {
        None
    }
    fn value(&self, p: &P) -> Value {
        Value::Key((self.write)(p).unwrap_or_default())
    }
    fn set(&self, p: &mut P, v: &Value) {
        if let Value::Key(k) = v {
            (self.read)(p, k, &mut Vec::new());
        }
    }
}
