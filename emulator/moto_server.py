"""Runs moto's server with the fixes Postroom needs to behave here as it does on AWS.

Each imported module patches moto when imported; see its docstring for what and why.
exit_with_parent and call_recording are not fixes of moto: the one ends this process with the one that
started it, the other records the calls made with functions' roles for the suites' IAM proof.
"""
import call_recording  # noqa: F401
import cloudwatch_sqs_metrics  # noqa: F401
import dynamodb_serialized  # noqa: F401
import dynamodb_stream_retention  # noqa: F401
import dynamodb_transact  # noqa: F401
import exit_with_parent  # noqa: F401
import moto_untracked_models  # noqa: F401
import sns_all_subscriptions  # noqa: F401
import sns_sent_notifications  # noqa: F401
import sqs_delete_atomic  # noqa: F401
import sqs_deleted_receipts  # noqa: F401
import sqs_queue_depth  # noqa: F401
import sqs_receive_atomic  # noqa: F401
import stepfunctions_callbacks  # noqa: F401
from moto.server import main

if __name__ == "__main__":
    main()
