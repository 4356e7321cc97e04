"""Records the calls made with an assumed role's credentials, for the IAM proof of the test suites.

Not a fix of moto: moto enforces no IAM, and its own request recorder (MOTO_ENABLE_RECORDING) keeps
every request's headers and base64 body, caller or not, in unlocked appends. On AWS each Lambda
function calls with its execution role's session; the local runtime gives each function such a
session (sts:AssumeRole here), so the caller of a request is the role its access key was issued for.
With POSTROOM_IAM_LOG set to a directory, each call made with such a key appends one JSON line to
calls.jsonl there (the local runtime writes the roles' policies beside it): the role, the session
(the function's name), the service, the operation and its parameters, long strings (message bodies,
item values) cut to their first 256 characters, since only names and ARNs matter to IAM. Without
it, nothing changes.
"""
import json
import os
import threading
from typing import Any

from urllib.parse import unquote

from moto.core.responses import BaseResponse
from moto.s3.responses import S3Response
from moto.sts.models import sts_backends

_log_dir = os.environ.get("POSTROOM_IAM_LOG")
_log_path = os.path.join(_log_dir, "calls.jsonl") if _log_dir else None
_lock = threading.Lock()
_LONGEST_STRING = 256


def _shortened(value: Any) -> Any:
    if isinstance(value, str):
        # The head of a long string is kept: moto's shard iterators start with their stream's ARN.
        return value[:_LONGEST_STRING]
    if isinstance(value, (bytes, bytearray)):
        return ""
    if isinstance(value, dict):
        return {key: _shortened(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_shortened(item) for item in value]
    if isinstance(value, (int, float, bool)) or value is None:
        return value
    return str(value)[:64]


def _parameters(response: BaseResponse) -> Any:
    # Parsed by moto from the operation's model where the service opts in (DynamoDB, SQS…).
    parsed = getattr(response, "params", None)
    if isinstance(parsed, dict) and parsed:
        return parsed
    body = getattr(response, "body", None)
    if isinstance(body, bytes):
        body = body.decode("utf-8", errors="replace")
    if isinstance(body, str) and body.startswith("{"):
        try:
            return json.loads(body)
        except ValueError:
            pass
    # The query protocol's parameters, each a list of its values: one value stands for itself.
    return {name: values[0] if len(values) == 1 else values for name, values in response.querystring.items()}


def _record(response: BaseResponse, operation: str | None = None, parameters: Any = None) -> None:
    account = sts_backends[response.current_account]["aws"]
    session = account.get_assumed_role_from_access_key(response.access_key)
    if session is None:
        return  # the runtime's or a test's own call: nobody's role
    line = json.dumps(
        {
            "role": session.role_arn,
            "session": session.session_name,
            "service": response.service_name,
            "operation": operation or response._get_action(),
            "parameters": _shortened(parameters if parameters is not None else _parameters(response)),
        }
    )
    with _lock, open(_log_path, "a", encoding="utf-8") as log:  # type: ignore[arg-type]
        log.write(line + "\n")


# S3's REST protocol does not pass through call_action: its object requests (the claim check's
# PutObject, GetObject and CopyObject) are told apart by method and header here.
_S3_OBJECT_OPERATIONS = {"GET": "GetObject", "HEAD": "HeadObject", "PUT": "PutObject", "DELETE": "DeleteObject"}


def _record_s3_object(response: Any, request: Any, full_url: str) -> None:
    copy_source = request.headers.get("x-amz-copy-source")
    operation = "CopyObject" if request.method == "PUT" and copy_source else _S3_OBJECT_OPERATIONS.get(request.method)
    # SDKs name the operation in `x-id`; any other parameter is a subresource (tagging, ACL,
    # multipart…), which Postroom does not use.
    if operation is None or set(response.querystring) - {"x-id"}:
        return
    parameters = {"Bucket": response.parse_bucket_name_from_url(request, full_url), "Key": response.parse_key_name()}
    if copy_source:
        parameters["CopySource"] = unquote(copy_source)
    _record(response, operation, parameters)


if _log_path:
    os.makedirs(_log_dir, exist_ok=True)  # type: ignore[arg-type]
    _call_action = BaseResponse.call_action

    def _call_action_recorded(self: BaseResponse) -> Any:
        _record(self)
        return _call_action(self)

    BaseResponse.call_action = _call_action_recorded  # type: ignore[method-assign]

    _key_response = S3Response._key_response

    def _key_response_recorded(self: S3Response, request: Any, full_url: str) -> Any:
        _record_s3_object(self, request, full_url)
        return _key_response(self, request, full_url)

    S3Response._key_response = _key_response_recorded  # type: ignore[method-assign]
