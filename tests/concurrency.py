"""Running several calls at the same moment, in threads or in processes, for the tests of concurrent saves."""
from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Callable, Sequence


def at_once(call: Callable, arguments: Sequence[tuple]) -> list:
    """Call ``call(*args)`` for every tuple in threads released together; returns each call's result or
    the exception it raised, in the order of ``arguments``."""
    barrier = threading.Barrier(len(arguments))
    outcomes: list = [None] * len(arguments)

    def run(index: int, args: tuple) -> None:
        barrier.wait()
        try:
            outcomes[index] = call(*args)
        except Exception as exc:   # noqa: BLE001 - handed back to the test
            outcomes[index] = exc

    threads = [threading.Thread(target=run, args=(i, args)) for i, args in enumerate(arguments)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def in_processes(target: Callable, arguments: Sequence[tuple], timeout: float = 120) -> list[int | None]:
    """Run ``target(*args)`` in a new (spawned) process for every tuple, all at once, and wait for them;
    returns their exit codes. Spawned children start afresh: no database connection or cache is inherited,
    as with the workers of a server (they do inherit the environment, ``$TMS_DATABASE_URL`` included)."""
    context = multiprocessing.get_context("spawn")
    processes = [context.Process(target=target, args=args) for args in arguments]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout)
    return [process.exitcode for process in processes]


def save_in_process(root: str, account, saves: list[tuple[str, str, str]]) -> None:
    """In a child process: save ``(key, revision, target)`` in turn to the demo article's Japanese catalog."""
    from tms.services import review
    from tms.storage.layout import Project

    project = Project(root)
    for key, revision, target in saves:
        review.save_segment(project, account, "demo", "ja", key, target, None, revision)
