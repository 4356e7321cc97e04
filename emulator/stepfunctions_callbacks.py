"""Task-token callbacks as AWS Step Functions runs them (moto 5.2.5 differs in two ways).

- moto drops SendTaskFailure's `cause`; AWS records it in TaskFailed and in a Catch's error output,
  where a saga keeps it for whoever resolves a failure by hand.
- moto reuses the first attempt's task token (and its answer) for every retry of a
  `.waitForTaskToken` task, so a retry takes the stale failure at once; AWS gives each attempt a
  fresh token, and a retry waits for a new answer.
"""
from moto.core.responses import EmptyResult
from moto.stepfunctions.parser.asl.component.state.exec.state_task.service.resource import ResourceCondition
from moto.stepfunctions.parser.asl.component.state.exec.state_task.service.state_task_service_callback import (
    StateTaskServiceCallback,
)
from moto.stepfunctions.responses import StepFunctionResponse


def _send_task_failure(self):
    self.stepfunction_backend.send_task_failure(
        self._get_param("taskToken"), error=self._get_param("error"), cause=self._get_param("cause")
    )
    return EmptyResult()


StepFunctionResponse.send_task_failure = _send_task_failure

_eval_execution = StateTaskServiceCallback._eval_execution


def _eval_execution_with_fresh_token(self, env):
    if (
        self._is_integration_pattern()
        and ResourceCondition.WaitForTaskToken in self._supported_integration_patterns
        and env.states.context_object.context_object_data["State"].get("RetryCount", 0) > 0
    ):
        env.callback_pool_manager.add(env.states.context_object.update_task_token())
    return _eval_execution(self, env)


StateTaskServiceCallback._eval_execution = _eval_execution_with_fresh_token
