"""DynamoDB stream records kept for 24 hours and shard iterators valid for 15 minutes, as on AWS.

moto 5.2.5 keeps every stream record of a table (`StreamShard.items`) and every shard iterator it
hands out, one more per GetRecords call (`DynamoDBStreamsBackend.shard_iterators`), for the
server's lifetime. DynamoDB Streams removes records after 24 hours, and an iterator expires 15
minutes after it was returned. Here records past that age leave the front of the shard (sequence
numbers go on, so the shard's StartingSequenceNumber becomes its oldest kept record's, and
TRIM_HORIZON starts there); reading from a removed record is TrimmedDataAccessException and an
expired iterator ExpiredIteratorException, as on AWS (moto answered an unknown iterator with a 500).
Tests shorten both durations with POSTROOM_EMULATOR_STREAM_RECORD_SECONDS and
POSTROOM_EMULATOR_SHARD_ITERATOR_SECONDS.
"""
import os
import time
from datetime import timedelta
from typing import Any

from moto.core.exceptions import JsonRESTError
from moto.core.utils import utcnow
from moto.dynamodb.models.table import StreamShard
from moto.dynamodbstreams.models import DynamoDBStreamsBackend, ShardIterator

_record_lifetime = timedelta(seconds=float(os.environ.get("POSTROOM_EMULATOR_STREAM_RECORD_SECONDS", 24 * 3600)))
_iterator_seconds = float(os.environ.get("POSTROOM_EMULATOR_SHARD_ITERATOR_SECONDS", 15 * 60))


class TrimmedDataAccessException(JsonRESTError):
    def __init__(self) -> None:
        super().__init__("TrimmedDataAccessException", "The operation attempted to read past the oldest stream record in a shard.")


class ExpiredIteratorException(JsonRESTError):
    def __init__(self) -> None:
        super().__init__("ExpiredIteratorException", "The shard iterator has expired and can no longer be used to retrieve stream records.")


def _trim(shard: StreamShard) -> None:
    horizon = utcnow() - _record_lifetime
    expired = 0
    for record in shard.items:  # oldest first
        if record.record["dynamodb"]["ApproximateCreationDateTime"] >= horizon:
            break
        expired += 1
    del shard.items[:expired]
    shard.starting_sequence_number += expired


_add = StreamShard.add
_get = StreamShard.get


def _add_and_trim(self: StreamShard, old: Any, new: Any) -> None:
    _trim(self)
    _add(self, old, new)


def _get_kept(self: StreamShard, start: int, quantity: int) -> list[dict[str, Any]]:
    _trim(self)
    if start < self.starting_sequence_number:
        raise TrimmedDataAccessException()
    return _get(self, start, quantity)


StreamShard.add = _add_and_trim
StreamShard.get = _get_kept

_iterator_init = ShardIterator.__init__


def _iterator_init_with_expiry(self: ShardIterator, *args: Any, **kwargs: Any) -> None:
    _iterator_init(self, *args, **kwargs)
    self.expires_at = time.monotonic() + _iterator_seconds


def _forget_expired(backend: DynamoDBStreamsBackend) -> None:
    # Oldest first: the dict keeps the order iterators were handed out in (each has a fresh random id).
    now = time.monotonic()
    while backend.shard_iterators:
        arn, iterator = next(iter(backend.shard_iterators.items()))
        if iterator.expires_at > now:
            return
        del backend.shard_iterators[arn]


ShardIterator.__init__ = _iterator_init_with_expiry

_get_shard_iterator = DynamoDBStreamsBackend.get_shard_iterator
_get_records = DynamoDBStreamsBackend.get_records


def _get_shard_iterator_of_kept_records(self: DynamoDBStreamsBackend, arn: str, *args: Any, **kwargs: Any) -> ShardIterator:
    _forget_expired(self)
    shard = self._get_table_from_arn(arn).stream_shard
    if shard is not None:
        _trim(shard)  # so that TRIM_HORIZON is the oldest record kept
    return _get_shard_iterator(self, arn, *args, **kwargs)


def _get_records_of_live_iterator(self: DynamoDBStreamsBackend, iterator_arn: str, limit: int) -> dict[str, Any]:
    _forget_expired(self)
    if iterator_arn not in self.shard_iterators:
        raise ExpiredIteratorException()
    return _get_records(self, iterator_arn, limit)


DynamoDBStreamsBackend.get_shard_iterator = _get_shard_iterator_of_kept_records
DynamoDBStreamsBackend.get_records = _get_records_of_live_iterator
