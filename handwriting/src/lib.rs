//! Handwriting to train and measure the recognizer on, kept out of the app: readers for MNIST and UNIPEN,
//! pen strokes and whole generated scenes, the robustness suite and the evaluation of a model on MNIST.

pub mod datasets;
pub mod evaluation;
pub mod hostile;
pub mod mnist;
pub mod robustness;
pub mod sketch;
pub mod synthetic;
pub mod temp_dir;
