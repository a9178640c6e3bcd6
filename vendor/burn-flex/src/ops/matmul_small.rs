//! trainlab patch (see vendor/README.md): 2-D f32 matmuls with a dimension of at most
//! [`SMALL`], done with plain loops instead of gemm.
//!
//! A tiny model's matmuls are often degenerate: a 2-D input (k = 2), a 2-class output (n = 2),
//! and in the backward pass the transposes of those (a weight gradient Xᵀ·dZ has m = 2). gemm
//! packs both operands into panels and runs micro-kernels built for wide tiles, so on these shapes
//! most of its time is set-up and edge handling. Two loop orders cover them without packing:
//!
//! - **row updates** (n above [`SMALL`]): `C[i,:] += A[i,p] · B[p,:]`, vectorised along n;
//! - **dot products** (n at most [`SMALL`]): `C[i,j] = A[i,:] · B[:,j]`, along k, with eight
//!   partial sums; `C[:,j]` from updates along A's columns instead when those are the contiguous
//!   ones (a transposed operand, as in Hᵀ·dZ).
//!
//! Sums run in a fixed order, so results are deterministic; they differ from gemm's in rounding
//! only.

use alloc::vec;
use alloc::vec::Vec;
use burn_backend::DType;
use burn_std::{Bytes, Shape};

use crate::FlexTensor;
use crate::layout::Layout;

/// A dimension at most this size makes a matmul small.
pub(crate) const SMALL: usize = 4;

/// A 2-D operand: element (r, c) is `data[off + r·rs + c·cs]`.
struct View<'a> {
    data: &'a [f32],
    off: usize,
    rs: usize,
    cs: usize,
}

impl View<'_> {
    #[inline(always)]
    fn at(&self, r: usize, c: usize) -> f32 {
        self.data[self.off + r * self.rs + c * self.cs]
    }

    /// Row r, when rows are contiguous (cs = 1).
    fn row(&self, r: usize, len: usize) -> &[f32] {
        &self.data[self.off + r * self.rs..][..len]
    }

    /// Column c, when columns are contiguous (rs = 1).
    fn col(&self, c: usize, len: usize) -> &[f32] {
        &self.data[self.off + c * self.cs..][..len]
    }
}

fn view<'a>(t: &'a FlexTensor) -> Option<View<'a>> {
    let layout: &Layout = t.layout();
    let s = layout.strides();
    let (rs, cs) = (usize::try_from(s[0]).ok()?, usize::try_from(s[1]).ok()?);
    Some(View { data: t.storage(), off: layout.start_offset(), rs, cs })
}

/// `lhs · rhs` when both are 2-D f32, one of m, k, n is at most [`SMALL`] and no stride is
/// negative; `None` otherwise (the caller uses gemm).
#[inline(never)]
pub(crate) fn matmul_small_f32(lhs: &FlexTensor, rhs: &FlexTensor) -> Option<FlexTensor> {
    let (ls, rs) = (lhs.layout().shape(), rhs.layout().shape());
    if lhs.dtype() != DType::F32 || ls.num_dims() != 2 || rs.num_dims() != 2 {
        return None;
    }
    let (m, k, n) = (ls[0], ls[1], rs[1]);
    if m.min(k).min(n) > SMALL {
        return None;
    }
    let (a, b) = (view(lhs)?, view(rhs)?);
    let mut c = vec![0.0f32; m * n];
    if m > 0 && n > 0 && k > 0 {
        if n > SMALL {
            row_updates(&a, &b, &mut c, k, n);
        } else if a.rs == 1 && a.cs != 1 {
            column_updates(&a, &b, &mut c, m, k, n);
        } else {
            dots(&a, &b, &mut c, m, k, n);
        }
    }
    let shape = Shape::from(vec![m, n]);
    Some(FlexTensor::new(Bytes::from_elems(c), Layout::contiguous(shape), DType::F32))
}

/// `C[i,:] += A[i,p] · B[p,:]`; B's rows copied contiguous first when they are not.
fn row_updates(a: &View, b: &View, c: &mut [f32], k: usize, n: usize) {
    let copied: Vec<f32>;
    let b_rows: &[f32] = if b.cs == 1 && b.rs == n {
        &b.data[b.off..][..k * n]
    } else {
        copied = (0..k).flat_map(|p| (0..n).map(move |j| b.at(p, j))).collect();
        &copied
    };
    for (i, c_row) in c.chunks_exact_mut(n).enumerate() {
        for (p, b_row) in b_rows.chunks_exact(n).enumerate() {
            let x = a.at(i, p);
            for (y, &z) in c_row.iter_mut().zip(b_row) {
                *y += x * z;
            }
        }
    }
}

/// `C[:,j] += B[p,j] · A[:,p]`, for A with contiguous columns (a transposed operand).
fn column_updates(a: &View, b: &View, c: &mut [f32], m: usize, k: usize, n: usize) {
    let mut ct = vec![0.0f32; n * m];
    for p in 0..k {
        let a_col = a.col(p, m);
        for (j, ct_row) in ct.chunks_exact_mut(m).enumerate() {
            let x = b.at(p, j);
            for (y, &z) in ct_row.iter_mut().zip(a_col) {
                *y += x * z;
            }
        }
    }
    for (j, ct_row) in ct.chunks_exact(m).enumerate() {
        for (i, &v) in ct_row.iter().enumerate() {
            c[i * n + j] = v;
        }
    }
}

/// `C[i,j] = A[i,:] · B[:,j]`, with A's rows and B's columns copied contiguous when they are not.
fn dots(a: &View, b: &View, c: &mut [f32], m: usize, k: usize, n: usize) {
    let bt: Vec<f32> = (0..n).flat_map(|j| (0..k).map(move |p| b.at(p, j))).collect();
    let mut a_row = vec![0.0f32; if a.cs == 1 { 0 } else { k }];
    for i in 0..m {
        let row: &[f32] = if a.cs == 1 {
            a.row(i, k)
        } else {
            for (p, v) in a_row.iter_mut().enumerate() {
                *v = a.at(i, p);
            }
            &a_row
        };
        for (j, col) in bt.chunks_exact(k).enumerate() {
            c[i * n + j] = dot(row, col);
        }
    }
}

/// Dot product with eight partial sums (so that it vectorises), then the tail.
#[inline(always)]
fn dot(x: &[f32], y: &[f32]) -> f32 {
    let mut acc = [0.0f32; 8];
    let (xs, ys) = (x.chunks_exact(8), y.chunks_exact(8));
    let tail: f32 = xs.remainder().iter().zip(ys.remainder()).map(|(a, b)| a * b).sum();
    for (u, v) in xs.zip(ys) {
        for l in 0..8 {
            acc[l] += u[l] * v[l];
        }
    }
    ((acc[0] + acc[4]) + (acc[1] + acc[5])) + ((acc[2] + acc[6]) + (acc[3] + acc[7])) + tail
}
