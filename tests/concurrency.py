"""Running several calls at the same moment, for the tests of concurrent saves."""
from __future__ import annotations

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
