"""ONNX Runtime for JavaScript: ``InferenceSession.create(uri)`` opens an ONNX model file, a local
artifact. A root-relative URL path (``/model/x.onnx``) is a file the web app serves: a webpack
``CopyPlugin`` pattern of the same package (``{from: "model", to: "model"}``) says which package
folder it is served from; without one the file is named by its file name. A buffer fetched by the
app, a session of another library and a glob pattern name no file."""

from __future__ import annotations

from licaudit.discover import discover
from licaudit.model import LOCAL

from .discover_helpers import write_files

APP = """import { InferenceSession, Tensor } from "onnxruntime-web";
const ort = require("onnxruntime-web");
const MODEL_DIR = "/model/sam_quantized.onnx";
export async function init() {
  const URL: string = MODEL_DIR;
  const model = await InferenceSession.create(URL);
  const decoder = await ort.InferenceSession.create("./models/decoder.onnx");
  const bytes = await fetch("/weights/other.onnx").then((r) => r.arrayBuffer());
  const fromBytes = await InferenceSession.create(bytes);
  return [model, decoder, fromBytes];
}
"""

WEBPACK = """const CopyPlugin = require("copy-webpack-plugin");
module.exports = {
  plugins: [
    new CopyPlugin({
      patterns: [
        { from: "node_modules/onnxruntime-web/dist/*.wasm", to: "[name][ext]" },
        { from: "model", to: "model" },
        { from: "src/assets", to: "assets" },
      ],
    }),
  ],
};
"""

PACKAGE = '{"name": "demo", "dependencies": {"onnxruntime-web": "1.14.0"}}\n'


def found(tmp_path, files: dict[str, str]) -> set[tuple[str, str, str, int]]:
    result = discover(write_files(tmp_path, files))
    return {(r.id, r.source, r.location.path, r.location.line) for r in result.refs}


def test_an_onnx_file_served_by_a_copy_rule_of_the_package_is_that_package_file(tmp_path):
    files = {
        "demo/package.json": PACKAGE,
        "demo/src/App.tsx": APP,
        "demo/configs/webpack/common.js": WEBPACK,
    }
    assert found(tmp_path, files) == {
        ("demo/model/sam_quantized.onnx", LOCAL, "demo/src/App.tsx", 3),
        ("demo/src/models/decoder.onnx", LOCAL, "demo/src/App.tsx", 7),
    }


def test_an_esm_copy_plugin_serving_a_folder_at_the_root(tmp_path):
    webpack = """import CopyPlugin from "copy-webpack-plugin";
export default {
  plugins: [new CopyPlugin({ patterns: [{ from: "public", to: "." }, "static"] })],
};
"""
    app = """import * as ort from "onnxruntime-web";
export const load = () => ort.InferenceSession.create("/models/encoder.onnx");
"""
    files = {"web/package.json": PACKAGE, "web/src/run.js": app, "web/webpack.config.js": webpack}
    assert found(tmp_path, files) == {
        ("web/public/models/encoder.onnx", LOCAL, "web/src/run.js", 2),
    }


def test_without_a_copy_rule_of_its_package_a_served_file_is_named_by_its_file_name(tmp_path):
    other = WEBPACK.replace('"model", to: "model"', '"weights", to: "weights"')
    files = {
        "demo/package.json": PACKAGE,
        "demo/src/App.tsx": APP,
        "other/package.json": PACKAGE,
        "other/webpack.config.js": WEBPACK,  # another package's rules serve its own files
        "demo/configs/webpack/common.js": other,
    }
    assert found(tmp_path, files) == {
        ("sam_quantized.onnx", LOCAL, "demo/src/App.tsx", 3),
        ("demo/src/models/decoder.onnx", LOCAL, "demo/src/App.tsx", 7),
    }


def test_a_create_call_of_another_library_names_no_onnx_file(tmp_path):
    app = """class InferenceSession { static create(p) { return p; } }
const own = InferenceSession.create("/model/own.onnx");
const session = makeSession();
const other = session.create("./x.onnx");
"""
    assert found(tmp_path, {"package.json": '{"name": "x"}\n', "src/app.js": app}) == set()
