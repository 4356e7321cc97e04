// The saga and task routes: one family, imported together on the first request for any of them (operations/index.ts).
export { sendTaskFailure, sendTaskSuccess } from './answer-task.ts';
export { describeSagaExecution } from './describe-saga-execution.ts';
export { listSagaExecutions } from './list-saga-executions.ts';
export { listSagas } from './list-sagas.ts';
export { startSagaExecution } from './start-saga-execution.ts';
