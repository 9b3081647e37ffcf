"""Runs every FlagGems case (cases.py) and reports its outcome; with
--update, rewrites expected.json (what test_ops.py expects) and the table in
README.md's section "FlagGems operators on the CPU".

    build/venv/bin/python test/flaggems/run_cases.py [--update] [--only NAME ...]

Cases run in a worker process, in table order; a worker that dies (a kernel
crashing the process) or exceeds --timeout records "crash" / "hang" for its
case, and a new worker goes on with the next one.
"""

import argparse
import json
import os
import re
import selectors
import subprocess
import tempfile
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import harness  # noqa: E402

README = os.path.join(harness.REPO_ROOT, "README.md")
TABLE_BEGIN = "<!-- flaggems-table begin: test/flaggems/run_cases.py --update writes this table -->"
TABLE_END = "<!-- flaggems-table end -->"


def worker(keys):
    dirs = harness.setup_environment()
    try:
        import cases
        wanted = set(keys)
        for case, dtype in cases.all_params():
            key = harness.case_key(case, dtype)
            if key not in wanted:
                continue
            print("START " + key, flush=True)
            start = time.time()
            try:
                status, reason = harness.run_case(case, dtype)
                if case.flaky:
                    status, reason = "flaky", "%s (this run: %s%s)" % (case.flaky, status, ": " + reason if reason else "")
            except Exception as error:  # noqa: BLE001 -- a harness error is an outcome too
                status, reason = "error", "harness: %s: %s" % (type(error).__name__, str(error).splitlines()[0][:200]
                                                               if str(error) else "")
            print("RESULT " + json.dumps({"key": key, "status": status, "reason": reason,
                                          "seconds": round(time.time() - start, 2)}), flush=True)
    finally:
        harness.remove_dirs(dirs)


def run_all(keys, timeout, verbose=True):
    """-> {key: {status, reason, seconds}}: workers until every key has a result."""
    import cases
    flaky = {c.name: c.flaky for c in cases.CASES if c.flaky}
    results = {}
    pending = list(keys)
    while pending:
        log = tempfile.TemporaryFile(mode="w+")
        proc = subprocess.Popen([sys.executable, os.path.abspath(__file__), "--worker"], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, stderr=log, cwd=HERE, start_new_session=True)
        proc.stdin.write("\n".join(pending).encode())
        proc.stdin.close()
        current, started, buffer = None, time.time(), b""
        sel = selectors.DefaultSelector()
        sel.register(proc.stdout, selectors.EVENT_READ)
        while True:
            if sel.select(timeout=5):
                chunk = os.read(proc.stdout.fileno(), 65536)
                if not chunk:
                    break
                buffer += chunk
                while b"\n" in buffer:
                    line, buffer = buffer.split(b"\n", 1)
                    line = line.decode(errors="replace")
                    if line.startswith("START "):
                        current, started = line[6:].strip(), time.time()
                    elif line.startswith("RESULT "):
                        result = json.loads(line[7:])
                        key = result.pop("key")
                        results[key] = result
                        if verbose:
                            print("%-34s %-15s %6.1fs %s" % (key, result["status"], result["seconds"],
                                                            result["reason"][:150]), flush=True)
                        current = None
            if current is not None and time.time() - started > timeout:
                os.killpg(proc.pid, 9)  # the worker and the compiler tools it started
                results[current] = {"status": "hang", "reason": "no result within %ds" % timeout,
                                    "seconds": timeout}
                print("%-34s hang" % current, flush=True)
                break
        proc.wait()
        log.seek(0)
        stderr_tail = [line for line in log.read().splitlines() if line.strip()][-20:]
        log.close()
        if current is not None and current not in results and current.split("/")[0] in flaky:
            results[current] = {"status": "flaky", "reason": "%s (this run: crashed)" % flaky[current.split("/")[0]],
                                "seconds": round(time.time() - started, 2)}
        if current is not None and current not in results:
            signal = -proc.returncode if proc.returncode and proc.returncode < 0 else None
            names = {4: "SIGILL", 6: "SIGABRT", 7: "SIGBUS", 8: "SIGFPE", 11: "SIGSEGV"}
            results[current] = {"status": "crash", "reason": ("killed by %s" % names.get(signal, "signal %d" % signal))
                                if signal else
                                "worker exited (%s): %s" % (proc.returncode, (stderr_tail or [""])[-1][:200]),
                                "seconds": round(time.time() - started, 2)}
            print("%-34s crash %s" % (current, results[current]["reason"]), flush=True)
        pending = [k for k in pending if k not in results]
        if pending and current is None:  # the worker ended without starting the rest
            for key in pending:
                results[key] = {"status": "error", "reason": "worker ended: %s" % (stderr_tail or [""])[-1][:200],
                                "seconds": 0}
            break
    return results


def _status_summary(per_dtype):
    """'pass' | 'fail' ... or 'pass f32; fail f16, bf16'."""
    statuses = list(dict.fromkeys(s for _, s, _ in per_dtype))
    if len(statuses) == 1:
        return statuses[0]
    return "; ".join("%s %s" % (s, ", ".join(d for d, s2, _ in per_dtype if s2 == s)) for s in statuses)


def _reason_summary(per_dtype):
    reasons = []
    for dtype, status, reason in per_dtype:
        if status == "pass" or not reason:
            continue
        # one line per distinct reason (wrong-number reasons differ per dtype: keep each)
        short = reason.replace("|", "\\|")
        if status != "fail":
            short = re.sub(r" \[[^\]]*\]$", "", short)  # the kernel's name
        if short not in reasons:
            reasons.append(short)
    text = "; ".join(reasons)
    return text if len(text) <= 260 else text[:257] + "..."


def readme_table(expected):
    import cases
    rows = ["| operator | aten | dtypes | status | reason |", "|---|---|---|---|---|"]
    counts = {}
    for case in cases.CASES:
        per_dtype = []
        for dtype in case.dtypes:
            entry = expected.get(harness.case_key(case, dtype))
            if entry is None:
                continue
            per_dtype.append((harness.dtype_name(dtype), entry["status"], entry.get("reason", "")))
            counts[entry["status"]] = counts.get(entry["status"], 0) + 1
        if not per_dtype:
            continue
        rows.append("| `%s` | %s | %s | %s | %s |" % (case.name, case.aten, " ".join(d for d, _, _ in per_dtype),
                                                      _status_summary(per_dtype), _reason_summary(per_dtype)))
    op_counts = {}
    for case in cases.CASES:
        entries = [expected.get(harness.case_key(case, d)) for d in case.dtypes]
        entries = [e for e in entries if e]
        if not entries:
            continue
        kind = "pass" if all(e["status"] == "pass" for e in entries) else (
            "partly" if any(e["status"] == "pass" for e in entries) else "none")
        op_counts[kind] = op_counts.get(kind, 0) + 1
    summary = ("%d cases (operator x dtype) of %d operators: %s. Operators passing in every dtype: %d, in some: %d, "
               "in none: %d." % (sum(counts.values()), sum(op_counts.values()),
                                 ", ".join("%d %s" % (n, s) for s, n in sorted(counts.items(), key=lambda kv: -kv[1])),
                                 op_counts.get("pass", 0), op_counts.get("partly", 0), op_counts.get("none", 0)))
    return summary + "\n\n" + "\n".join(rows)


def update_readme(expected):
    with open(README) as f:
        text = f.read()
    if TABLE_BEGIN not in text or TABLE_END not in text:
        sys.exit("README.md has no %r ... %r markers" % (TABLE_BEGIN, TABLE_END))
    before, rest = text.split(TABLE_BEGIN, 1)
    _, after = rest.split(TABLE_END, 1)
    with open(README, "w") as f:
        f.write(before + TABLE_BEGIN + "\n" + readme_table(expected) + "\n" + TABLE_END + after)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--update", action="store_true", help="rewrite expected.json and README's table")
    parser.add_argument("--only", nargs="*", help="case names (all dtypes) or name/dtype keys")
    parser.add_argument("--timeout", type=float, default=300, help="seconds per case before it counts as a hang")
    parser.add_argument("--readme-only", action="store_true", help="rewrite README's table from expected.json")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker([line.strip() for line in sys.stdin if line.strip()])
        return 0
    expected = harness.load_expected()
    if args.readme_only:
        update_readme(expected)
        return 0
    import cases
    keys = [harness.case_key(c, d) for c, d in cases.all_params()]
    if args.only:
        keys = [k for k in keys if k in args.only or k.split("/")[0] in args.only]
    start = time.time()
    results = run_all(keys, args.timeout)
    counts = {}
    for r in results.values():
        counts[r["status"]] = counts.get(r["status"], 0) + 1
    print("%d cases in %.0fs: %s" % (len(results), time.time() - start,
                                     ", ".join("%d %s" % (n, s) for s, n in sorted(counts.items()))))
    changed = [k for k in keys if k in results and
               (expected.get(k, {}).get("status"), expected.get(k, {}).get("reason")) !=
               (results[k]["status"], results[k]["reason"])]
    for k in changed:
        print("changed: %s: %s -> %s" % (k, expected.get(k, {}).get("status"), results[k]["status"]))
    if args.update:
        all_keys = [harness.case_key(c, d) for c, d in cases.all_params()]
        merged = {}
        for k in all_keys:
            if k in results:
                merged[k] = {"status": results[k]["status"], "reason": results[k]["reason"]}
            elif k in expected:
                merged[k] = expected[k]
        with open(harness.EXPECTED_PATH, "w") as f:
            json.dump(merged, f, indent=1, sort_keys=False)
            f.write("\n")
        update_readme(merged)
        print("wrote %s and README.md's table" % harness.EXPECTED_PATH)
    return 0


if __name__ == "__main__":
    sys.exit(main())
