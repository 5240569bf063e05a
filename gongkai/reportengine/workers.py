"""Check files in worker processes with a time and memory budget each (limits.FILE_SECONDS,
limits.FILE_MEMORY_BYTES).

A report is read in a forked child whose address space is capped (``RLIMIT_AS``) and which
is killed when its wall-clock budget is spent, so one hostile or pathological file costs at
most its budget and never takes the caller (a web worker, the CLI, the background worker)
down with it. ``jobs`` children work at once; each takes one file at a time and is replaced
when it dies or is killed. Results come back in the order they finish, with their index.

Linux-only for the memory cap (elsewhere only the time budget applies).
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any

from . import limits

TIMED_OUT = "检查超过每份 {seconds:g} 秒的时限，已停止（文件可能过大或异常）"
DIED = "检查进程异常退出（可能超过每份 {memory} 的内存限额），已停止"
OUT_OF_MEMORY = "检查超过每份 {memory} 的内存限额，已停止"
OUT_OF_TIME = "本次检查的总时限已到，此文件未检查完"


@dataclass(frozen=True)
class Budget:
    """What one file may cost: seconds of wall clock, bytes of extra address space."""

    seconds: float = limits.FILE_SECONDS
    memory: int = limits.FILE_MEMORY_BYTES
    hint: str = ""  # what the reader can do instead, appended to a refusal

    def message(self, template: str) -> str:
        text = template.format(seconds=self.seconds, memory=limits.megabytes(self.memory))
        return f"{text}；{self.hint}" if self.hint else text


def _address_space() -> int:
    """This process's current virtual size in bytes (0 where /proc is not there)."""
    try:
        with open("/proc/self/statm") as handle:
            return int(handle.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _cap_memory(extra: int) -> None:
    current = _address_space()
    if current:
        limit = current + extra
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _child(conn: Connection, work: Callable[[Any], Any], budget: Budget, on_error) -> None:
    _cap_memory(budget.memory)
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        try:
            result = work(task)
        except MemoryError:
            result = on_error(task, budget.message(OUT_OF_MEMORY))
        try:
            conn.send(result)
        except MemoryError:
            conn.send(on_error(task, budget.message(OUT_OF_MEMORY)))


class _Worker:
    def __init__(self, context, work, budget, on_error):
        self.conn, child_end = multiprocessing.Pipe()
        self.process = context.Process(
            target=_child, args=(child_end, work, budget, on_error), daemon=True
        )
        self.process.start()
        child_end.close()
        self.task: tuple[int, Any] | None = None
        self.started = 0.0

    def give(self, index: int, task: Any) -> None:
        self.task = (index, task)
        self.started = time.monotonic()
        self.conn.send(task)

    def stop(self, kill: bool = False) -> None:
        if kill:
            self.process.kill()
        else:
            try:
                self.conn.send(None)
            except OSError:
                pass
        self.process.join(5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.conn.close()


def run_budgeted(
    tasks: Iterable[Any],
    work: Callable[[Any], Any],
    on_error: Callable[[Any, str], Any],
    *,
    jobs: int = 1,
    budget: Budget | None = None,
    deadline: float | None = None,
    should_stop: Callable[[], bool] = lambda: False,
) -> Iterator[tuple[int, Any]]:
    """``(index, work(task))`` for each task, as they finish, each in a budgeted child.

    ``on_error(task, message)`` makes the result of a task whose child ran out of time or
    memory or died. ``deadline`` (``time.monotonic()`` value) bounds the whole run: tasks not
    finished by then get ``on_error`` too. ``should_stop()`` is asked between results (a
    client that has gone): when true the children are killed and the run ends.
    """
    budget = budget or Budget()
    context = multiprocessing.get_context("fork")
    pending = iter(enumerate(tasks))
    workers: list[_Worker] = []
    exhausted = False
    try:
        while True:
            idle = [w for w in workers if w.task is None]
            while not exhausted and (idle or len(workers) < max(jobs, 1)):
                try:
                    index, task = next(pending)
                except StopIteration:
                    exhausted = True
                    break
                if deadline is not None and time.monotonic() >= deadline:
                    yield index, on_error(task, budget.message(OUT_OF_TIME))
                    continue
                if not idle:
                    workers.append(_Worker(context, work, budget, on_error))
                    idle = [workers[-1]]
                idle.pop().give(index, task)
            busy = [w for w in workers if w.task is not None]
            if not busy:
                return
            now = time.monotonic()
            ends = [w.started + budget.seconds for w in busy]
            if deadline is not None:
                ends.append(deadline)
            ready = wait([w.conn for w in busy], timeout=max(min(ends) - now, 0))
            for worker in busy:
                index, task = worker.task
                if worker.conn in ready:
                    try:
                        result = worker.conn.recv()
                    except (EOFError, OSError):
                        result = on_error(task, budget.message(DIED))
                        worker.stop(kill=True)
                        workers.remove(worker)
                    worker.task = None
                    yield index, result
                elif time.monotonic() >= worker.started + budget.seconds:
                    worker.stop(kill=True)
                    workers.remove(worker)
                    yield index, on_error(task, budget.message(TIMED_OUT))
                elif deadline is not None and time.monotonic() >= deadline:
                    worker.stop(kill=True)
                    workers.remove(worker)
                    yield index, on_error(task, budget.message(OUT_OF_TIME))
            if should_stop():
                return
    finally:
        for worker in workers:
            worker.stop(kill=worker.task is not None)
