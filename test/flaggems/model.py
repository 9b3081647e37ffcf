"""A small decoder-only transformer (transformers' Qwen3 architecture, random
weights from a config, nothing downloaded) run by torch eager and under
flag_gems.use_gems() on this backend. Shared by test_model.py and
bench/compare_torch_eager.py.

Import this before triton/flag_gems: it points the plugin at the build tree
(build/bin/spine-opt, build/runtime; an explicit SPINE_MLIR_OPT_PATH etc.
wins) and then imports FlagGems the way a user does.
"""

import contextlib
import os

REPO_ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), os.pardir, os.pardir))
BUILD_DIR = os.path.abspath(os.environ.get("BUILD_DIR", os.path.join(REPO_ROOT, "build")))

os.environ.setdefault("SPINE_MLIR_OPT_PATH", os.path.join(BUILD_DIR, "bin", "spine-opt"))
os.environ.setdefault("LLVM_BINARY_DIR", "/usr/lib/llvm-22/bin")
os.environ.setdefault("SPINE_TRITON_RUNTIME_DIR",
                      os.pathsep.join([os.path.join(BUILD_DIR, "runtime", "triton"),
                                       os.path.join(BUILD_DIR, "runtime")]))

import torch  # noqa: E402
import triton  # noqa: E402
import triton.backends.spine_triton.flaggems  # noqa: E402,F401  (before flag_gems)
import flag_gems  # noqa: E402

PROMPT_LEN = 12
NEW_TOKENS = 16

# FlagGems operators (function names, as use_gems(exclude=...) takes them)
# left to torch in the model runs, and why. Each is a single aten op; every
# other operator the model calls runs FlagGems' Triton kernel on our backend.
EXCLUDED_OPS = {
    # None any more. Two were, until the backend handled them:
    # - where.self: FlagGems asserts that some operand is on a non-CPU
    #   device; backend/flaggems.py runs all-CPU calls through FlagGems' own
    #   where kernel.
    # - cat: FlagGems' kernel picks its input pointer with if/elif on
    #   program_id(1), an arith.select of two !tt.ptr scalars, which the TTIR
    #   conversion now lowers (a select of the kernel arguments).
    # test_model.py's test_once_excluded_ops_run_on_our_backend keeps them so.
}


def build_model(seed=0, layers=2, hidden=128, heads=4, kv_heads=2, vocab=1024, intermediate=384):
    """Qwen3ForCausalLM from a config, f32, eval mode, eager attention (so
    the attention's bmm and softmax are operators FlagGems replaces; "sdpa"
    stays inside torch's fused CPU kernel). initializer_range 0.05 (the
    default 0.02 makes random weights decode one token over and over)."""
    from transformers import Qwen3Config, Qwen3ForCausalLM
    torch.manual_seed(seed)
    config = Qwen3Config(vocab_size=vocab, hidden_size=hidden, intermediate_size=intermediate,
                         num_hidden_layers=layers, num_attention_heads=heads, num_key_value_heads=kv_heads,
                         head_dim=hidden // heads, max_position_embeddings=256, tie_word_embeddings=False,
                         initializer_range=0.05, attn_implementation="eager")
    model = Qwen3ForCausalLM(config).to(torch.float32).eval()
    return model


def prompt(model, length=PROMPT_LEN, seed=2):
    generator = torch.Generator().manual_seed(seed)
    return torch.randint(0, model.config.vocab_size, (1, length), generator=generator)


def generate(model, ids, new_tokens=NEW_TOKENS):
    """Prefill plus greedy decode (KV cache): (sequences, logits of every
    generated step, shape [new_tokens, vocab])."""
    with torch.no_grad():
        out = model.generate(ids, attention_mask=torch.ones_like(ids), do_sample=False, max_new_tokens=new_tokens,
                             min_new_tokens=new_tokens, output_logits=True, return_dict_in_generate=True,
                             pad_token_id=0)
    return out.sequences, torch.cat([logits.float() for logits in out.logits])


def gems():
    """flag_gems.use_gems() with EXCLUDED_OPS left to torch."""
    return flag_gems.use_gems(exclude=sorted(EXCLUDED_OPS))


class DecodeStep:
    """One greedy decode step with the KV cache of the prompt: the cache is
    cropped back to the prompt before each step, so every call does the same
    work (attention over PROMPT_LEN + 1 positions)."""

    def __init__(self, model, ids):
        from transformers import DynamicCache
        self.model = model
        self.prompt_len = ids.shape[1]
        self.cache = DynamicCache(config=model.config)
        with torch.no_grad():
            logits = model(ids, cache=self.cache, use_cache=True).logits
        self.token = logits[:, -1:].argmax(-1)

    def __call__(self):
        extra = self.cache.get_seq_length() - self.prompt_len
        if extra:
            self.cache.crop(-extra)
        with torch.no_grad():
            logits = self.model(self.token, cache=self.cache, use_cache=True).logits
        return logits[:, -1].argmax(-1)


@contextlib.contextmanager
def count_launches():
    """Counts Triton kernel launches by kernel name (Triton's
    launch_enter_hook, which our driver's launcher calls before each grid)."""
    counts = {}
    previous = triton.knobs.runtime.launch_enter_hook

    def hook(metadata):
        name = metadata.data["name"]
        counts[name] = counts.get(name, 0) + 1
        if previous is not None:
            previous(metadata)

    triton.knobs.runtime.launch_enter_hook = hook
    try:
        yield counts
    finally:
        triton.knobs.runtime.launch_enter_hook = previous
