//! Trains the Digit Recognizer CNN on MNIST with candle and exports it to ONNX.

pub mod adapt;
pub mod adapt_bench;
pub mod augment;
pub mod average;
pub mod blend;
pub mod checkpoint;
pub mod data;
pub mod examples;
pub mod general_digits;
pub mod head_tune;
pub mod holdout_scenes;
pub mod model;
pub mod neighboured;
pub mod nondigits;
pub mod onnx_export;
pub mod onnx_proto;
pub mod ops;
pub mod parity;
pub mod photographed;
pub mod preview;
pub mod shapes;
pub mod styles;
pub mod touching;
pub mod train;
pub mod validation;
pub mod wrong_cuts;
