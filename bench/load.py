"""A small HTTP/1.1 load generator, for machines without wrk.

    python -m bench.load '<json spec>'   prints one JSON line of results

The spec: host, port, connections, seconds, warmup, method, path (may hold
"{n}", replaced by a number unique to each request), headers, body (may hold
"{n}" too). Each connection is kept alive and sends its next request as soon
as the previous answer has been read: a closed loop, like wrk's. It runs in a
process of its own; on a small machine it competes with the server for the
cores, which is why the benchmark reports ratios to the trivial view.
"""

import asyncio
import itertools
import json
import sys
import time


async def read_response(reader: asyncio.StreamReader) -> tuple[int, dict[str, str]]:
    status_line = await reader.readline()
    if not status_line:
        raise ConnectionError("closed")
    status = int(status_line.split()[1])
    headers = {}
    while (line := await reader.readline()) not in (b"\r\n", b"\n", b""):
        name, _, value = line.decode("latin-1").partition(":")
        headers[name.strip().lower()] = value.strip()
    if "content-length" in headers:
        await reader.readexactly(int(headers["content-length"]))
    elif headers.get("transfer-encoding", "").lower() == "chunked":
        while size := int((await reader.readline()).split(b";")[0], 16):
            await reader.readexactly(size + 2)
        await reader.readline()
    return status, headers


def build(spec: dict, n: int) -> bytes:
    path = spec["path"].replace("{n}", str(n))
    body = spec.get("body", "").replace("{n}", str(n)).encode()
    lines = [f"{spec['method']} {path} HTTP/1.1", f"Host: {spec['host']}:{spec['port']}"]
    lines += [f"{name}: {value}" for name, value in spec.get("headers", {}).items()]
    if body or spec["method"] == "POST":
        lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


async def connection(spec, numbers, stop_at, record):
    reader = writer = None
    while time.monotonic() < stop_at:
        try:
            if writer is None:
                reader, writer = await asyncio.open_connection(spec["host"], spec["port"])
            started = time.monotonic()
            writer.write(build(spec, next(numbers)))
            status, headers = await asyncio.wait_for(read_response(reader), timeout=10)
            record(started, time.monotonic(), status, headers)
            if headers.get("connection", "").lower() == "close":
                writer.close()
                writer = None
        except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError, IndexError):
            record(None, None, None, {})
            if writer is not None:
                writer.close()
            writer = None
    if writer is not None:
        writer.close()


async def run(spec: dict) -> dict:
    numbers = itertools.count(spec.get("start", 0))
    measuring_from = time.monotonic() + spec.get("warmup", 0)
    stop_at = measuring_from + spec["seconds"]
    latencies, errors, cache = [], 0, {"hit": 0, "miss": 0}

    def record(started, finished, status, headers):
        nonlocal errors
        if started is None:
            errors += time.monotonic() >= measuring_from
            return
        if started < measuring_from:
            return
        latencies.append(finished - started)
        if not 200 <= status < 400:
            errors += 1
        state = headers.get("x-cache", "").lower()
        if state in cache:
            cache[state] += 1

    await asyncio.gather(*(connection(spec, numbers, stop_at, record) for _ in range(spec["connections"])))
    latencies.sort()

    def percentile(p):
        return latencies[min(len(latencies) - 1, int(len(latencies) * p / 100))] * 1000 if latencies else None

    return {
        "requests": len(latencies),
        "rps": len(latencies) / spec["seconds"],
        "p50_ms": percentile(50),
        "p99_ms": percentile(99),
        "errors": errors,
        "cache_hits": cache["hit"],
        "cache_misses": cache["miss"],
    }


if __name__ == "__main__":
    print(json.dumps(asyncio.run(run(json.loads(sys.argv[1])))))
