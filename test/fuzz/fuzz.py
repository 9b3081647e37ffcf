#!/usr/bin/python3
"""Mutation fuzzer for spine-opt (issue 16).

Seeds: the e2e kernels (test/e2e/kernels/*.mlir), examples/*.mlir, the TTIR
corpus (test/ttir/corpus/*.ttir) and every `// -----` chunk of the lit inputs
that parses and verifies with plain `spine-opt`.

Each mutant gets one to three textual mutations (lines deleted, duplicated,
swapped or moved; integer literals set to 0, 1, -1, +-1, huge values; element
types swapped among f32/f16/bf16/f64/i1/i8/i32/i64/index; shape dimensions
changed, made dynamic, dropped or added; op names swapped among ops of the
same arity; affine dims swapped; iterator types flipped; the file truncated at
a random point) and is run through

    spine-opt MUTANT                                   (parse + verify)
    spine-opt MUTANT --spine-triton-e2e-pipeline=...   (fast)
    spine-opt MUTANT --spine-triton-e2e-ref-pipeline=...  (reference)

(the pipelines only when the mutant parses and verifies). A finding is
  crash   exit status 70 (spine-opt's caught internal error)
  signal  death by a signal (negative return code)
  hang    no answer within --timeout seconds
  parity  the mutant parses and verifies, its seed compiles through both
          pipelines, and one pipeline compiles it while the other rejects it
  nodiag  a pipeline fails without an "error:" diagnostic
  sanitizer  an ASan/UBSan report (with an instrumented spine-opt,
          scripts/asan-spine-opt.sh --fuzz).

Every input under test/fuzz/regressions/ is replayed first. A regression that
still fails must be listed in test/fuzz/KNOWN.json (an expected failure, with
its reason); one listed there that no longer fails is reported as fixed and
counts as a failure until its entry is removed (strict, like the e2e xfails).
Campaign findings whose signature matches a KNOWN.json entry are counted as
known; any other finding fails the run and is written, line-minimized, to
--out (default build/test/fuzz-findings; --record writes it to
test/fuzz/regressions/ and adds a KNOWN.json entry to be triaged).

Prints "SUITE regressions: ..." and "SUITE campaign: ..." lines (fuzz-regressions
and fuzz-campaign in scripts/test.sh)
(the campaign counts one test per seed: passed when none of its mutants
produced a new finding).

    test/fuzz/fuzz.py                         # CI: fixed seed and budget
    test/fuzz/fuzz.py --seed 7 --minutes 60   # a longer campaign
    test/fuzz/fuzz.py --replay-only
    test/fuzz/fuzz.py --check FILE            # classify one input
"""
import argparse
import concurrent.futures
import hashlib
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
BUILD = Path(os.environ.get("SPINE_BUILD_DIR", ROOT / "build"))
SPINE_OPT = Path(os.environ.get("SPINE_OPT", BUILD / "bin" / "spine-opt"))
REGRESSIONS = HERE / "regressions"
KNOWN = HERE / "KNOWN.json"

PIPELINES = {
    "fast": "--spine-triton-e2e-pipeline=enable-always-tls=1 enable-fuse-group=false",
    "ref": "--spine-triton-e2e-ref-pipeline=enable-always-tls=1",
}

DEFAULT_SEED = 16
DEFAULT_BUDGET = 2000  # mutants: about 2.5 CPU minutes, plus ~40 s for the seeds


# --------------------------------------------------------------------------
# Running spine-opt and classifying the outcome

def run_opt(path, pipeline, timeout):
    """-> (kind, returncode, stderr); kind in ok, error, crash, signal, hang."""
    cmd = [str(SPINE_OPT), str(path), "-o", os.devnull]
    if pipeline:
        cmd.append(PIPELINES[pipeline])
    for attempt in range(5):
        try:
            r = subprocess.run(_limited(cmd), capture_output=True, text=True, timeout=timeout,
                               errors="replace")
        except subprocess.TimeoutExpired:
            return "hang", None, ""
        except OSError as e:  # "text file busy" while build/bin/spine-opt is relinked
            if attempt == 4:
                raise
            time.sleep(2)
            continue
        if r.returncode == 126 or (r.returncode == 127 and not SPINE_OPT.exists()):
            time.sleep(2)
            continue
        break
    if "ERROR: AddressSanitizer" in r.stderr or "runtime error:" in r.stderr:
        return "sanitizer", r.returncode, r.stderr  # an instrumented spine-opt's report
    if r.returncode == 0:
        return "ok", 0, r.stderr
    if r.returncode < 0:
        return "signal", r.returncode, r.stderr
    if r.returncode == 70:
        return "crash", 70, r.stderr
    if "error:" not in r.stderr:
        return "nodiag", r.returncode, r.stderr
    return "error", r.returncode, r.stderr


MEM_LIMIT_MB = 4096
PRLIMIT = shutil.which("prlimit")


def _limited(cmd):
    # Mutants with huge shapes must not take the shared machine's memory: an
    # allocation beyond the limit fails inside spine-opt (a finding if it is
    # not diagnosed). 0 disables it (ASan reserves terabytes of address space).
    # prlimit (util-linux), not preexec_fn: the runs start from threads.
    if MEM_LIMIT_MB and PRLIMIT:
        return [PRLIMIT, f"--as={MEM_LIMIT_MB << 20}", "--", *cmd]
    return cmd


_LOC = re.compile(r"^[^\s:]*(\.mlir|\.ttir|\.py|<stdin>|tmp\w*)(:\d+)*:\s*", re.M)


def normalize(message):
    """A diagnostic without file names, locations, SSA names and numbers."""
    m = _LOC.sub("", message)
    m = re.sub(r"'[^']*(\.mlir|\.ttir)'", "'FILE'", m)
    m = re.sub(r"%[\w.#]+", "%V", m)
    m = re.sub(r"\d+", "N", m)
    return re.sub(r"\s+", " ", m).strip()[:200]


def first_error(stderr):
    for line in stderr.splitlines():
        if "error:" in line and "internal error:" not in line:
            return normalize(line.split("error:", 1)[1])
    return ""


def crash_phase(stderr):
    m = re.search(r"crashed while (.*?);", stderr)
    return normalize(m.group(1)) if m else ""


def classify(path, timeout, seed_compiles=True):
    """Runs spine-opt on `path`: a finding (kind, signature, detail), or when
    fine one of "invalid" (rejected by the parser or a verifier), "compiled",
    "rejected" (both pipelines), "differs" (parity not checked for its seed)."""
    kind, rc, err = run_opt(path, None, timeout)
    if kind in ("crash", "signal", "hang", "nodiag", "sanitizer"):
        f = _finding(kind, "parse", rc, err)
        if kind == "crash":  # name the op whose parser faulted
            op = crashing_line_op(path, timeout)
            f = (f[0], f"{f[1]}|{op}", f"{f[2]} [op: {op}]")
        return f
    if kind != "ok":
        return "invalid"  # rejected with a diagnostic: nothing more to check
    outcomes = {}
    for p in PIPELINES:
        kind, rc, err = run_opt(path, p, timeout)
        if kind in ("crash", "signal", "hang", "nodiag", "sanitizer"):
            return _finding(kind, p, rc, err)
        outcomes[p] = (kind, err)
    if seed_compiles and outcomes["fast"][0] != outcomes["ref"][0]:
        failing = "fast" if outcomes["fast"][0] == "error" else "ref"
        msg = first_error(outcomes[failing][1])
        return ("parity", f"parity|{failing} rejects|{msg}",
                f"{failing} pipeline rejects what the other compiles: {msg}")
    if outcomes["fast"][0] != outcomes["ref"][0]:
        return "differs"
    return "compiled" if outcomes["fast"][0] == "ok" else "rejected"


def crashing_line_op(path, timeout):
    """The op on the last line of the shortest line prefix of `path` whose
    parse still crashes (the parser reads in order)."""
    lines = Path(path).read_text(errors="replace").split("\n")
    tmp = Path(str(path) + ".prefix" + Path(path).suffix)
    lo, hi = 1, len(lines)
    while lo < hi:
        mid = (lo + hi) // 2
        prefix = "\n".join(lines[:mid])
        depth = max(0, prefix.count("{") - prefix.count("}"))
        tmp.write_text(prefix + "\n" + "}\n" * depth)  # close open regions: verifiers run
        if run_opt(tmp, None, timeout)[0] == "crash":
            hi = mid
        else:
            lo = mid + 1
    tmp.unlink(missing_ok=True)
    line = lines[lo - 1] if lines else ""
    m = re.search(r"(?<![\w%#.])([a-z_][a-z0-9_]*\.[a-z_][a-z0-9_.]*)", line.split("=", 1)[-1]) or \
        re.search(r"(?<![\w%#.])([a-z_][a-z0-9_]*\.[a-z_][a-z0-9_.]*)", line)
    return m.group(1) if m else "?"


def _finding(kind, where, rc, err):
    if kind == "crash":
        sig = f"crash|{where}|{crash_phase(err)}|{first_error(err)}"
        detail = f"exit 70 ({where}): " + (re.search(r"internal error:.*", err) or [err[-300:]])[0]
    elif kind == "signal":
        sig = f"signal|{where}|{rc}|{first_error(err)}"
        detail = f"killed by signal {-rc} ({where}): {err[-300:]}"
    elif kind == "sanitizer":
        m = re.search(r"(ERROR: AddressSanitizer: [\w-]+|runtime error: [^\n]*)", err)
        sig = f"sanitizer|{where}|{normalize(m.group(1)) if m else ''}"
        detail = f"sanitizer report ({where}): {m.group(1) if m else err[-300:]}"
    elif kind == "hang":
        sig = f"hang|{where}"
        detail = f"no answer within the timeout ({where})"
    else:
        sig = f"nodiag|{where}|{rc}"
        detail = f"exit {rc} without a diagnostic ({where}): {err[-300:]}"
    return (kind, sig, detail)


# --------------------------------------------------------------------------
# Seeds

def lit_chunks(path):
    text = path.read_text(errors="replace")
    for i, chunk in enumerate(re.split(r"^// -----\s*$", text, flags=re.M)):
        # RUN/CHECK lines and expected-* annotations are comments: harmless.
        if chunk.strip():
            yield f"{path.relative_to(ROOT)}#{i}", chunk


def collect_seeds(timeout, workdir):
    """[(name, suffix, text, compiles_both)] for every usable seed."""
    raw = []
    for p in sorted((ROOT / "test" / "e2e" / "kernels").glob("*.mlir")) + \
            sorted((ROOT / "examples").glob("*.mlir")):
        raw.append((str(p.relative_to(ROOT)), ".mlir", p.read_text()))
    for p in sorted((ROOT / "test" / "ttir" / "corpus").glob("*.ttir")):
        raw.append((str(p.relative_to(ROOT)), ".ttir", p.read_text()))
    for p in sorted(ROOT.glob("test/*/**/*.mlir")):
        rel = p.relative_to(ROOT).parts
        if rel[1] in ("e2e", "fuzz", "Driver"):
            continue  # e2e: above; Driver: known crashers (lit tests)
        for name, chunk in lit_chunks(p):
            raw.append((name, ".mlir", chunk))

    def check(item):
        name, suffix, text = item
        f = workdir / ("seed-" + hashlib.sha1(name.encode()).hexdigest()[:12] + suffix)
        f.write_text(text)
        kind, _, _ = run_opt(f, None, timeout)
        if kind != "ok":
            return None
        both = all(run_opt(f, p, timeout)[0] == "ok" for p in PIPELINES)
        return (name, suffix, text, both)

    with concurrent.futures.ThreadPoolExecutor(JOBS) as pool:
        return [s for s in pool.map(check, raw) if s]


# --------------------------------------------------------------------------
# Mutations

TYPES = ["f32", "f16", "bf16", "f64", "i1", "i8", "i32", "i64", "index"]
TYPE_RE = re.compile(r"\b(f32|f16|bf16|f64|i1|i8|i32|i64|index)\b")
INT_RE = re.compile(r"(?<![\w%#.\-])-?\d+(?![\w.])")
DIM_RE = re.compile(r"(?<=[<x])(\d+|\?)(?=x)")
OP_GROUPS = [
    ["arith.addf", "arith.subf", "arith.mulf", "arith.divf", "arith.maximumf", "arith.minimumf",
     "arith.maxnumf", "arith.minnumf", "arith.remf"],
    ["arith.addi", "arith.subi", "arith.muli", "arith.divsi", "arith.divui", "arith.remsi",
     "arith.remui", "arith.andi", "arith.ori", "arith.xori", "arith.shli", "arith.shrsi",
     "arith.shrui", "arith.maxsi", "arith.minsi", "arith.maxui", "arith.minui", "arith.ceildivsi",
     "arith.floordivsi"],
    ["math.exp", "math.log", "math.tanh", "math.erf", "math.sqrt", "math.rsqrt", "math.absf",
     "math.sin", "math.cos", "math.exp2", "math.log2", "math.floor", "math.ceil", "math.log1p",
     "math.expm1", "math.roundeven", "math.round", "arith.negf"],
    ["arith.extf", "arith.truncf", "arith.sitofp", "arith.uitofp", "arith.fptosi", "arith.fptoui",
     "arith.extsi", "arith.extui", "arith.trunci", "arith.bitcast", "arith.index_cast",
     "arith.index_castui"],
    ["linalg.matmul", "linalg.batch_matmul", "linalg.mmt4d", "linalg.batch_mmt4d",
     "linalg.matvec", "linalg.vecmat", "linalg.dot", "linalg.batch_reduce_matmul"],
    ["linalg.conv_2d_nhwc_hwcf", "linalg.conv_2d_nhwc_fhwc", "linalg.conv_2d_nchw_fchw",
     "linalg.depthwise_conv_2d_nhwc_hwc", "linalg.depthwise_conv_2d_nchw_chw",
     "linalg.pooling_nhwc_max", "linalg.pooling_nhwc_sum", "linalg.pooling_nhwc_min",
     "linalg.pooling_nchw_max", "linalg.pooling_nchw_sum", "linalg.conv_2d"],
    ["linalg.pack", "linalg.unpack"],
    ["tensor.expand_shape", "tensor.collapse_shape"],
    ["memref.alloc", "memref.alloca"],
    ["tt.load", "tt.store"], ["tt.splat", "tt.broadcast", "tt.expand_dims"],
    ["tt.get_program_id", "tt.get_num_programs"],
    ["scf.for", "scf.forall", "scf.parallel"],
    ["olt", "ogt", "oeq", "one", "ole", "oge", "ult", "ugt", "uno", "ord",
     "slt", "sgt", "sle", "sge", "eq", "ne"],
    ['"parallel"', '"reduction"'],
    ["d0", "d1", "d2", "d3"],
]


def _replace_span(text, m, new):
    return text[:m.start()] + new + text[m.end():]


def _pick(rng, regex, text):
    ms = list(regex.finditer(text))
    return rng.choice(ms) if ms else None


def mut_lines(rng, text):
    lines = text.split("\n")
    if len(lines) < 2:
        return text
    i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
    op = rng.randrange(4)
    if op == 0:
        del lines[i]
    elif op == 1:
        lines.insert(j, lines[i])
    elif op == 2:
        lines[i], lines[j] = lines[j], lines[i]
    else:
        lines.insert(j, lines.pop(i))
    return "\n".join(lines)


def mut_int(rng, text):
    m = _pick(rng, INT_RE, text)
    if not m:
        return text
    v = int(m.group())
    new = rng.choice([0, 1, -1, v + 1, v - 1, v * 2, -v, 2 ** 31 - 1, 2 ** 31, 2 ** 63 - 1,
                      -2 ** 63, 2 ** 64, 10 ** 12, rng.randrange(0, 65)])
    return _replace_span(text, m, str(new))


def mut_type(rng, text):
    m = _pick(rng, TYPE_RE, text)
    if not m:
        return text
    return _replace_span(text, m, rng.choice([t for t in TYPES if t != m.group()]))


def mut_all_types(rng, text):
    """Every occurrence of one element type: keeps most mutants verifying."""
    present = sorted(set(TYPE_RE.findall(text)))
    if not present:
        return text
    old = rng.choice(present)
    new = rng.choice([t for t in TYPES if t != old])
    return re.sub(rf"\b{old}\b", new, text)


def mut_dim(rng, text):
    m = _pick(rng, DIM_RE, text)
    if not m:
        return text
    op = rng.randrange(6)
    if op == 0:
        return _replace_span(text, m, "?")
    if op == 1:  # drop the dimension
        return text[:m.start()] + text[m.end() + 1:]
    if op == 2:  # add one
        return text[:m.start()] + str(rng.choice([1, 2, 3, 7])) + "x" + text[m.start():]
    new = rng.choice([0, 1, 2, 3, 5, 7, 13, 16, 64, 1 << 20, 1 << 40])
    return _replace_span(text, m, str(new))


def mut_all_dims(rng, text):
    """Every occurrence of one dimension size (shapes stay consistent)."""
    dims = sorted(set(d for d in DIM_RE.findall(text) if d != "?"))
    if not dims:
        return text
    old = rng.choice(dims)
    new = str(rng.choice([1, 2, 3, 5, 7, 11, 17, 31, 64, 100, 255, 1 << 20]))
    return re.sub(rf"(?<=[<x\[ ]){old}(?=[x\],])", new, text)


def mut_op(rng, text):
    present = [(g, op) for g in OP_GROUPS for op in g
               if re.search(rf"(?<![\w.]){re.escape(op)}(?![\w])", text)]
    if not present:
        return text
    group, op = rng.choice(present)
    ms = list(re.finditer(rf"(?<![\w.]){re.escape(op)}(?![\w])", text))
    m = rng.choice(ms)
    return _replace_span(text, m, rng.choice([o for o in group if o != op]))


def mut_truncate(rng, text):
    return text[:rng.randrange(len(text) + 1)] if text else text


def mut_delete_token(rng, text):
    toks = list(re.finditer(r"[%#^]?[\w.]+|[^\s\w]", text))
    if not toks:
        return text
    m = rng.choice(toks)
    return _replace_span(text, m, "")


MUTATORS = [(mut_lines, 4), (mut_int, 4), (mut_type, 2), (mut_all_types, 2), (mut_dim, 3),
            (mut_all_dims, 3), (mut_op, 4), (mut_truncate, 1), (mut_delete_token, 2)]


def mutate(rng, text):
    funcs, weights = zip(*MUTATORS)
    names = []
    for _ in range(rng.choice([1, 1, 1, 2, 2, 3])):
        f = rng.choices(funcs, weights)[0]
        text = f(rng, text)
        names.append(f.__name__[4:])
    return text, names


# --------------------------------------------------------------------------
# Minimization: drop lines (then chunks of lines) while the same signature holds

def minimize(text, suffix, signature, timeout, workdir, seed_compiles, deadline):
    if signature.startswith("hang"):
        return text  # each try would take the whole timeout
    f = workdir / f"min-{os.getpid()}{suffix}"

    def same(candidate):
        f.write_text(candidate)
        r = classify(f, timeout, seed_compiles)
        return isinstance(r, tuple) and r[1] == signature

    lines = text.split("\n")
    chunk = max(1, len(lines) // 4)
    while chunk >= 1 and time.time() < deadline:
        i, changed = 0, False
        while i < len(lines) and time.time() < deadline:
            cand = lines[:i] + lines[i + chunk:]
            if cand and same("\n".join(cand)):
                lines, changed = cand, True
            else:
                i += chunk
        if not changed:
            chunk //= 2
    return "\n".join(lines)


# --------------------------------------------------------------------------

def load_known():
    if not KNOWN.exists():
        return {}
    return json.loads(KNOWN.read_text())


def save_known(known):
    KNOWN.write_text(json.dumps(known, indent=2, sort_keys=True) + "\n")



def replay(timeout, known):
    passed = failed = xfailed = 0
    for f in sorted(REGRESSIONS.glob("*")):
        if f.suffix not in (".mlir", ".ttir"):
            continue
        r = classify(f, timeout)
        entry = known.get(f.name)
        rel = f.relative_to(ROOT)
        fine = not isinstance(r, tuple)
        if fine and entry is None:
            passed += 1
        elif fine:
            failed += 1
            print(f"FIXED {rel}: no longer fails ({entry['reason']}); "
                  f"remove its entry from {KNOWN.relative_to(ROOT)}")
        elif entry is None:
            failed += 1
            print(f"FAIL {rel}: {r[2]}")
        elif r[1] != entry["signature"]:
            failed += 1
            print(f"FAIL {rel}: fails differently than KNOWN.json says:\n  now:   {r[1]}\n"
                  f"  known: {entry['signature']}")
        else:
            xfailed += 1
            print(f"XFAIL {rel}: {entry['reason']}")
    for name in known:
        if not (REGRESSIONS / name).exists():
            failed += 1
            print(f"FAIL {KNOWN.relative_to(ROOT)}: {name} has no file in {REGRESSIONS.relative_to(ROOT)}")
    print(f"SUITE regressions: {passed} passed, {failed} failed, 0 skipped, {xfailed} xfail "
          f"(xfail: known failures, KNOWN.json)")
    return failed


def campaign(args, known, workdir):
    rng_master = random.Random(args.seed)
    t0 = time.time()
    seeds = collect_seeds(args.timeout, workdir)
    print(f"fuzz: {len(seeds)} seeds ({sum(s[3] for s in seeds)} compile through both pipelines) "
          f"in {time.time() - t0:.1f}s; seed {args.seed}, budget {args.budget} mutants"
          + (f", {args.minutes} minutes" if args.minutes else ""), flush=True)
    known_sigs = {e["signature"]: name for name, e in known.items()}
    deadline = time.time() + args.minutes * 60 if args.minutes else None
    # Mutants are generated up front from one RNG, so the same seed and
    # budget give the same mutants whatever the compiler does with them.
    def jobs():
        i = 0
        while (args.budget is None or i < args.budget) and (deadline is None or time.time() < deadline):
            rng = random.Random(rng_master.getrandbits(64))
            seed = seeds[rng.randrange(len(seeds))]
            text, muts = mutate(rng, seed[2])
            yield i, seed, text, muts
            i += 1

    def check(job):
        i, (name, suffix, _, both), text, muts = job
        f = workdir / f"mutant-{i}{suffix}"
        f.write_text(text)
        r = classify(f, args.timeout, both)
        f.unlink()
        return job, r

    new, seen, bad_seeds, n = {}, set(), set(), 0
    counts = {}
    with concurrent.futures.ThreadPoolExecutor(JOBS) as pool:
        pending = set()
        it = jobs()
        for job in it:
            pending.add(pool.submit(check, job))
            if len(pending) >= JOBS * 4:
                done, pending = concurrent.futures.wait(pending, return_when="FIRST_COMPLETED")
                n += _collect(done, known_sigs, new, seen, bad_seeds, counts, args)
        done, _ = concurrent.futures.wait(pending)
        n += _collect(done, known_sigs, new, seen, bad_seeds, counts, args)
    elapsed = time.time() - t0
    print(f"fuzz: {n} mutants in {elapsed:.0f}s; outcomes: "
          + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    # Record new findings (minimized).
    out = REGRESSIONS if args.record else args.out
    out.mkdir(parents=True, exist_ok=True)
    for sig, (job, r) in sorted(new.items()):
        i, (name, suffix, _, both), text, muts = job
        small = minimize(text, suffix, sig, args.timeout, workdir, both, time.time() + 60)
        digest = hashlib.sha1(small.encode()).hexdigest()[:10]
        fname = f"{r[0]}-{digest}{suffix}"
        (out / fname).write_text(small if small.endswith("\n") else small + "\n")
        where = out / fname
        print(f"NEW {r[0]}: {where}\n  seed {name}, mutations {', '.join(muts)}\n  {r[2]}\n"
              f"  signature: {sig}\n  reproduce: test/fuzz/fuzz.py --check {where}")
        if args.record:
            known[fname] = {"signature": sig, "reason": f"{r[2][:300]} (found from {name}, "
                            f"campaign seed {args.seed}; not yet triaged)"}
    if args.record and new:
        save_known(known)
    failed = len(bad_seeds)
    print(f"SUITE campaign: {len(seeds) - failed} passed, {failed} failed "
          f"({n} mutants, {len(new)} new findings, {counts.get('known', 0)} known)")
    return failed


def _collect(done, known_sigs, new, seen, bad_seeds, counts, args):
    n = 0
    for fut in done:
        job, r = fut.result()
        n += 1
        if not isinstance(r, tuple):
            counts[r] = counts.get(r, 0) + 1
            continue
        sig = r[1]
        if sig in known_sigs:
            counts["known"] = counts.get("known", 0) + 1
            continue
        counts[r[0]] = counts.get(r[0], 0) + 1
        bad_seeds.add(job[1][0])
        if sig not in new:
            new[sig] = (job, r)
            print(f"finding: {r[0]} from {job[1][0]} ({', '.join(job[3])}): {r[2][:200]}", flush=True)
    return n


JOBS = 2


def main():
    global JOBS, SPINE_OPT, MEM_LIMIT_MB
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seed", type=int, default=int(os.environ.get("SPINE_FUZZ_SEED", DEFAULT_SEED)))
    ap.add_argument("--budget", type=int, default=None,
                    help=f"number of mutants (default {DEFAULT_BUDGET}, unlimited with --minutes)")
    ap.add_argument("--minutes", type=float, default=None, help="stop after this long")
    ap.add_argument("--timeout", type=float, default=20, help="seconds per spine-opt run")
    ap.add_argument("--jobs", type=int, default=int(os.environ.get("JOBS", 2)))
    ap.add_argument("--out", type=Path, default=BUILD / "test" / "fuzz-findings")
    ap.add_argument("--record", action="store_true",
                    help="write new findings to test/fuzz/regressions and KNOWN.json")
    ap.add_argument("--replay-only", action="store_true")
    ap.add_argument("--no-replay", action="store_true")
    ap.add_argument("--check", type=Path, help="classify one file and exit")
    ap.add_argument("--spine-opt", type=Path, default=SPINE_OPT)
    ap.add_argument("--mem-limit-mb", type=int, default=MEM_LIMIT_MB,
                    help="address-space limit of each spine-opt run (0: none, for ASan builds)")
    args = ap.parse_args()
    JOBS, SPINE_OPT, MEM_LIMIT_MB = args.jobs, args.spine_opt, args.mem_limit_mb
    if args.budget is None and args.minutes is None:
        args.budget = DEFAULT_BUDGET
    if not SPINE_OPT.exists():
        print(f"no {SPINE_OPT}: build spine-opt first")
        print("SUITE campaign: 0 passed, 1 failed")
        return 1
    if args.check:
        r = classify(args.check, args.timeout)
        print(f"fine ({r}: no crash, signal, hang or pipeline disagreement)" if not isinstance(r, tuple)
              else f"{r[0]}: {r[2]}\nsignature: {r[1]}")
        return 0 if not isinstance(r, tuple) else 1
    known = load_known()
    failed = 0
    if not args.no_replay:
        failed += replay(args.timeout, known)
    if not args.replay_only:
        with tempfile.TemporaryDirectory(prefix="spine-fuzz-") as d:
            failed += campaign(args, known, Path(d))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
