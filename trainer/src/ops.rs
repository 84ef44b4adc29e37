//! Hand-written CPU kernels for the two channels-last operations candle is slow at: 3×3 im2col and
//! 2×2 max pooling. Both carry their own backward pass.

use candle_core::{CpuStorage, CustomOp1, CustomOp2, Layout, Result, Shape, Tensor};
use rayon::prelude::*;

fn contiguous<'a>(storage: &'a CpuStorage, layout: &Layout) -> Result<&'a [f32]> {
    let (start, end) = layout
        .contiguous_offsets()
        .ok_or_else(|| candle_core::Error::Msg("kernel input must be contiguous".into()))?;
    Ok(&storage.as_slice::<f32>()?[start..end])
}

fn nhwc(layout: &Layout) -> Result<(usize, usize, usize, usize)> {
    layout.shape().dims4()
}

/// `[N,H,W,C]` → `[N·H·W, 9·C]`: each row holds the zero-padded 3×3 neighbourhood, `(dy, dx, c)` order.
pub struct Im2Col3x3;

impl CustomOp1 for Im2Col3x3 {
    fn name(&self) -> &'static str {
        "im2col3x3"
    }

    fn cpu_fwd(&self, storage: &CpuStorage, layout: &Layout) -> Result<(CpuStorage, Shape)> {
        let (n, h, w, c) = nhwc(layout)?;
        let src = contiguous(storage, layout)?;
        let mut out = vec![0f32; n * h * w * 9 * c];
        out.par_chunks_mut(h * w * 9 * c).enumerate().for_each(|(b, image)| {
            let src = &src[b * h * w * c..(b + 1) * h * w * c];
            for y in 0..h {
                for x in 0..w {
                    let row = &mut image[(y * w + x) * 9 * c..(y * w + x + 1) * 9 * c];
                    for (k, chunk) in row.chunks_exact_mut(c).enumerate() {
                        let (sy, sx) = (y as isize + k as isize / 3 - 1, x as isize + k as isize % 3 - 1);
                        if sy >= 0 && sx >= 0 && (sy as usize) < h && (sx as usize) < w {
                            let at = (sy as usize * w + sx as usize) * c;
                            chunk.copy_from_slice(&src[at..at + c]);
                        }
                    }
                }
            }
        });
        Ok((CpuStorage::F32(out), Shape::from((n * h * w, 9 * c))))
    }

    fn bwd(&self, arg: &Tensor, _res: &Tensor, grad_res: &Tensor) -> Result<Option<Tensor>> {
        let (n, h, w, c) = arg.dims4()?;
        Ok(Some(grad_res.contiguous()?.apply_op1_no_bwd(&Col2Im3x3 { n, h, w, c })?))
    }
}

/// The adjoint of [`Im2Col3x3`]: sums each row's neighbourhood back into `[N,H,W,C]`.
struct Col2Im3x3 {
    n: usize,
    h: usize,
    w: usize,
    c: usize,
}

impl CustomOp1 for Col2Im3x3 {
    fn name(&self) -> &'static str {
        "col2im3x3"
    }

    fn cpu_fwd(&self, storage: &CpuStorage, layout: &Layout) -> Result<(CpuStorage, Shape)> {
        let Col2Im3x3 { n, h, w, c } = *self;
        let cols = contiguous(storage, layout)?;
        let mut out = vec![0f32; n * h * w * c];
        out.par_chunks_mut(h * w * c).enumerate().for_each(|(b, image)| {
            let cols = &cols[b * h * w * 9 * c..(b + 1) * h * w * 9 * c];
            for y in 0..h {
                for x in 0..w {
                    let row = &cols[(y * w + x) * 9 * c..(y * w + x + 1) * 9 * c];
                    for (k, chunk) in row.chunks_exact(c).enumerate() {
                        let (sy, sx) = (y as isize + k as isize / 3 - 1, x as isize + k as isize % 3 - 1);
                        if sy >= 0 && sx >= 0 && (sy as usize) < h && (sx as usize) < w {
                            let at = (sy as usize * w + sx as usize) * c;
                            image[at..at + c].iter_mut().zip(chunk).for_each(|(o, g)| *o += g);
                        }
                    }
                }
            }
        });
        Ok((CpuStorage::F32(out), Shape::from((n, h, w, c))))
    }
}

/// 2×2 max pooling with stride 2 on `[N,H,W,C]`; odd trailing rows and columns are dropped, as ONNX MaxPool does.
pub struct MaxPool2;

/// Index (into the input) of the winner of each output cell.
fn pool_winners(src: &[f32], n: usize, h: usize, w: usize, c: usize) -> Vec<usize> {
    let (oh, ow) = (h / 2, w / 2);
    let mut winners = vec![0usize; n * oh * ow * c];
    winners.par_chunks_mut(oh * ow * c).enumerate().for_each(|(b, out)| {
        let base = b * h * w * c;
        for y in 0..oh {
            for x in 0..ow {
                for ch in 0..c {
                    let mut best = base + ((2 * y) * w + 2 * x) * c + ch;
                    for (dy, dx) in [(0, 1), (1, 0), (1, 1)] {
                        let at = base + ((2 * y + dy) * w + 2 * x + dx) * c + ch;
                        if src[at] > src[best] {
                            best = at;
                        }
                    }
                    out[(y * ow + x) * c + ch] = best;
                }
            }
        }
    });
    winners
}

impl CustomOp1 for MaxPool2 {
    fn name(&self) -> &'static str {
        "maxpool2"
    }

    fn cpu_fwd(&self, storage: &CpuStorage, layout: &Layout) -> Result<(CpuStorage, Shape)> {
        let (n, h, w, c) = nhwc(layout)?;
        let src = contiguous(storage, layout)?;
        let out = pool_winners(src, n, h, w, c).into_iter().map(|i| src[i]).collect();
        Ok((CpuStorage::F32(out), Shape::from((n, h / 2, w / 2, c))))
    }

    fn bwd(&self, arg: &Tensor, _res: &Tensor, grad_res: &Tensor) -> Result<Option<Tensor>> {
        Ok(Some(arg.contiguous()?.apply_op2_no_bwd(&grad_res.contiguous()?, &MaxPool2Grad)?))
    }
}

/// Routes each output gradient to its pooling window's winner.
struct MaxPool2Grad;

impl CustomOp2 for MaxPool2Grad {
    fn name(&self) -> &'static str {
        "maxpool2-grad"
    }

    fn cpu_fwd(&self, s1: &CpuStorage, l1: &Layout, s2: &CpuStorage, l2: &Layout) -> Result<(CpuStorage, Shape)> {
        let (n, h, w, c) = nhwc(l1)?;
        let src = contiguous(s1, l1)?;
        let grad = contiguous(s2, l2)?;
        let mut out = vec![0f32; n * h * w * c];
        for (winner, g) in pool_winners(src, n, h, w, c).into_iter().zip(grad) {
            out[winner] += g;
        }
        Ok((CpuStorage::F32(out), l1.shape().clone()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use candle_core::{Device, Var};

    #[test]
    fn im2col_matches_candle_conv2d() -> Result<()> {
        let dev = Device::Cpu;
        let x = Tensor::randn(0f32, 1.0, (2, 5, 4, 3), &dev)?; // NHWC
        let k = Tensor::randn(0f32, 1.0, (7, 3, 3, 3), &dev)?; // OIHW
        let expected = x.permute((0, 3, 1, 2))?.contiguous()?.conv2d(&k, 1, 1, 1, 1)?; // NCHW
        // Weight rows in (dy, dx, c) order.
        let w = k.permute((2, 3, 1, 0))?.contiguous()?.reshape((27, 7))?;
        let ours = x.apply_op1(Im2Col3x3)?.matmul(&w)?.reshape((2, 5, 4, 7))?.permute((0, 3, 1, 2))?;
        let diff = (ours - expected)?.abs()?.max_all()?.to_scalar::<f32>()?;
        assert!(diff < 1e-4, "max difference {diff}");
        Ok(())
    }

    #[test]
    fn col2im_is_the_adjoint_of_im2col() -> Result<()> {
        // <im2col(x), g> == <x, col2im(g)> for any x, g; checked through the autograd gradient.
        let dev = Device::Cpu;
        let x = Var::randn(0f32, 1.0, (2, 4, 3, 2), &dev)?;
        let g = Tensor::randn(0f32, 1.0, (24, 18), &dev)?;
        let lhs = (x.apply_op1(Im2Col3x3)? * &g)?.sum_all()?;
        let grad = lhs.backward()?.get(&x).unwrap().clone();
        let rhs = (x.as_tensor() * grad)?.sum_all()?;
        let (lhs, rhs) = (lhs.to_scalar::<f32>()?, rhs.to_scalar::<f32>()?);
        assert!((lhs - rhs).abs() < 1e-3, "{lhs} vs {rhs}");
        Ok(())
    }

    #[test]
    fn max_pool_forward_and_backward() -> Result<()> {
        let dev = Device::Cpu;
        // One image 3×3×1: the odd last row and column are dropped.
        let x = Var::from_vec(vec![1f32, 5., 9., 2., 3., 9., 9., 9., 9.], (1, 3, 3, 1), &dev)?;
        let y = x.apply_op1(MaxPool2)?;
        assert_eq!(y.flatten_all()?.to_vec1::<f32>()?, vec![5.0]);
        let grad = y.sum_all()?.backward()?.get(&x).unwrap().flatten_all()?.to_vec1::<f32>()?;
        assert_eq!(grad, vec![0., 1., 0., 0., 0., 0., 0., 0., 0.]);
        Ok(())
    }
}
