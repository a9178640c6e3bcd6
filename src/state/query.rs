//! URL query ⇄ typed parameters. Every read clamps or falls back instead of failing, and records a
//! note the panel shows ("lr=banana is not a number; using 0.1").
//!
//! Parameter structs (e.g. `panels::backprop::BackpropParams`) implement [`UrlParams`] with these
//! helpers; this module knows nothing about any particular panel.

use std::collections::BTreeMap;

/// A parsed query string: last value wins for repeated keys.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Query(BTreeMap<String, String>);

impl Query {
    /// Parses `a=1&b=x` (with or without a leading `?`), percent-decoding keys and values.
    pub fn parse(s: &str) -> Self {
        let s = s.strip_prefix('?').unwrap_or(s);
        Self(form_urlencoded::parse(s.as_bytes()).into_owned().collect())
    }

    /// The raw value of `key`.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.0.get(key).map(String::as_str)
    }

    /// All `(key, value)` pairs, keys sorted.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    /// Sets `key` (builder style).
    pub fn with(mut self, key: &str, value: impl ToString) -> Self {
        self.0.insert(key.to_string(), value.to_string());
        self
    }

    /// Sets `key` to the comma-joined `items`, or leaves it out when there are none (`hide=a,b`).
    pub fn with_list(self, key: &str, items: &[String]) -> Self {
        if items.is_empty() {
            self
        } else {
            self.with(key, items.join(","))
        }
    }

    /// The same query less `keys`.
    pub fn without(mut self, keys: &[&str]) -> Self {
        self.0.retain(|k, _| !keys.contains(&k.as_str()));
        self
    }

    /// Serialises back to `a=1&b=x`, keys sorted.
    pub fn to_query_string(&self) -> String {
        form_urlencoded::Serializer::new(String::new()).extend_pairs(self.0.iter()).finish()
    }
}

/// A panel's typed, defaulted, validated state that round-trips through the URL.
pub trait UrlParams: Sized + Clone + PartialEq {
    /// Reads every parameter, clamping or defaulting bad values and noting each one.
    fn from_query(q: &Query, notes: &mut Vec<String>) -> Self;
    /// Writes every parameter (the seed included) so that reloading reproduces the run.
    fn to_query(&self) -> Query;
}

/// Reads a float in `[min, max]`; NaN, junk and out-of-range values are replaced and noted.
pub fn read_f64(q: &Query, key: &str, default: f64, min: f64, max: f64, notes: &mut Vec<String>) -> f64 {
    let Some(raw) = q.get(key) else { return default };
    match raw.trim().parse::<f64>() {
        Ok(v) if v.is_finite() && (min..=max).contains(&v) => v,
        Ok(v) if !v.is_nan() => {
            let c = v.clamp(min, max);
            notes.push(format!("{key}={raw} is outside {min}–{max}; using {c}."));
            c
        }
        _ => {
            notes.push(format!("{key}={raw} is not a number; using {default}."));
            default
        }
    }
}

/// Reads an integer in `[min, max]`; a fractional value is rounded, others as [`read_f64`].
pub fn read_u64(q: &Query, key: &str, default: u64, min: u64, max: u64, notes: &mut Vec<String>) -> u64 {
    let Some(raw) = q.get(key) else { return default };
    let t = raw.trim();
    if let Ok(v) = t.parse::<u64>() {
        if (min..=max).contains(&v) {
            return v;
        }
        let c = v.clamp(min, max);
        notes.push(format!("{key}={raw} is outside {min}–{max}; using {c}."));
        return c;
    }
    match t.parse::<f64>() {
        Ok(v) if !v.is_nan() => {
            let c = (v.round().max(0.0) as u64).clamp(min, max);
            notes.push(format!("{key}={raw} is not a whole number in {min}–{max}; using {c}."));
            c
        }
        _ => {
            notes.push(format!("{key}={raw} is not a number; using {default}."));
            default
        }
    }
}

/// Reads one of a fixed set of keys.
pub fn read_choice<T: Copy>(
    q: &Query,
    key: &str,
    default: T,
    parse: impl Fn(&str) -> Option<T>,
    allowed: &[&str],
    notes: &mut Vec<String>,
) -> T {
    let Some(raw) = q.get(key) else { return default };
    parse(raw.trim().to_ascii_lowercase().as_str()).unwrap_or_else(|| {
        notes.push(format!("{key}={raw} is not one of {}; using the default.", allowed.join(", ")));
        default
    })
}

/// Reads a comma-separated list of names (e.g. `hide=lr,depth`), keeping only known ones.
pub fn read_list(q: &Query, key: &str, allowed: &[&str], notes: &mut Vec<String>) -> Vec<String> {
    let Some(raw) = q.get(key) else { return Vec::new() };
    let mut out = Vec::new();
    for item in raw.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        if allowed.contains(&item) {
            out.push(item.to_string());
        } else {
            notes.push(format!("{key}: unknown name “{item}” ignored (known: {}).", allowed.join(", ")));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_values_are_clamped_or_defaulted_with_a_note() {
        let q = Query::parse("?lr=banana&depth=99&noise=-3&w=NaN&n=2.6&hide=lr,bogus");
        let mut notes = Vec::new();
        assert_eq!(read_f64(&q, "lr", 0.1, 1e-4, 10.0, &mut notes), 0.1);
        assert_eq!(read_u64(&q, "depth", 2, 1, 6, &mut notes), 6);
        assert_eq!(read_f64(&q, "noise", 0.1, 0.0, 0.5, &mut notes), 0.0);
        assert_eq!(read_f64(&q, "w", 1.0, 0.0, 2.0, &mut notes), 1.0);
        assert_eq!(read_u64(&q, "n", 1, 1, 10, &mut notes), 3);
        assert_eq!(read_list(&q, "hide", &["lr", "depth"], &mut notes), vec!["lr"]);
        assert_eq!(notes.len(), 6, "{notes:?}");
        assert!(notes[0].contains("lr") && notes[1].contains("depth"));
        // Absent keys are silent.
        assert_eq!(read_f64(&q, "absent", 0.5, 0.0, 1.0, &mut notes), 0.5);
        assert_eq!(notes.len(), 6);
    }

    #[test]
    fn query_round_trips_and_decodes() {
        let q = Query::parse("a=1&b=x%20y").with("c", 3);
        assert_eq!(q.get("b"), Some("x y"));
        assert_eq!(Query::parse(&q.to_query_string()), q);
        assert_eq!(Query::parse("a=1&b=2&c=3").without(&["a", "c", "z"]), Query::parse("b=2"));
        let huge = "9".repeat(400);
        let mut notes = Vec::new();
        assert_eq!(read_u64(&Query::parse(&format!("s={huge}")), "s", 1, 1, 10, &mut notes), 10);
    }
}
