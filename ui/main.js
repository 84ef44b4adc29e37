// Starts the wasm UI (ui.js is wasm-bindgen's glue, written by scripts/build-ui.sh).
import init from './ui.js';

await init({ module_or_path: './ui_bg.wasm' });
