//! The digit CNN in candle.
//!
//! Activations are kept channels-last (NHWC) and each 3×3 convolution is an explicit im2col followed by one
//! large matrix product: candle's own CPU conv2d backward pass is several times slower on this workload.
//! Each stage is conv3x3 (padding 1) → batch norm → ReLU, with 2×2 max pooling where marked.

use candle_core::{DType, Result, Tensor, Var};
use candle_nn::{linear, Init, Linear, Module, VarBuilder, VarMap};

use crate::ops::{Im2Col3x3, MaxPool2};

/// MNIST pixel mean and standard deviation; the graph normalises its 0..1 input with them.
pub const PIXEL_MEAN: f64 = 0.1307;
pub const PIXEL_STD: f64 = 0.3081;
pub const BN_EPS: f64 = 1e-5;
pub const BN_MOMENTUM: f64 = 0.1;

/// One convolution stage: input channels, output channels, max-pool after it.
#[derive(Debug, Clone, Copy)]
pub struct StageSpec {
    pub in_channels: usize,
    pub out_channels: usize,
    pub pool: bool,
}

/// The architecture, shared by training and export so they cannot drift apart.
pub const STAGES: [StageSpec; 5] = [
    StageSpec { in_channels: 1, out_channels: 32, pool: false },
    StageSpec { in_channels: 32, out_channels: 32, pool: true },
    StageSpec { in_channels: 32, out_channels: 64, pool: false },
    StageSpec { in_channels: 64, out_channels: 64, pool: true },
    StageSpec { in_channels: 64, out_channels: 128, pool: true },
];
/// Spatial side after the stages (28 → 14 → 7 → 3; pooling floors odd sides).
pub const FINAL_SIDE: usize = 3;
pub const HIDDEN: usize = 128;
pub const DROPOUT: f32 = 0.3;

pub fn flat_features() -> usize {
    STAGES[STAGES.len() - 1].out_channels * FINAL_SIDE * FINAL_SIDE
}

pub struct Stage {
    pub spec: StageSpec,
    /// `[9 * in, out]`, row `(dy * 3 + dx) * in + c`.
    pub weight: Tensor,
    pub gamma: Tensor,
    pub beta: Tensor,
    pub running_mean: Var,
    pub running_var: Var,
}

impl Stage {
    fn new(spec: StageSpec, vb: VarBuilder) -> Result<Self> {
        let fan_in = 9 * spec.in_channels;
        let stdev = (2.0 / fan_in as f64).sqrt();
        let out = spec.out_channels;
        let running = |name: &str, value: f64| -> Result<Var> {
            Var::from_tensor(&vb.get_with_hints(out, name, Init::Const(value))?)
        };
        Ok(Self {
            spec,
            weight: vb.get_with_hints((fan_in, out), "weight", Init::Randn { mean: 0.0, stdev })?,
            gamma: vb.get_with_hints(out, "gamma", Init::Const(1.0))?,
            beta: vb.get_with_hints(out, "beta", Init::Const(0.0))?,
            running_mean: running("running_mean", 0.0)?,
            running_var: running("running_var", 1.0)?,
        })
    }

    /// `x`: `[N,H,W,C]` → `[N,H',W',out]`.
    fn forward(&self, x: &Tensor, train: bool) -> Result<Tensor> {
        let (n, h, w, _) = x.dims4()?;
        let conv = x.contiguous()?.apply_op1(Im2Col3x3)?.matmul(&self.weight)?;
        let normed = self.batch_norm(&conv, train)?.relu()?;
        let y = normed.reshape((n, h, w, self.spec.out_channels))?;
        if self.spec.pool {
            y.apply_op1(MaxPool2)
        } else {
            Ok(y)
        }
    }

    /// Batch norm over the rows of `[M, C]`.
    fn batch_norm(&self, x: &Tensor, train: bool) -> Result<Tensor> {
        let (mean, var) = if train {
            // Column means as a matrix product: candle's reduction along rows is slow on CPU.
            let rows = x.dim(0)? as f64;
            let averager = Tensor::full(1.0 / rows as f32, (1, x.dim(0)?), x.device())?;
            let mean = averager.matmul(x)?;
            let var = averager.matmul(&x.broadcast_sub(&mean)?.sqr()?)?;
            let m = BN_MOMENTUM;
            let flat_mean = mean.flatten_all()?.detach();
            let unbiased = (var.flatten_all()?.detach() * (rows / (rows - 1.0)))?;
            self.running_mean.set(&((self.running_mean.as_tensor() * (1.0 - m))? + (flat_mean * m)?)?)?;
            self.running_var.set(&((self.running_var.as_tensor() * (1.0 - m))? + (unbiased * m)?)?)?;
            (mean, var)
        } else {
            (
                self.running_mean.as_detached_tensor().unsqueeze(0)?,
                self.running_var.as_detached_tensor().unsqueeze(0)?,
            )
        };
        let scale = (var + BN_EPS)?.sqrt()?.recip()?.broadcast_mul(&self.gamma.unsqueeze(0)?)?;
        x.broadcast_sub(&mean)?.broadcast_mul(&scale)?.broadcast_add(&self.beta.unsqueeze(0)?)
    }
}

pub struct DigitNet {
    pub stages: Vec<Stage>,
    /// Input features in `(h, w, c)` order.
    pub hidden: Linear,
    pub output: Linear,
}

impl DigitNet {
    pub fn new(vb: VarBuilder) -> Result<Self> {
        let stages = STAGES
            .iter()
            .enumerate()
            .map(|(i, &spec)| Stage::new(spec, vb.pp(format!("stage{i}"))))
            .collect::<Result<Vec<_>>>()?;
        Ok(Self {
            stages,
            hidden: linear(flat_features(), HIDDEN, vb.pp("hidden"))?,
            output: linear(HIDDEN, 10, vb.pp("output"))?,
        })
    }

    /// Inference: `images` `[N,1,28,28]`, 0..1, ink = 1 → logits `[N,10]`. With `batch_stats` the batch
    /// norms use (and update) the batch's statistics, as in training.
    pub fn forward(&self, images: &Tensor, batch_stats: bool) -> Result<Tensor> {
        self.output.forward(&self.hidden_features(images, batch_stats)?)
    }

    /// A training step's forward pass: batch statistics, and `dropout_mask` (`[N, HIDDEN]`, 0 or 1/(1-p))
    /// applied to the hidden layer. The caller draws the mask so training stays reproducible from its seed.
    pub fn forward_train(&self, images: &Tensor, dropout_mask: &Tensor) -> Result<Tensor> {
        self.output.forward(&(self.hidden_features(images, true)? * dropout_mask)?)
    }

    fn hidden_features(&self, images: &Tensor, batch_stats: bool) -> Result<Tensor> {
        self.hidden.forward(&self.stage_features(images, batch_stats)?)?.relu()
    }

    /// The convolution stages' output, flattened: `[N, flat_features()]`, what the dense layers read.
    pub fn stage_features(&self, images: &Tensor, batch_stats: bool) -> Result<Tensor> {
        let n = images.dim(0)?;
        let mut x = ((images.to_dtype(DType::F32)?.reshape((n, 28, 28, 1))? - PIXEL_MEAN)? / PIXEL_STD)?;
        for stage in &self.stages {
            x = stage.forward(&x, batch_stats)?;
        }
        x.flatten_from(1)
    }

    /// The model's own probabilities for stage features (no dropout, no gradient), in chunks so that a whole
    /// epoch's features fit: what distillation pulls towards.
    pub fn head_probabilities(&self, features: &Tensor) -> Result<Tensor> {
        const CHUNK: usize = 4096;
        let rows = features.dim(0)?;
        let mut parts = Vec::new();
        for start in (0..rows).step_by(CHUNK) {
            let chunk = features.narrow(0, start, CHUNK.min(rows - start))?;
            parts.push(candle_nn::ops::softmax(&self.head(&chunk, None)?, 1)?.detach());
        }
        Tensor::cat(&parts, 0)
    }

    /// The dense layers on [`Self::stage_features`]; `dropout_mask` as in [`Self::forward_train`].
    pub fn head(&self, features: &Tensor, dropout_mask: Option<&Tensor>) -> Result<Tensor> {
        let hidden = self.hidden.forward(features)?.relu()?;
        let hidden = match dropout_mask {
            Some(mask) => (hidden * mask)?,
            None => hidden,
        };
        self.output.forward(&hidden)
    }
}

/// The dense layers' variables (what [`DigitNet::head`] computes with), in a fixed order.
pub fn head_variables(varmap: &VarMap) -> Vec<Var> {
    let vars = varmap.data().lock().unwrap();
    let mut named: Vec<_> = vars.iter().filter(|(n, _)| n.starts_with("hidden") || n.starts_with("output")).collect();
    named.sort_by(|a, b| a.0.cmp(b.0));
    named.into_iter().map(|(_, v)| v.clone()).collect()
}

/// A dropout mask for `rows` hidden vectors: 0, or 1/(1 - p) to keep the expected sum, drawn from `rng`.
pub fn dropout_mask(rows: usize, rng: &mut impl rand::Rng, device: &candle_core::Device) -> Result<Tensor> {
    let keep: Vec<f32> = (0..rows * HIDDEN).map(|_| if rng.gen::<f32>() < DROPOUT { 0.0 } else { 1.0 / (1.0 - DROPOUT) }).collect();
    Tensor::from_vec(keep, (rows, HIDDEN), device)
}

/// Names of the variables that hold running statistics rather than trained parameters.
pub fn is_running_stat(name: &str) -> bool {
    name.ends_with("running_mean") || name.ends_with("running_var")
}

