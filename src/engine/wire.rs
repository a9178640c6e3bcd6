//! How engine messages cross a thread: a [`Packet`] is a JSON header plus lists of float arrays,
//! which the browser posts as `Float32Array`/`Float64Array` with their buffers transferred, so large
//! data (a decision boundary, a run's metric points) is never written out as JSON text.
//!
//! A message is a plain serde type. A field holding bulk data says so with
//! `#[serde(with = "crate::engine::wire::f32s")]` (or `f64s`, or `f32_lists`): inside
//! [`encode`] the array goes to the packet's side list and the header keeps its index; outside one
//! (any other serde use) it is written inline as a sequence, and [`decode`] accepts either form.
//! Pure Rust: the round trip is tested natively; only the JS conversion is browser code.

use serde::de::DeserializeOwned;
use serde::Serialize;
use std::cell::RefCell;

/// A message ready to post: the header and its bulk arrays.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Packet {
    /// The message as JSON, bulk fields replaced by their index in `f32` or `f64`.
    pub head: String,
    /// Single-precision arrays (view data).
    pub f32: Vec<Vec<f32>>,
    /// Double-precision arrays (metric points).
    pub f64: Vec<Vec<f64>>,
}

thread_local! {
    /// The packet being written or read, while [`encode`] or [`decode`] runs on this thread.
    static BULK: RefCell<Option<Packet>> = const { RefCell::new(None) };
}

/// Serialises `msg` into a packet.
pub fn encode<T: Serialize>(msg: &T) -> Result<Packet, String> {
    let outer = BULK.with(|b| b.borrow_mut().replace(Packet::default()));
    let head = serde_json::to_string(msg).map_err(|e| e.to_string());
    let mut packet = BULK.with(|b| std::mem::replace(&mut *b.borrow_mut(), outer)).unwrap_or_default();
    packet.head = head?;
    Ok(packet)
}

/// Reads a message back from a packet (its arrays are moved out as they are read).
pub fn decode<T: DeserializeOwned>(packet: Packet) -> Result<T, String> {
    let head = packet.head.clone();
    let outer = BULK.with(|b| b.borrow_mut().replace(packet));
    let msg = serde_json::from_str(&head).map_err(|e| format!("malformed message: {e}"));
    BULK.with(|b| *b.borrow_mut() = outer);
    msg
}

/// Moves `v` into the packet being encoded and returns its index, or gives `v` back outside one.
fn stash<T>(v: &[T], pick: fn(&mut Packet) -> &mut Vec<Vec<T>>) -> Option<usize>
where
    T: Clone,
{
    BULK.with(|b| {
        b.borrow_mut().as_mut().map(|p| {
            let list = pick(p);
            list.push(v.to_vec());
            list.len() - 1
        })
    })
}

/// Takes array `i` out of the packet being decoded.
fn unstash<T>(i: usize, pick: fn(&mut Packet) -> &mut Vec<Vec<T>>) -> Option<Vec<T>> {
    BULK.with(|b| b.borrow_mut().as_mut().and_then(|p| pick(p).get_mut(i).map(std::mem::take)))
}

/// An index into the packet or an inline array, as a header holds a bulk field.
#[derive(serde::Deserialize)]
#[serde(untagged)]
enum Slot<T> {
    Index(usize),
    Inline(Vec<T>),
}

macro_rules! bulk_module {
    ($name:ident, $t:ty, $field:ident) => {
        #[doc = concat!("`#[serde(with = …)]` for a `Vec<", stringify!($t), ">` carried as a bulk array.")]
        pub mod $name {
            use super::*;

            /// Writes the index of the stashed array (or the array inline outside [`encode`]).
            pub fn serialize<S: serde::Serializer>(v: &[$t], s: S) -> Result<S::Ok, S::Error> {
                match stash(v, |p| &mut p.$field) {
                    Some(i) => s.serialize_u64(i as u64),
                    None => v.serialize(s),
                }
            }

            /// Reads an index (taking that array) or an inline array.
            pub fn deserialize<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<$t>, D::Error> {
                match <Slot<$t> as serde::Deserialize>::deserialize(d)? {
                    Slot::Inline(v) => Ok(v),
                    Slot::Index(i) => unstash(i, |p| &mut p.$field)
                        .ok_or_else(|| serde::de::Error::custom(format!("no bulk array {i}"))),
                }
            }
        }
    };
}

bulk_module!(f32s, f32, f32);
bulk_module!(f64s, f64, f64);

macro_rules! lists_module {
    ($name:ident, $t:ty, $field:ident) => {
        #[doc = concat!("`#[serde(with = …)]` for a `Vec<Vec<", stringify!($t), ">>` carried as bulk arrays.")]
        pub mod $name {
            use super::*;
            use serde::ser::SerializeSeq;

            /// Writes one index (or inline array) per list.
            pub fn serialize<S: serde::Serializer>(v: &[Vec<$t>], s: S) -> Result<S::Ok, S::Error> {
                let mut seq = s.serialize_seq(Some(v.len()))?;
                for list in v {
                    match stash(list, |p| &mut p.$field) {
                        Some(i) => seq.serialize_element(&i)?,
                        None => seq.serialize_element(list)?,
                    }
                }
                seq.end()
            }

            /// Reads the lists back.
            pub fn deserialize<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<Vec<$t>>, D::Error> {
                let slots = <Vec<Slot<$t>> as serde::Deserialize>::deserialize(d)?;
                let take = |s: Slot<$t>| match s {
                    Slot::Inline(v) => Ok(v),
                    Slot::Index(i) => unstash(i, |p| &mut p.$field)
                        .ok_or_else(|| serde::de::Error::custom(format!("no bulk array {i}"))),
                };
                slots.into_iter().map(take).collect()
            }
        }
    };
}

lists_module!(f32_lists, f32, f32);
lists_module!(f64_lists, f64, f64);

/// `#[serde(with = …)]` for an `f64` that may be NaN or infinite: JSON has no such numbers, so it
/// is written as `null` (or as the string `"inf"` / `"-inf"`) and read back as itself.
pub mod nan_f64 {
    use serde::{Deserialize, Serialize};

    #[derive(Serialize, Deserialize)]
    #[serde(untagged)]
    enum Num {
        Finite(f64),
        Text(String),
        Nan(Option<()>),
    }

    /// Writes the number, or a stand-in for a non-finite one.
    pub fn serialize<S: serde::Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
        match *v {
            x if x.is_finite() => Num::Finite(x),
            x if x == f64::INFINITY => Num::Text("inf".into()),
            x if x == f64::NEG_INFINITY => Num::Text("-inf".into()),
            _ => Num::Nan(None),
        }
        .serialize(s)
    }

    /// Reads a number or a stand-in back.
    pub fn deserialize<'de, D: serde::Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
        Ok(match Num::deserialize(d)? {
            Num::Finite(x) => x,
            Num::Text(t) if t == "inf" => f64::INFINITY,
            Num::Text(t) if t == "-inf" => f64::NEG_INFINITY,
            _ => f64::NAN,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
    struct View {
        #[serde(with = "f32s")]
        a: Vec<f32>,
        #[serde(with = "f64s")]
        b: Vec<f64>,
        #[serde(with = "nan_f64")]
        c: f64,
        #[serde(with = "nan_f64")]
        d: f64,
        e: String,
    }

    #[test]
    fn bulk_fields_travel_as_arrays_and_non_finite_numbers_survive() {
        let v = View {
            a: vec![1.5, f32::NAN],
            b: vec![f64::INFINITY, 2.0],
            c: f64::NAN,
            d: f64::NEG_INFINITY,
            e: "x".into(),
        };
        let p = encode(&v).unwrap();
        assert_eq!((p.f32.len(), p.f64.len()), (1, 1), "{}", p.head);
        assert!(!p.head.contains("1.5"), "a bulk array was written as text: {}", p.head);
        let back: View = decode(p).unwrap();
        assert!(back.a[1].is_nan() && back.c.is_nan());
        assert_eq!(
            (back.a[0], back.b.clone(), back.d, back.e.as_str()),
            (1.5, vec![f64::INFINITY, 2.0], f64::NEG_INFINITY, "x")
        );
        // Outside a packet (plain serde_json), bulk fields are written inline and read back.
        let json =
            serde_json::to_string(&View { a: vec![1.0], b: vec![2.0], c: 3.0, d: 4.0, e: String::new() }).unwrap();
        assert_eq!(serde_json::from_str::<View>(&json).unwrap().b, vec![2.0]);
        assert!(decode::<View>(Packet { head: r#"{"a":5,"b":0,"c":1,"d":1,"e":""}"#.into(), ..Default::default() })
            .is_err());
    }
}
