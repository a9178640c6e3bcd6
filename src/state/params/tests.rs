//! The parameter table on a toy struct: reading, writing, clamping, settling, hideable names.

use super::*;
use crate::state::query::Query;

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
    crate::hide_field!();
    fn settle(&mut self, notes: &mut Vec<String>) {
        if self.width > self.total {
            notes.push(format!("width={} is more than total; using {}.", self.width, self.total));
            self.width = self.total;
        }
    }
}

#[test]
fn one_table_reads_writes_clamps_and_names_the_hideable_parts() {
    let p =
        Toy { lr: 0.5, shape: Shape::Square, seed: u64::from(u32::MAX), hide: vec!["chart".into()], ..Toy::default() };
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

#[test]
fn flags_read_digits_and_words_and_note_anything_else() {
    #[derive(Clone, Debug, Default, PartialEq)]
    struct F {
        on: bool,
        hide: Vec<String>,
    }
    const ON: Flag<F> = Flag { key: "on", label: "On", get: |p| p.on, set: |p, v| p.on = v };
    impl Params for F {
        const FIELDS: &'static [&'static dyn Field<Self>] = &[&ON];
        const PARTS: &'static [&'static str] = &[];
        crate::hide_field!();
    }
    let read = |q: &str| {
        let mut notes = Vec::new();
        (F::from_query(&Query::parse(q), &mut notes).on, notes.len())
    };
    for (q, want) in [("on=1", true), ("on=TRUE", true), ("on=yes", true), ("on=0", false), ("on=off", false)] {
        assert_eq!(read(q), (want, 0), "{q}");
    }
    assert_eq!(read("on=maybe"), (false, 1), "the default, with a note");
    assert_eq!(read("on=7"), (true, 1), "clamped to 1, with a note");
}

#[test]
fn out_of_range_names_what_parsing_should_have_clamped() {
    let t = Toy::from_query(&Query::parse("lr=9&seed=-2&hide=chart,bogus"), &mut Vec::new());
    assert!(out_of_range(&t).is_empty(), "{:?}", out_of_range(&t));
    let bad = Toy { lr: 9.0, width: 0, seed: SEED_MAX + 1, hide: vec!["bogus".into()], ..Toy::default() };
    let found = out_of_range(&bad);
    for key in ["lr", "width", "seed", "bogus"] {
        assert!(found.iter().any(|f| f.contains(key)), "{key} not found: {found:?}");
    }
    assert!(out_of_range(&Toy { lr: f64::NAN, ..Toy::default() })[0].starts_with("lr"));
}
