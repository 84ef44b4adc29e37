//! Writes the trained [`DigitNet`] as an ONNX graph (opset 13) and reads such a graph's weights back.
//!
//! Graph: image → Sub(mean) → Div(std) → 5 × [Conv → BatchNormalization → Relu (→ MaxPool)] → Flatten
//! → Gemm → Relu → Gemm → logits. Training runs channels-last; the graph is channels-first, so conv weights
//! and the first dense layer's columns are permuted here, in one place.

use std::path::Path;

use anyhow::{bail, Context, Result};
use candle_core::{Tensor, Var};
use candle_nn::VarMap;
use prost::Message;

use crate::model::{flat_features, DigitNet, BN_EPS, FINAL_SIDE, HIDDEN, PIXEL_MEAN, PIXEL_STD, STAGES};
use crate::onnx_proto::*;

pub const OPSET: i64 = 13;
const IR_VERSION: i64 = 8;

fn tensor(name: &str, dims: &[usize], values: &[f32]) -> TensorProto {
    assert_eq!(dims.iter().product::<usize>(), values.len(), "{name}");
    TensorProto {
        dims: dims.iter().map(|&d| d as i64).collect(),
        data_type: FLOAT,
        name: name.to_string(),
        raw_data: values.iter().flat_map(|v| v.to_le_bytes()).collect(),
        ..Default::default()
    }
}

fn node(op: &str, name: &str, inputs: &[&str], output: &str, attribute: Vec<AttributeProto>) -> NodeProto {
    NodeProto {
        input: inputs.iter().map(|s| s.to_string()).collect(),
        output: vec![output.to_string()],
        name: name.to_string(),
        op_type: op.to_string(),
        attribute,
    }
}

fn ints(name: &str, values: &[i64]) -> AttributeProto {
    AttributeProto { name: name.into(), ints: values.to_vec(), r#type: ATTRIBUTE_INTS, ..Default::default() }
}

fn int(name: &str, value: i64) -> AttributeProto {
    AttributeProto { name: name.into(), i: value, r#type: ATTRIBUTE_INT, ..Default::default() }
}

fn float(name: &str, value: f32) -> AttributeProto {
    AttributeProto { name: name.into(), f: value, r#type: ATTRIBUTE_FLOAT, ..Default::default() }
}

fn value_info(name: &str, dims: &[Dimension]) -> ValueInfoProto {
    ValueInfoProto {
        name: name.into(),
        r#type: Some(TypeProto {
            tensor_type: Some(TypeProtoTensor {
                elem_type: FLOAT,
                shape: Some(TensorShapeProto { dim: dims.to_vec() }),
            }),
        }),
    }
}

fn fixed(value: i64) -> Dimension {
    Dimension { dim_value: Some(value), dim_param: None }
}

fn batch() -> Dimension {
    Dimension { dim_value: None, dim_param: Some("N".into()) }
}

fn values(t: &Tensor) -> Result<Vec<f32>> {
    Ok(t.flatten_all()?.to_vec1::<f32>()?)
}

/// Index in our `(h, w, c)` flattening of the feature the graph's `(c, h, w)` flattening puts at `onnx_index`.
fn channels_last_index(onnx_index: usize) -> usize {
    let channels = STAGES[STAGES.len() - 1].out_channels;
    let cells = FINAL_SIDE * FINAL_SIDE;
    let (c, cell) = (onnx_index / cells, onnx_index % cells);
    cell * channels + c
}

/// Builds the ONNX model of `net` (inference mode: running batch-norm statistics, no dropout).
pub fn export(net: &DigitNet, doc: &str) -> Result<ModelProto> {
    let mut nodes = Vec::new();
    let mut inits = vec![
        tensor("pixel_mean", &[], &[PIXEL_MEAN as f32]),
        tensor("pixel_std", &[], &[PIXEL_STD as f32]),
    ];
    nodes.push(node("Sub", "centre", &["image", "pixel_mean"], "centred", vec![]));
    nodes.push(node("Div", "scale", &["centred", "pixel_std"], "x0", vec![]));
    let mut current = "x0".to_string();
    for (i, stage) in net.stages.iter().enumerate() {
        let (cin, cout) = (stage.spec.in_channels, stage.spec.out_channels);
        let ours = values(&stage.weight)?; // [9·cin, cout], row (dy·3+dx)·cin + c
        let mut oihw = vec![0f32; cout * cin * 9];
        for o in 0..cout {
            for c in 0..cin {
                for k in 0..9 {
                    oihw[(o * cin + c) * 9 + k] = ours[(k * cin + c) * cout + o];
                }
            }
        }
        let p = format!("stage{i}");
        inits.push(tensor(&format!("{p}.conv.weight"), &[cout, cin, 3, 3], &oihw));
        inits.push(tensor(&format!("{p}.bn.scale"), &[cout], &values(&stage.gamma)?));
        inits.push(tensor(&format!("{p}.bn.bias"), &[cout], &values(&stage.beta)?));
        inits.push(tensor(&format!("{p}.bn.mean"), &[cout], &values(stage.running_mean.as_tensor())?));
        inits.push(tensor(&format!("{p}.bn.var"), &[cout], &values(stage.running_var.as_tensor())?));
        let conv_out = format!("{p}.conv");
        nodes.push(node(
            "Conv",
            &conv_out,
            &[&current, &format!("{p}.conv.weight")],
            &conv_out,
            vec![ints("kernel_shape", &[3, 3]), ints("pads", &[1, 1, 1, 1]), ints("strides", &[1, 1])],
        ));
        let bn_out = format!("{p}.bn");
        let bn_inputs = ["scale", "bias", "mean", "var"].map(|s| format!("{p}.bn.{s}"));
        nodes.push(node(
            "BatchNormalization",
            &bn_out,
            &[&conv_out, &bn_inputs[0], &bn_inputs[1], &bn_inputs[2], &bn_inputs[3]],
            &bn_out,
            vec![float("epsilon", BN_EPS as f32)],
        ));
        current = format!("{p}.relu");
        nodes.push(node("Relu", &current, &[&bn_out], &current, vec![]));
        if stage.spec.pool {
            let pooled = format!("{p}.pool");
            nodes.push(node(
                "MaxPool",
                &pooled,
                &[&current],
                &pooled,
                vec![ints("kernel_shape", &[2, 2]), ints("strides", &[2, 2])],
            ));
            current = pooled;
        }
    }
    nodes.push(node("Flatten", "flatten", &[&current], "features", vec![int("axis", 1)]));

    let hidden_w = values(net.hidden.weight())?; // [HIDDEN, features] in (h, w, c) order
    let features = flat_features();
    let mut hidden_chw = vec![0f32; HIDDEN * features];
    for o in 0..HIDDEN {
        for j in 0..features {
            hidden_chw[o * features + j] = hidden_w[o * features + channels_last_index(j)];
        }
    }
    inits.push(tensor("hidden.weight", &[HIDDEN, features], &hidden_chw));
    inits.push(tensor("hidden.bias", &[HIDDEN], &values(net.hidden.bias().context("hidden bias")?)?));
    inits.push(tensor("output.weight", &[10, HIDDEN], &values(net.output.weight())?));
    inits.push(tensor("output.bias", &[10], &values(net.output.bias().context("output bias")?)?));
    let gemm = |name: &str, input: &str, output: &str| {
        node(
            "Gemm",
            name,
            &[input, &format!("{name}.weight"), &format!("{name}.bias")],
            output,
            vec![int("transB", 1)],
        )
    };
    nodes.push(gemm("hidden", "features", "hidden"));
    nodes.push(node("Relu", "hidden.relu", &["hidden"], "hidden.relu", vec![]));
    nodes.push(gemm("output", "hidden.relu", "logits"));

    Ok(ModelProto {
        ir_version: IR_VERSION,
        producer_name: "digit-recognizer-trainer".into(),
        producer_version: env!("CARGO_PKG_VERSION").into(),
        doc_string: doc.into(),
        opset_import: vec![OperatorSetIdProto { domain: String::new(), version: OPSET }],
        graph: Some(GraphProto {
            node: nodes,
            name: "digits-cnn".into(),
            initializer: inits,
            input: vec![value_info("image", &[batch(), fixed(1), fixed(28), fixed(28)])],
            output: vec![value_info("logits", &[batch(), fixed(10)])],
        }),
        metadata_props: vec![StringStringEntryProto {
            key: "output".into(),
            value: "logits (apply softmax for probabilities)".into(),
        }],
    })
}

pub fn write(model: &ModelProto, path: &Path) -> Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(path, model.encode_to_vec()).with_context(|| format!("writing {}", path.display()))
}

pub fn read(path: &Path) -> Result<ModelProto> {
    let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    Ok(ModelProto::decode(bytes.as_slice())?)
}

/// Loads an exported graph's weights into the variables of a freshly built [`DigitNet`], undoing the layout
/// changes of [`export`].
pub fn import(model: &ModelProto, varmap: &VarMap) -> Result<()> {
    let graph = model.graph.as_ref().context("model has no graph")?;
    let find = |name: &str| -> Result<Vec<f32>> {
        graph
            .initializer
            .iter()
            .find(|t| t.name == name)
            .map(TensorProto::floats)
            .with_context(|| format!("initializer {name} missing"))
    };
    let vars = varmap.data().lock().unwrap();
    let set = |name: &str, values: Vec<f32>| -> Result<()> {
        let var: &Var = vars.get(name).with_context(|| format!("no variable {name}"))?;
        if var.elem_count() != values.len() {
            bail!("{name}: {} values for {} elements", values.len(), var.elem_count());
        }
        var.set(&Tensor::from_vec(values, var.shape(), var.device())?)?;
        Ok(())
    };
    for (i, spec) in STAGES.iter().enumerate() {
        let (cin, cout) = (spec.in_channels, spec.out_channels);
        let oihw = find(&format!("stage{i}.conv.weight"))?;
        let mut ours = vec![0f32; 9 * cin * cout];
        for o in 0..cout {
            for c in 0..cin {
                for k in 0..9 {
                    ours[(k * cin + c) * cout + o] = oihw[(o * cin + c) * 9 + k];
                }
            }
        }
        set(&format!("stage{i}.weight"), ours)?;
        for (ours, theirs) in [("gamma", "scale"), ("beta", "bias"), ("running_mean", "mean"), ("running_var", "var")] {
            set(&format!("stage{i}.{ours}"), find(&format!("stage{i}.bn.{theirs}"))?)?;
        }
    }
    let features = flat_features();
    let chw = find("hidden.weight")?;
    let mut hwc = vec![0f32; HIDDEN * features];
    for o in 0..HIDDEN {
        for j in 0..features {
            hwc[o * features + channels_last_index(j)] = chw[o * features + j];
        }
    }
    set("hidden.weight", hwc)?;
    for name in ["hidden.bias", "output.weight", "output.bias"] {
        set(name, find(name)?)?;
    }
    Ok(())
}
