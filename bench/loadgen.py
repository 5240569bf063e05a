"""A bounded HTTP load loop (run as its own process by catalog_bench.py).

``python bench/loadgen.py PORT CLIENTS REQUESTS URL_FILE``: CLIENTS threads share REQUESTS
requests to 127.0.0.1:PORT, taking URLs in turn from URL_FILE (one path a line), one new
connection per request (gunicorn's sync workers close after each response). Prints one JSON
line: count, errors, seconds, p50/p95/p99 in ms. Stops by itself; loopback only.
"""

from __future__ import annotations

import http.client
import itertools
import json
import sys
import threading
import time


def main() -> None:
    port, clients, total, url_file = (
        int(sys.argv[1]),
        int(sys.argv[2]),
        int(sys.argv[3]),
        sys.argv[4],
    )
    with open(url_file, encoding="utf-8") as handle:
        urls = [line.strip() for line in handle if line.strip()]
    counter = itertools.count()
    lock = threading.Lock()
    latencies: list[float] = []
    errors: list[str] = []

    def client() -> None:
        while True:
            n = next(counter)
            if n >= total:
                return
            path = urls[n % len(urls)]
            start = time.perf_counter()
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                conn.request("GET", path)
                response = conn.getresponse()
                response.read()
                conn.close()
                ok = response.status == 200
            except Exception as exc:  # noqa: BLE001 - any failure is an error row
                ok, response = False, exc
            elapsed = time.perf_counter() - start
            with lock:
                latencies.append(elapsed)
                if not ok:
                    errors.append(f"{path}: {getattr(response, 'status', response)}")

    threads = [threading.Thread(target=client) for _ in range(clients)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - began
    latencies.sort()

    def pct(p: float) -> float:
        return latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000

    print(
        json.dumps(
            {
                "count": len(latencies),
                "errors": len(errors),
                "first_errors": errors[:3],
                "seconds": seconds,
                "rps": len(latencies) / seconds,
                "p50": pct(0.50),
                "p95": pct(0.95),
                "p99": pct(0.99),
            }
        )
    )


if __name__ == "__main__":
    main()
