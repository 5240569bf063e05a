"""Report checker plumbing benchmark: limits, --jobs, memory over big folders.

Prints, each measured in a fresh process (peak RSS of that process and of its children, the
budgeted workers included, from getrusage):

  limits   the hostile files of the hardening review (made here: a 1.1 MB DOCX inflating to
           1.1 GB, ~1 MB of DOCX holding 300 MB of paragraphs, a DOCX with gridSpan
           50,000,000, a 3 MB PDF of 20,000 pages sharing one content stream, a 2 GB file),
           through the CLI and through the web checker's WSGI application (the 2 GB upload
           as a real 2 GB body stream with its Content-Length): seconds to the refusal and
           extra memory over the same command on a tiny file;
  jobs     `check_report --jobs 1` against `--jobs 2` on 10,000 generated reports (the
           corpus generator, five forms), best of --repeat, with the machine's load;
  memory   peak RSS of `check_report --jsonl` over 10,000 and 100,000 small text files.

    .venv/bin/python bench/checker_bench.py               # everything (~10 minutes)
    .venv/bin/python bench/checker_bench.py limits        # one part
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
PYTHON = sys.executable
MB = 1024 * 1024


def load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


# --- One measured case, run in its own process ------------------------------------------


def peak_mb() -> tuple[float, float]:
    self_ = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return self_, children


def case_cli(path: str) -> dict:
    started = time.monotonic()
    result = subprocess.run(
        [PYTHON, "-m", "gongkai.reportengine", path, "--json"], capture_output=True, text=True
    )
    seconds = time.monotonic() - started
    _, children = peak_mb()
    return {"seconds": seconds, "peak_mb": children, "answer": result.stderr.strip()[-120:]}


class Body:
    """A request body of ``size`` bytes made on the fly, counting what the server reads."""

    def __init__(self, head: bytes, size: int):
        self.head, self.size, self.read_bytes = head, size, 0

    def read(self, n: int = -1) -> bytes:
        left = self.size - self.read_bytes
        n = left if n is None or n < 0 else min(n, left)
        n = min(n, 8 * MB)
        out = (self.head[self.read_bytes : self.read_bytes + n]).ljust(n, b"0")
        self.read_bytes += n
        return out

    def readline(self, n: int = -1) -> bytes:
        return self.read(min(n if n and n > 0 else 65536, 65536))


def multipart(name: str, data: bytes) -> tuple[bytes, str]:
    boundary = "benchboundary"
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="{name}"\r\n'
        "Content-Type: application/octet-stream\r\n\r\n"
    ).encode()
    return head + data + f"\r\n--{boundary}--\r\n".encode(), boundary


def case_web(path: str | None, size: int = 0) -> dict:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    from gongkai.wsgi import application

    if path is None:  # a 2 GB upload: the head of a multipart body, then zeros
        head, boundary = multipart("huge.pdf", b"%PDF-1.4\n")
        body = Body(head[:-30], size)
    else:
        data, boundary = multipart(Path(path).name, Path(path).read_bytes())
        body = Body(data, len(data))
    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": "/reports/check/",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8102",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_HOST": "127.0.0.1",
        "HTTP_ACCEPT": "application/json",
        "CONTENT_TYPE": f"multipart/form-data; boundary={boundary}",
        "CONTENT_LENGTH": str(body.size),
        "wsgi.input": body,
        "wsgi.url_scheme": "http",
        "wsgi.errors": sys.stderr,
    }
    before, _ = peak_mb()
    started = time.monotonic()
    status = []
    chunks = application(environ, lambda s, h, *a: status.append(s))
    answer = b"".join(chunks).decode()
    seconds = time.monotonic() - started
    after, children = peak_mb()
    return {
        "seconds": seconds,
        "peak_mb": max(after, children),
        "baseline_mb": before,
        "status": status[0],
        "read_mb": body.read_bytes / MB,
        "answer": answer,
    }


# --- Parts --------------------------------------------------------------------------------


def web_database(tmp: Path) -> None:
    """A database of the bench's own (the web checker needs its cache table)."""
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp / 'bench.sqlite3'}"
    os.environ["GONGKAI_DATA_DIR"] = str(tmp / "data")
    gongkai = str(Path(PYTHON).with_name("gongkai"))
    for command in (["migrate", "--no-input"], ["createcachetable"]):
        subprocess.run([gongkai, *command], check=True, capture_output=True, cwd=ROOT)


def run_case(*args: str) -> dict:
    out = subprocess.run(
        [PYTHON, __file__, "_case", *args], capture_output=True, text=True, cwd=ROOT
    )
    if out.returncode:
        raise SystemExit(out.stderr)
    return json.loads(out.stdout.strip().splitlines()[-1])


def part_limits(tmp: Path) -> None:
    from gongkai.reportengine.tests import hostile

    files = {
        "zip bomb DOCX (1.1 GB inflated)": ("bomb.docx", hostile.zip_bomb_docx()),
        "DOCX with 300 MB of paragraphs": ("paragraphs.docx", hostile.paragraphs_docx()),
        "DOCX with gridSpan 50,000,000": ("span.docx", hostile.grid_span_docx()),
        "PDF of 20,000 pages, one stream": ("pages.pdf", hostile.many_pages_pdf()),
    }
    web_database(tmp)
    tiny = tmp / "tiny.txt"
    tiny.write_text("会议纪要。\n", encoding="utf-8")
    huge = tmp / "huge.pdf"
    with open(huge, "wb") as handle:
        handle.write(b"%PDF-1.4\n")
        handle.truncate(2 * 1024 * MB)
    base_cli = run_case("cli", str(tiny))["peak_mb"]
    base_web = run_case("web", str(tiny))
    print(f"limits (load {load()}); extra memory = peak RSS minus the same call on a tiny file")
    print(f"  baseline: CLI {base_cli:.0f} MB, web {base_web['peak_mb']:.0f} MB")
    print("| input | size | CLI s | CLI extra MB | web s | web extra MB | web status | answer |")
    print("|---|---|---|---|---|---|---|---|")
    for label, (name, data) in files.items():
        path = tmp / name
        path.write_bytes(data)
        cli = run_case("cli", str(path))
        web = run_case("web", str(path))
        answer = json.loads(web["answer"][web["answer"].index("[") :])[0].get("unreadable")
        print(
            f"| {label} | {len(data) / MB:.1f} MB | {cli['seconds']:.2f} | "
            f"{max(cli['peak_mb'] - base_cli, 0):.0f} | {web['seconds']:.2f} | "
            f"{max(web['peak_mb'] - base_web['peak_mb'], 0):.0f} | {web['status']} | {answer} |"
        )
    cli = run_case("cli", str(huge))
    web = run_case("web-huge", str(2 * 1024 * MB))
    print(
        f"| 2 GB file / upload | 2048 MB | {cli['seconds']:.2f} | {max(cli['peak_mb'] - base_cli, 0):.0f} | "
        f"{web['seconds']:.2f} | {max(web['peak_mb'] - base_web['peak_mb'], 0):.0f} | {web['status']} | "
        f"{json.loads(web['answer'])['error']} (body read: {web['read_mb']:.0f} MB) |"
    )


def generate_reports(folder: Path, count: int) -> None:
    from gongkai.reportengine.corpus import FORMS, generate

    folder.mkdir(parents=True, exist_ok=True)
    for i, sample in enumerate(generate(count // len(FORMS) + 1, seed=2026)):
        if i >= count:
            break
        (folder / sample.name).write_bytes(sample.data)


def timed_cli(folder: Path, *options: str) -> float:
    started = time.monotonic()
    subprocess.run(
        [PYTHON, "-m", "gongkai.reportengine", str(folder), "--quiet", *options],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.monotonic() - started


def burn(n: int = 15_000_000) -> int:
    total = 0
    for i in range(n):
        total += i
    return total


def machine_ceiling() -> float:
    """What two processes gain over one right now on this shared machine: a pure CPU loop
    run twice in a row, then in two processes at once (other helpers share the cores)."""
    import multiprocessing

    started = time.monotonic()
    burn(), burn()
    serial = time.monotonic() - started
    started = time.monotonic()
    with multiprocessing.get_context("fork").Pool(2) as pool:
        pool.map(burn, [15_000_000, 15_000_000])
    return serial / (time.monotonic() - started)


def part_jobs(tmp: Path, count: int, repeat: int) -> None:
    folder = tmp / "reports"
    generate_reports(folder, count)
    print(
        f"jobs: {count:,} generated reports (five forms), --jobs 1 then --jobs 2, {repeat} rounds"
    )
    best = 0.0
    for _ in range(repeat):
        ceiling = machine_ceiling()
        before = load()
        one = timed_cli(folder, "--jobs", "1")
        two = timed_cli(folder, "--jobs", "2")
        best = max(best, one / two)
        print(
            f"  --jobs 1 {one:.1f} s ({count / one:.0f}/s), --jobs 2 {two:.1f} s "
            f"({count / two:.0f}/s): {one / two:.2f}x; the machine's own 2-process ceiling "
            f"just before: {ceiling:.2f}x (load {before})"
        )
    print(f"  best speed-up: {best:.2f}x")


def part_memory(tmp: Path, counts: list[int]) -> None:
    print(f"memory: check_report --jsonl over small text files (load {load()})")
    for count in counts:
        folder = tmp / f"small-{count}"
        folder.mkdir()
        for i in range(count):
            (folder / f"{i:06d}.txt").write_text(f"第 {i} 号会议纪要。\n", encoding="utf-8")
        result = run_case("memory", str(folder))
        print(
            f"  {count:>7,} files: {result['seconds']:.0f} s, peak RSS {result['peak_mb']:.0f} MB "
            f"(largest process of the run)"
        )
        shutil.rmtree(folder)


def case_memory(folder: str) -> dict:
    started = time.monotonic()
    subprocess.run(
        [PYTHON, "-m", "gongkai.reportengine", folder, "--jsonl"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return {"seconds": time.monotonic() - started, "peak_mb": peak_mb()[1]}


def main() -> None:
    if sys.argv[1:2] == ["_case"]:
        kind, arg = sys.argv[2], sys.argv[3]
        result = {
            "cli": lambda: case_cli(arg),
            "web": lambda: case_web(arg),
            "web-huge": lambda: case_web(None, int(arg)),
            "memory": lambda: case_memory(arg),
        }[kind]()
        print(json.dumps(result, ensure_ascii=False))
        return
    parser = argparse.ArgumentParser()
    parser.add_argument("parts", nargs="*", default=["limits", "jobs", "memory"])
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--memory-counts", default="10000,100000")
    options = parser.parse_args()
    print(f"checker bench: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    tmp = Path(tempfile.mkdtemp(prefix="gongkai-checker-bench-"))
    try:
        if "limits" in options.parts:
            part_limits(tmp)
        if "jobs" in options.parts:
            part_jobs(tmp, options.files, options.repeat)
        if "memory" in options.parts:
            part_memory(tmp, [int(n) for n in options.memory_counts.split(",")])
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
