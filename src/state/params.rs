//! Parameters stated once. A panel's parameter struct lists its [`Field`]s (key, range, label,
//! how to get and set the value); from that one table follow the URL parsing (with clamping and a
//! note for every replaced value), the serialising, the names an embed may hide, and, in the
//! browser, each control and its bounds (see `kit::run`). Option lists come from [`Choice`].
//!
//! A field's default is the struct's [`Default`]; a field read later may depend on one read earlier
//! (a new loss surface brings its own start), since each is read into the struct built so far.
//! [`Params::settle`] enforces rules between fields (warm-up shorter than the run).

use super::query::{read_f64, read_list, read_u64, Query, UrlParams};
pub use crate::engine::choice::Choice;

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

/// A panel's parameters: a fixed table of fields, plus the parts an embed may hide.
pub trait Params: Default + Clone + PartialEq + Send + Sync + 'static {
    /// Every field, in URL and reading order.
    const FIELDS: &'static [&'static dyn Field<Self>];
    /// Parts other than controls that `hide=` may name (a figure, a sub-panel, a button row).
    const PARTS: &'static [&'static str] = &[];
    /// The hidden parts and controls.
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

fn num(v: &Value) -> f64 {
    match v {
        Value::Num(x) => *x,
        Value::Flag(b) => f64::from(u8::from(*b)),
        Value::Key(k) => k.parse().unwrap_or(f64::NAN),
    }
}

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
    fn read(&self, p: &mut P, q: &Query, notes: &mut Vec<String>) {
        let d = u64::from((self.get)(p));
        (self.set)(p, read_u64(q, self.key, d, 0, 1, notes) == 1);
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

/// A comma-separated subset of `allowed` (racers not drawn, say); unknown names are dropped with a
/// note. Read and written through [`Custom`].
pub fn read_names(key: &str, raw: &str, allowed: &[&str], notes: &mut Vec<String>) -> Vec<String> {
    read_list(&Query::default().with(key, raw), key, allowed, notes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Clone, Copy, Debug, PartialEq)]
    enum Shape {
        Round,
        Square,
    }

    impl Choice for Shape {
        const ALL: &'static [Self] = &[Shape::Round, Shape::Square];
        fn key(self) -> &'static str {
            match self {
                Shape::Round => "round",
                Shape::Square => "square",
            }
        }
    }

    #[derive(Clone, Debug, PartialEq)]
    struct Toy {
        lr: f64,
        width: u64,
        total: u64,
        shape: Shape,
        seed: u64,
        hide: Vec<String>,
    }

    impl Default for Toy {
        fn default() -> Self {
            Self { lr: 0.1, width: 8, total: 100, shape: Shape::Round, seed: 3, hide: vec![] }
        }
    }

    const LR: Real<Toy> = Real::<Toy>::new("lr", "LR", (1e-3, 1.0), |p| p.lr, |p, v| p.lr = v).log().step(0.0);
    const WIDTH: Int<Toy> = Int::<Toy>::new("width", "Width", (1, 64), |p| p.width, |p, v| p.width = v);
    const TOTAL: Int<Toy> = Int::<Toy>::new("total", "", (1, 1000), |p| p.total, |p, v| p.total = v).unlabelled();

    impl Params for Toy {
        const FIELDS: &'static [&'static dyn Field<Self>] = &[
            &LR,
            &WIDTH,
            &TOTAL,
            &Pick { key: "shape", label: "Shape", get: |p: &Toy| p.shape, set: |p: &mut Toy, v| p.shape = v },
            &Seed { get: |p: &Toy| p.seed, set: |p: &mut Toy, v| p.seed = v },
        ];
        const PARTS: &'static [&'static str] = &["chart"];
        fn hide(&self) -> &[String] {
            &self.hide
        }
        fn hide_mut(&mut self) -> &mut Vec<String> {
            &mut self.hide
        }
        fn settle(&mut self, notes: &mut Vec<String>) {
            if self.width > self.total {
                notes.push(format!("width={} is more than total; using {}.", self.width, self.total));
                self.width = self.total;
            }
        }
    }

    #[test]
    fn one_table_reads_writes_clamps_and_names_the_hideable_parts() {
        let p = Toy {
            lr: 0.5,
            shape: Shape::Square,
            seed: u64::from(u32::MAX),
            hide: vec!["chart".into()],
            ..Toy::default()
        };
        let q = p.to_query();
        assert_eq!(q.get("shape"), Some("square"));
        assert_eq!(q.get("hide"), Some("chart"));
        let mut notes = Vec::new();
        assert_eq!(Toy::from_query(&Query::parse(&q.to_query_string()), &mut notes), p);
        assert!(notes.is_empty(), "{notes:?}");
        let bad = Query::parse("lr=9&width=banana&shape=hexagon&seed=-2&total=4&hide=chart,lr,total,bogus");
        let t = Toy::from_query(&bad, &mut notes);
        assert_eq!((t.lr, t.shape, t.total), (1.0, Shape::Round, 4));
        assert_eq!(t.width, 4, "settled below total");
        assert_eq!(t.hide, vec!["chart".to_string(), "lr".to_string()], "total has no control, so it is not hideable");
        for key in ["lr", "width", "shape", "seed", "hide"] {
            assert!(notes.iter().any(|n| n.starts_with(key)), "no note for {key}: {notes:?}");
        }
        assert_eq!(hideable::<Toy>(), vec!["lr", "width", "shape", "seed", "chart"]);
    }

    #[test]
    fn controls_set_values_within_the_fields_range() {
        let mut t = Toy::default();
        Field::set(&LR, &mut t, &Value::Num(50.0));
        Field::set(&WIDTH, &mut t, &Value::Num(6.6));
        Field::set(&WIDTH, &mut t, &Value::Num(f64::NAN));
        assert_eq!((t.lr, t.width), (1.0, 7));
        assert_eq!(
            LR.control().map(|c| c.widget),
            Some(Widget::Slider { min: 1e-3, max: 1.0, step: 0.0, log: true, whole: false })
        );
        assert!(TOTAL.control().is_none());
    }
}
