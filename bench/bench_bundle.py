"""The desktop bundle's size on disk and its launch time to the first (unlock) window.

Run from the checkout: ``.venv/bin/python bench/bench_bundle.py [--bundle DIR] [--runs N]``.
Without ``--bundle`` it builds one from build.spec first (and prints how long that took). It then
makes a vault in a temporary folder, so that the first window is the unlock window, and launches
the app from the bundle and from source alternately, ``--runs`` times each, offscreen, with
``OXFIELD_MEASURE_LAUNCH=1`` (the app quits as soon as its first window is shown). Printed: size
and file count of the bundle, then median wall and CPU time to the first window for each, and
the ratio; finally the time of one ``--self-test`` run each. CPU time is the steadier figure on a
shared machine.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from oxfield.services.vaults import create_vault  # noqa: E402
from tests.e2e.bundle import build_bundle, clean_env, executable  # noqa: E402


def _size(folder: Path) -> tuple[int, int]:
    """Bytes and count of regular files, not following links (the bundle links some folders)."""
    total = count = 0
    for dirpath, _dirs, names in os.walk(folder):
        for name in names:
            path = Path(dirpath) / name
            if not path.is_symlink():
                total += path.stat().st_size
                count += 1
    return total, count


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _launch(argv: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """Wall seconds until the first window line, CPU seconds of the whole run, window class."""
    cpu0 = _children_cpu()
    start = time.perf_counter()
    proc = subprocess.Popen(
        argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    assert proc.stdout is not None
    shown, window = float("nan"), "?"
    for line in proc.stdout:
        if line.startswith("first window: "):
            shown = time.perf_counter() - start
            window = line.split()[2]
    proc.wait(timeout=120)
    return shown, _children_cpu() - cpu0, window


def _timed(argv: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    cpu0 = _children_cpu()
    start = time.perf_counter()
    out = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=600)
    for line in out.stdout.splitlines():
        if line.startswith("FAIL"):
            print(f"  {line}")
    return time.perf_counter() - start, _children_cpu() - cpu0, out.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", type=Path, help="an already built bundle folder")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="oxfield-bench-") as tmp:
        work = Path(tmp)
        bundle = args.bundle
        if bundle is None:
            start, cpu0 = time.perf_counter(), _children_cpu()
            bundle = build_bundle(work / "build")
            print(
                f"build: {time.perf_counter() - start:.1f} s wall, "
                f"{_children_cpu() - cpu0:.1f} s CPU"
            )
        size, count = _size(bundle)
        print(f"bundle: {bundle.name}, {size / 2**20:.1f} MiB on disk in {count} files")

        vault = work / "vault" / "vault.oxv"
        create_vault(vault, "bench passphrase, not secret").vault.lock()
        home = work / "home"
        home.mkdir()
        env = clean_env(home, OXFIELD_MEASURE_LAUNCH="1")
        src_env = dict(env, PYTHONPATH=str(ROOT))
        commands = {
            "bundle": ([str(executable(bundle)), "--vault", str(vault)], env),
            "source": ([sys.executable, "-m", "ui.cli", "--vault", str(vault)], src_env),
        }
        results: dict[str, list[tuple[float, float, str]]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, (argv, e) in commands.items():
                results[name].append(_launch(argv, e))

        print(f"\nlaunch to first window, median of {args.runs} (offscreen):")
        print(f"{'from':8} {'window':16} {'wall s':>8} {'CPU s':>8}")
        medians = {}
        for name, runs in results.items():
            wall = statistics.median(r[0] for r in runs)
            cpu = statistics.median(r[1] for r in runs)
            medians[name] = (wall, cpu)
            print(f"{name:8} {runs[0][2]:16} {wall:8.2f} {cpu:8.2f}")
        ratio_wall = medians["bundle"][0] / medians["source"][0]
        ratio_cpu = medians["bundle"][1] / medians["source"][1]
        print(f"bundle/source: wall x{ratio_wall:.2f}, CPU x{ratio_cpu:.2f}")

        print("\n--self-test, one run each:")
        plain = clean_env(home)
        for name, argv, e in (
            ("bundle", [str(executable(bundle)), "--self-test"], plain),
            (
                "source",
                [sys.executable, "-m", "ui.cli", "--self-test"],
                dict(plain, PYTHONPATH=str(ROOT)),
            ),
        ):
            wall, cpu, code = _timed(argv, e)
            print(f"{name:8} {wall:8.2f} s wall {cpu:8.2f} s CPU  exit {code}")


if __name__ == "__main__":
    main()
