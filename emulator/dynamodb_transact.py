"""TransactWriteItems that undoes a cancelled transaction from the items it touched, not from table copies.

moto 5.2.5 (`DynamoDBBackend.transact_write_items`) takes `copy.deepcopy` of every table a
transaction names, stream shard included, once per transact item, before applying anything, to
restore it on cancellation. The time per transaction then grows with everything the table and its
stream ever held: a stream append (two items) copies the whole log twice. Since moto also kept every
copied object (see `moto_untracked_models`), 300 such appends of 4 KB grew it by ~600 MB; freed,
the copies still leave the allocator ~20 MB larger. DynamoDB's cost does not depend on the table's size.

Here moto's loop runs unchanged, but before each item is applied its key and a copy of its current
value are noted, with where each touched table's stream goes on; a cancelled transaction puts those
items back and drops the stream records it wrote. Requests are serialized (`dynamodb_serialized`),
so nothing else changes the table meanwhile, and the outcome is moto's: the same cancellation
reasons in item order, the same `ALL_OLD` items, the same validation errors, stream records only
for a transaction that commits.
"""
import copy
from typing import Any

from moto.dynamodb.comparisons import get_filter_expression
from moto.dynamodb.exceptions import (
    ConditionalCheckFailed,
    MockValidationException,
    MultipleTransactionsException,
    TooManyTransactionsException,
    TransactionCanceledException,
    TransactWriteSingleOpException,
)
from moto.dynamodb.models import DynamoDBBackend
from moto.dynamodb.models.dynamo_type import DynamoType, Item
from moto.dynamodb.models.table import StreamShard, Table


class _Undo:
    """What a transaction changed: its items' former values, and where its tables' streams went on."""

    def __init__(self) -> None:
        self.items: list[tuple[Table, DynamoType, DynamoType | None, Item | None]] = []
        self.next_sequence_numbers: dict[str, tuple[StreamShard, int]] = {}

    def note(self, table: Table, hash_key: DynamoType, range_key: DynamoType | None, current: Item | None) -> None:
        """Called before an item is written (an Update changes the stored item in place, hence the copy)."""
        shard = table.stream_shard
        if shard is not None:
            self.next_sequence_numbers.setdefault(table.name, (shard, shard.starting_sequence_number + len(shard.items)))
        self.items.append((table, hash_key, range_key, copy.deepcopy(current)))

    def rollback(self) -> None:
        for table, hash_key, range_key, former in reversed(self.items):
            _restore(table, hash_key, range_key, former)
        # By sequence number, not position: dynamodb_stream_retention may drop old records meanwhile.
        for shard, first_written in self.next_sequence_numbers.values():
            del shard.items[first_written - shard.starting_sequence_number:]


def _restore(table: Table, hash_key: DynamoType, range_key: DynamoType | None, former: Item | None) -> None:
    if range_key is not None:
        if former is None:
            table.items[hash_key].pop(range_key, None)
        else:
            table.items[hash_key][range_key] = former
    elif former is None:
        table.items.pop(hash_key, None)
    else:
        table.items[hash_key] = former


def _transact_write_items(self: DynamoDBBackend, transact_items: list[dict[str, Any]]) -> None:
    """moto's own, with `undo` in place of the table copies (marked "changed")."""
    if len(transact_items) > 100:
        raise TooManyTransactionsException()
    undo = _Undo()  # changed

    target_items: set[tuple[str, str]] = set()

    def check_unicity(table_name: str, key: dict[str, Any]) -> None:
        item = (str(table_name), str(dict(sorted(key.items()))))
        if item in target_items:
            raise MultipleTransactionsException()
        target_items.add(item)

    errors: list[tuple[str, str, dict[str, Any]] | tuple[None, None, None]] = []  # [(Code, Message, Item), ..]
    for item in transact_items:
        original_item: dict[str, Any] | None = None
        # Check transact writes are not performing multiple operations on the same item
        if len(list(item.keys())) > 1:
            raise TransactWriteSingleOpException

        try:
            op_type, op = next(iter(item.items()))
            if op_type not in {"ConditionCheck", "Put", "Delete", "Update"}:
                raise ValueError("Unsupported transaction operation")

            table_name = op["TableName"]
            condition_expression = op.get("ConditionExpression")
            expression_attribute_names = op.get("ExpressionAttributeNames")
            expression_attribute_values = op.get("ExpressionAttributeValues")
            return_values_on_condition_check_failure = op.get("ReturnValuesOnConditionCheckFailure")

            if op_type == "Put":
                attrs = op["Item"]
                table = self.get_table(table_name)
                key = {table.hash_key_attr: attrs[table.hash_key_attr]}
                if table.range_key_attr is not None:
                    key[table.range_key_attr] = attrs[table.range_key_attr]
            else:
                key = op["Key"]

            check_unicity(table_name, key)

            # changed: moto's `self.get_item(table_name, key)`, keeping the key for `undo`
            table = self.get_table(table_name)
            hash_key, range_key = self.get_keys_value(table, key)
            current = table.get_item(hash_key, range_key)
            if condition_expression is not None:
                condition_op = get_filter_expression(
                    condition_expression,
                    expression_attribute_names,
                    expression_attribute_values,
                )
                if not condition_op.expr(current):
                    if return_values_on_condition_check_failure == "ALL_OLD" and current:
                        original_item = current.to_json()["Attributes"]
                    raise ConditionalCheckFailed(item=original_item)

            undo.note(table, hash_key, range_key, current)  # changed
            if op_type == "Put":
                attrs = op["Item"]
                self.put_item(
                    table_name,
                    attrs,
                    condition_expression=condition_expression,
                    expression_attribute_names=expression_attribute_names,
                    expression_attribute_values=expression_attribute_values,
                )
            elif op_type == "Delete":
                self.delete_item(
                    table_name,
                    key,
                    condition_expression=condition_expression,
                    expression_attribute_names=expression_attribute_names,
                    expression_attribute_values=expression_attribute_values,
                )
            elif op_type == "Update":
                update_expression = op["UpdateExpression"]
                self.update_item(
                    table_name,
                    key,
                    update_expression=update_expression,
                    condition_expression=condition_expression,
                    expression_attribute_names=expression_attribute_names,
                    expression_attribute_values=expression_attribute_values,
                )
            errors.append((None, None, None))
        except (MultipleTransactionsException, MockValidationException):
            # Rollback to the original state, and reraise the error
            undo.rollback()  # changed
            raise
        except ConditionalCheckFailed as e:
            errors.append(("ConditionalCheckFailed", str(e.message), original_item))  # type: ignore
        except Exception as e:  # noqa: E722 Do not use bare except
            # For other exceptions, capture their details
            errors.append((type(e).__name__, str(e), original_item))  # type: ignore

    if any(code is not None for code, _, _ in errors):
        # Rollback to the original state, and reraise the errors
        undo.rollback()  # changed
        raise TransactionCanceledException(errors)


DynamoDBBackend.transact_write_items = _transact_write_items
