//! The exponential moving average of the weights that is validated and exported.

use std::collections::HashMap;

use anyhow::{Context, Result};
use candle_core::{Tensor, Var};
use candle_nn::VarMap;

/// An exponential moving average of every variable (weights and batch-norm statistics). The averaged
/// weights generalise a little better than the last step's, at the cost of one copy of the model.
pub struct WeightAverage {
    decay: f64,
    /// Each variable's name, the variable, and its average.
    pairs: Vec<(String, Var, Tensor)>,
}

impl WeightAverage {
    pub fn new(varmap: &VarMap, decay: f64) -> Result<Self> {
        let vars = varmap.data().lock().unwrap();
        let mut named: Vec<_> = vars.iter().collect();
        named.sort_by(|a, b| a.0.cmp(b.0));
        let pairs = named.into_iter().map(|(n, v)| Ok((n.clone(), v.clone(), snapshot(v)?))).collect::<Result<_>>()?;
        Ok(Self { decay, pairs })
    }

    /// Folds the current weights in; early steps use a shorter memory so the average warms up quickly.
    pub fn update(&mut self, step: usize) -> Result<()> {
        let decay = self.decay.min((1.0 + step as f64) / (10.0 + step as f64));
        for (_, var, average) in &mut self.pairs {
            // Detached: otherwise each average would keep the previous one alive through autograd's graph.
            *average = (average.affine(decay, 0.0)? + var.as_tensor().detach().affine(1.0 - decay, 0.0)?)?;
        }
        Ok(())
    }

    /// Puts the averaged weights into the model and returns the ones it replaced.
    pub fn swap_in(&self) -> Result<Vec<Tensor>> {
        let mut replaced = Vec::with_capacity(self.pairs.len());
        for (_, var, average) in &self.pairs {
            replaced.push(snapshot(var)?);
            var.set(average)?;
        }
        Ok(replaced)
    }

    /// The averages by variable name, for a checkpoint.
    pub fn tensors(&self) -> HashMap<String, Tensor> {
        self.pairs.iter().map(|(name, _, average)| (name.clone(), average.clone())).collect()
    }

    /// Takes the averages back from a checkpoint's tensors.
    pub fn load(&mut self, tensors: &HashMap<String, Tensor>) -> Result<()> {
        for (name, _, average) in &mut self.pairs {
            *average = tensors.get(name).with_context(|| format!("checkpoint lacks the average of {name}"))?.clone();
        }
        Ok(())
    }

    pub fn restore(&self, replaced: Vec<Tensor>) -> Result<()> {
        for ((_, var, _), tensor) in self.pairs.iter().zip(replaced) {
            var.set(&tensor)?;
        }
        Ok(())
    }
}

/// A copy of a variable's current value, outside autograd's graph.
fn snapshot(var: &Var) -> Result<Tensor> {
    Ok(var.as_tensor().detach().copy()?)
}

