"""DynamoDB requests handled one at a time.

moto applies a TransactWriteItems item by item without a lock and undoes a cancelled one by
restoring a snapshot of the table, so with requests in flight at once (moto's server is threaded)
one transaction can wipe out what another committed, or a reader can see a half-applied one.
DynamoDB serializes conflicting transactions; one lock around moto's DynamoDB handler gives the
same guarantee, so that code behaving correctly on DynamoDB behaves correctly here.
"""
import threading

from moto.dynamodb.responses import DynamoHandler

_lock = threading.Lock()
_call_action = DynamoHandler.call_action


def _serialized_call_action(self):
    with _lock:
        return _call_action(self)


DynamoHandler.call_action = _serialized_call_action
