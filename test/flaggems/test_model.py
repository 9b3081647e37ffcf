"""A transformer end to end on FlagGems: transformers' Qwen3ForCausalLM built
from a small config with random weights (model.py: 2 layers, hidden 128,
4 heads, 2 KV heads, vocabulary 1024, f32, eager attention), a 12-token
random prompt, prefill plus 16 greedy decode steps with the KV cache, under
torch eager and under flag_gems.use_gems() on this backend: the generated
tokens are identical and every step's logits agree.

Operators left to torch (model.EXCLUDED_OPS, each with its reason):
where.self / where.self_out (FlagGems asserts a non-CPU operand) and cat
(spine-opt rejects arith.select on !tt.ptr). test_exclusions_still_needed
fails once one of them works, so the list cannot go stale.

Run with build/venv/bin/python -m pytest test/flaggems/test_model.py.
"""

import os
import shutil
import tempfile

import pytest

if "TRITON_CACHE_DIR" not in os.environ:  # a cold cache, unless the suite's conftest made one
    os.environ["TRITON_CACHE_DIR"] = tempfile.mkdtemp(prefix="spine_flaggems_model_cache_")
    _OWN_CACHE = os.environ["TRITON_CACHE_DIR"]
else:
    _OWN_CACHE = None

import model as qwen  # noqa: E402  (sets up the plugin's environment, imports flag_gems)
import torch  # noqa: E402
from triton.backends.spine_triton.driver import SpineTritonDriver  # noqa: E402

ATOL = 1e-4  # f32 logits of magnitude ~2; observed differences ~2e-6
RTOL = 1e-4

# Kernels (by name prefix) that must launch in the gems run: the model's
# matmuls (mm: projections and LM head; bmm: attention), softmax, embedding,
# RMSNorm's pieces, SwiGLU's silu and greedy decoding's argmax.
REQUIRED_KERNELS = ("mm_kernel", "bmm_kernel", "softmax_kernel", "embedding_kernel", "mean_dim_kernel",
                    "rsqrt_func_kernel", "silu_forward_kernel", "argmax_kernel", "mul_func_kernel",
                    "add_func_kernel")


def teardown_module():
    if _OWN_CACHE:
        shutil.rmtree(_OWN_CACHE, ignore_errors=True)


@pytest.fixture(scope="module")
def model_and_prompt():
    import triton
    assert qwen.flag_gems.device == "cpu"
    assert isinstance(triton.runtime.driver.active, SpineTritonDriver)
    model = qwen.build_model()
    return model, qwen.prompt(model)


def test_generate_matches_eager(model_and_prompt):
    model, ids = model_and_prompt
    ref_tokens, ref_logits = qwen.generate(model, ids)
    new = ref_tokens[0, ids.shape[1]:]
    assert new.numel() == qwen.NEW_TOKENS
    # The comparison means something only if the reference decodes varied
    # tokens whose argmax is not a near-tie at our tolerance.
    assert len(set(new.tolist())) >= 4, new
    top2 = ref_logits.topk(2, dim=-1).values
    assert (top2[:, 0] - top2[:, 1]).min() > 20 * ATOL

    with qwen.count_launches() as launches, qwen.gems():
        tokens, logits = qwen.generate(model, ids)

    missing = [k for k in REQUIRED_KERNELS if not any(name.startswith(k) for name in launches)]
    assert not missing, "these FlagGems kernels did not run on our backend: %s (ran: %s)" % (missing, launches)
    # At least one launch per operator call of every decode step's layers.
    assert sum(launches.values()) > qwen.NEW_TOKENS * 50, launches
    assert torch.equal(tokens, ref_tokens), "tokens differ:\n%s\n%s" % (tokens, ref_tokens)
    torch.testing.assert_close(logits, ref_logits, atol=ATOL, rtol=RTOL)


def test_prefill_logits_match_eager(model_and_prompt):
    """Every position's logits of one forward pass over the prompt."""
    model, ids = model_and_prompt
    with torch.no_grad():
        ref = model(ids).logits
        with qwen.count_launches() as launches, qwen.gems():
            out = model(ids).logits
    assert any(name.startswith("mm_kernel") for name in launches), launches
    assert out.shape == ref.shape == (1, ids.shape[1], model.config.vocab_size)
    torch.testing.assert_close(out, ref, atol=ATOL, rtol=RTOL)


def _where():
    mask = torch.rand(4, 8, generator=torch.Generator().manual_seed(0)) > 0.5
    return torch.where(mask, torch.zeros(()), torch.full((4, 8), -1.0))


def _cat():
    generator = torch.Generator().manual_seed(0)
    a, b = torch.randn(1, 8, 16, generator=generator), torch.randn(1, 8, 16, generator=generator)
    return torch.cat((a, b), dim=-1)


@pytest.mark.parametrize("op,call,kernel", [("where_self", _where, "where_inner"),
                                            ("cat", _cat, "cat_copy_func_kernel")])
def test_once_excluded_ops_run_on_our_backend(op, call, kernel):
    """The operators the model test once left to torch (see
    model.EXCLUDED_OPS) run FlagGems' kernels on this backend, right."""
    assert op not in qwen.EXCLUDED_OPS
    with qwen.count_launches() as launches, qwen.flag_gems.use_gems(include=[op]):
        out = call()
    assert any(name.startswith(kernel) for name in launches), launches
    torch.testing.assert_close(out, call(), rtol=0, atol=0)
