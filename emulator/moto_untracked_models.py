"""moto model objects freed once moto lets go of them.

moto 5.2.5 appends every model object it creates (`BaseModel.__new__`) to a list on its class,
`instances_tracked`, for its dashboard (`/moto-api/data.json`), and empties those lists only on a
reset. Every DynamoDB item ever written (an overwrite or a delete included), every stream record,
every SQS message and each received copy of it, every table copy a transaction takes: all stay in
memory for the server's lifetime, so the emulator grows with every write however little it stores.
AWS holds only what is stored. Here nothing is tracked: the dashboard lists no objects, which
nothing in Postroom reads (the emulator's readiness check only waits for its answer).
"""
from typing import Any

from moto.core.common_models import BaseModel


def _untracked_new(cls: type, *args: Any, **kwargs: Any) -> BaseModel:
    return super(BaseModel, cls).__new__(cls)  # type: ignore[misc]


BaseModel.__new__ = staticmethod(_untracked_new)  # type: ignore[method-assign, assignment]
