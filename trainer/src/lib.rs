//! Trains the Digit Recognizer CNN on MNIST with candle and exports it to ONNX.

pub mod augment;
pub mod data;
pub mod model;
pub mod onnx_export;
pub mod onnx_proto;
pub mod ops;
pub mod parity;
pub mod train;
