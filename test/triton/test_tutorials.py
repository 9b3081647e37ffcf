"""Tutorial-style kernels (tutorial_kernels.py) launched as a user script
launches them, on torch CPU tensors, checked against torch."""

import pytest
import torch

import tutorial_kernels as tk


@pytest.mark.parametrize("n", [1, 1000, 98432])
def test_vector_add(n):
    torch.manual_seed(n)
    x, y = torch.rand(n), torch.rand(n)
    torch.testing.assert_close(tk.add(x, y), x + y, rtol=0, atol=0)


def test_vector_add_f16_small_block():
    x = torch.randn(3000, dtype=torch.float16)
    y = torch.randn(3000, dtype=torch.float16)
    torch.testing.assert_close(tk.add(x, y, block_size=128), x + y, rtol=0, atol=0)


@pytest.mark.parametrize("shape", [(100, 781), (17, 64), (1, 3)])
def test_fused_softmax(shape):
    torch.manual_seed(0)
    x = torch.randn(shape) * 4
    torch.testing.assert_close(tk.softmax(x), torch.softmax(x, dim=-1), rtol=1e-5, atol=1e-6)


def test_fused_softmax_of_a_row_strided_view():
    # Every other row of a wider matrix: rows are 2*1024 apart, 700 wide.
    base = torch.randn(64, 2048)
    x = base[::2, :700]
    assert not x.is_contiguous()
    torch.testing.assert_close(tk.softmax(x), torch.softmax(x, dim=-1), rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("dtype,out_dtype,tol", [(torch.float32, torch.float32, 1e-4),
                                                 (torch.float16, torch.float32, 1e-3),
                                                 (torch.float16, torch.float16, 1e-2)])
def test_matmul_with_autotune(dtype, out_dtype, tol):
    torch.manual_seed(1)
    a = torch.randn(100, 70).to(dtype)
    b = torch.randn(70, 90).to(dtype)
    c = tk.matmul(a, b, out_dtype)
    assert tk.matmul_kernel.best_config.kwargs["BLOCK_M"] in (32, 64)
    expected = (a.double() @ b.double()).to(out_dtype)
    torch.testing.assert_close(c, expected, rtol=tol, atol=tol * 10)


def test_matmul_of_transposed_views():
    # B given as the transpose of a contiguous N x K matrix: strides (1, K).
    a = torch.randn(64, 48)
    bt = torch.randn(80, 48)
    c = tk.matmul(a, bt.t())
    torch.testing.assert_close(c, a @ bt.t(), rtol=1e-4, atol=1e-4)


@pytest.mark.parametrize("dtype", [torch.float32, torch.float16])
def test_layer_norm(dtype):
    torch.manual_seed(2)
    M, N = 37, 1000
    x = (torch.randn(M, N) * 3 + 1).to(dtype)
    w = torch.rand(N).to(dtype)
    b = torch.randn(N).to(dtype)
    y, mean, rstd = tk.layer_norm(x, w, b, eps=1e-5)
    expected = torch.nn.functional.layer_norm(x.float(), (N, ), w.float(), b.float(), eps=1e-5).to(dtype)
    tol = 1e-5 if dtype == torch.float32 else 1e-2
    torch.testing.assert_close(y, expected, rtol=tol, atol=tol)
    torch.testing.assert_close(mean, x.float().mean(dim=1), rtol=1e-5, atol=1e-5)
    torch.testing.assert_close(rstd, 1 / torch.sqrt(x.float().var(dim=1, unbiased=False) + 1e-5), rtol=1e-4,
                               atol=1e-4)
