import { SagaCatalog } from '../adapters/saga-catalog.ts';
import { SagaExecutions } from '../adapters/saga-executions.ts';
import { sfn } from '../adapters/step-functions.ts';
import { TaskAnswers } from '../adapters/task-answers.ts';
import { SagaArns } from '../core/sagas/saga-arns.ts';
import { readApiConfig, requiredVariable } from './config.ts';
import { ApiEnvironment } from './environment.ts';

/** What the saga operations work with; load it through saga-services-loader.ts. */
export interface SagaServices {
  readonly catalog: SagaCatalog;
  readonly executions: SagaExecutions;
  readonly tasks: TaskAnswers;
}

let services: SagaServices | undefined;

/** The saga half of the composition root (services.ts), built on first use. */
export function getSagaServices(environment: NodeJS.ProcessEnv = process.env): SagaServices {
  if (services) return services;
  const arnPrefix = requiredVariable(environment, ApiEnvironment.sagaStateMachineArnPrefix);
  const arns = new SagaArns(arnPrefix, readApiConfig(environment).queueNamePrefix);
  services = {
    catalog: new SagaCatalog(sfn, arns),
    executions: new SagaExecutions(sfn, arns),
    tasks: new TaskAnswers(sfn),
  };
  return services;
}
