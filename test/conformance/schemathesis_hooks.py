"""Schemathesis hooks for test/conformance/schemathesis.test.ts (loaded by schemathesis.toml)."""

import schemathesis

# Valid waits are cut to these, so that the run stays within a few minutes: a receive long-polls
# for up to 20 s and an RPC waits up to 25 s for a reply that no responder sends. Values outside
# the documented ranges are kept, so that negative cases still test the API's refusals.
SHORTENED = {"waitSeconds": (20, 1), "timeoutMs": (25_000, 500)}


@schemathesis.hook
def map_case(context, case):
    if isinstance(case.body, dict):
        for member, (longest, shortened) in SHORTENED.items():
            value = case.body.get(member)
            if type(value) is int and shortened < value <= longest:
                case.body[member] = shortened
    return case
