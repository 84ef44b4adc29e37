//! The state after each epoch, so a long run that is stopped resumes where it was: the weights, their
//! moving average and the history so far. AdamW's moment estimates are not kept (candle does not expose
//! them), so a resumed run restarts them; its examples are the same as an uninterrupted run's.

use std::path::Path;

use anyhow::{Context, Result};
use candle_core::Device;
use candle_nn::VarMap;
use serde::{Deserialize, Serialize};

use crate::average::WeightAverage;
use crate::train::{EpochStats, TrainConfig};

const WEIGHTS: &str = "weights.safetensors";
const AVERAGE: &str = "average.safetensors";
const STATE: &str = "state.json";

#[derive(Serialize, Deserialize)]
struct State {
    /// The settings the checkpoint was made with, as JSON; a run with other settings starts afresh.
    config: serde_json::Value,
    history: Vec<EpochStats>,
}

/// Writes the state after an epoch; the previous checkpoint is replaced only once the new one is complete.
pub fn save(dir: &Path, config: &TrainConfig, varmap: &VarMap, average: &WeightAverage, history: &[EpochStats]) -> Result<()> {
    let partial = dir.with_extension("partial");
    std::fs::create_dir_all(&partial).with_context(|| format!("creating {}", partial.display()))?;
    varmap.save(partial.join(WEIGHTS))?;
    candle_core::safetensors::save(&average.tensors(), partial.join(AVERAGE))?;
    let state = State { config: serde_json::to_value(config)?, history: history.to_vec() };
    std::fs::write(partial.join(STATE), serde_json::to_string_pretty(&state)?)?;
    if dir.exists() {
        std::fs::remove_dir_all(dir)?;
    }
    std::fs::rename(&partial, dir)?;
    Ok(())
}

/// Loads the checkpoint in `dir` if it was made with `config`, returning the epochs it holds.
pub fn resume(dir: &Path, config: &TrainConfig, varmap: &VarMap, average: &mut WeightAverage) -> Result<Option<Vec<EpochStats>>> {
    let Ok(text) = std::fs::read_to_string(dir.join(STATE)) else { return Ok(None) };
    let state: State = serde_json::from_str(&text).with_context(|| format!("reading {}", dir.join(STATE).display()))?;
    if state.config != serde_json::to_value(config)? {
        eprintln!("{} was made with other settings: starting afresh", dir.display());
        return Ok(None);
    }
    let mut varmap = varmap.clone();
    varmap.load(dir.join(WEIGHTS))?;
    average.load(&candle_core::safetensors::load(dir.join(AVERAGE), &Device::Cpu)?)?;
    eprintln!("resuming after epoch {} from {}", state.history.len(), dir.display());
    Ok(Some(state.history))
}
