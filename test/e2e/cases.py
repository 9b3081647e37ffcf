"""The end-to-end cases: a linalgdir kernel, its inputs, its grid and a numpy
reference. Each runs through both pipelines on every target (test_kernels.py).
"""
import dataclasses
from pathlib import Path
from typing import Callable

import numpy as np

from e2e_lib import ROOT, Scalar

KERNELS = Path(__file__).resolve().parent / "kernels"


@dataclasses.dataclass
class Case:
    name: str
    mlir: Path
    make_args: Callable  # rng -> list of arrays / Scalars
    grid: tuple
    reference: Callable  # args -> {argument index: expected array}
    rtol: float = 1e-5
    atol: float = 1e-6
    kernel: str = ""

    def __post_init__(self):
        self.kernel = self.kernel or self.name


def _uniform(rng, shape, lo=-1.0, hi=1.0, dtype=np.float32):
    return rng.uniform(lo, hi, size=shape).astype(dtype)


def _softmax(x):
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


CASES = [
    Case("matmul_bias_relu", ROOT / "examples" / "matmul_bias_relu.mlir",
         lambda rng: [_uniform(rng, (64, 64)), _uniform(rng, (64, 64)), _uniform(rng, (64,)),
                      np.zeros((64, 64), np.float32)],
         (4, 4, 1),
         lambda a: {3: np.maximum(a[0].astype(np.float64) @ a[1] + a[2], 0)},
         rtol=1e-4, atol=1e-5),
    Case("add_masked", KERNELS / "add_masked.mlir",
         lambda rng: [_uniform(rng, (1000,)), _uniform(rng, (1000,)),
                      np.full((1000,), 7.0, np.float32), Scalar("int32_t", 1000)],
         (4, 1, 1),
         lambda a: {2: a[0] + a[1]}),
    Case("softmax_rows", KERNELS / "softmax_rows.mlir",
         lambda rng: [_uniform(rng, (16, 96), -4, 4), np.zeros((16, 96), np.float32)],
         (16, 1, 1),
         lambda a: {1: _softmax(a[0].astype(np.float64))},
         rtol=1e-5, atol=1e-6),
]
