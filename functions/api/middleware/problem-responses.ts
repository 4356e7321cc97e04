import type { Logger } from '@aws-lambda-powertools/logger';
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { isTransientAwsError } from '../../adapters/aws-errors.ts';
import { ProblemError, toProblemDocument } from '../../core/problems/problem.ts';
import { InternalError, ServiceUnavailableError } from '../../core/problems/requests.ts';

/** The problem to answer an error with: its own, 503 for a transient AWS failure, else 500. */
function toProblem(error: unknown): ProblemError {
  if (error instanceof ProblemError) return error;
  if (isTransientAwsError(error)) return new ServiceUnavailableError({ cause: error });
  return new InternalError({ cause: error });
}

/**
 * Answers every error with an `application/problem+json` document. Client mistakes arrive as
 * ProblemErrors; anything else is logged, 500s as errors with the original error.
 */
export function problemResponses(logger: Logger): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> {
  return {
    name: 'problemResponses',
    onError: (request) => {
      const problem = toProblem(request.error);
      if (problem instanceof InternalError) logger.error('unexpected error', { error: problem.cause });
      else if (problem.status >= 500) logger.warn(problem.detail, { code: problem.code, error: problem.cause });
      request.response = {
        statusCode: problem.status,
        headers: { ...problem.headers, 'content-type': 'application/problem+json' },
        body: JSON.stringify(toProblemDocument(problem, request.event.rawPath)),
      };
    },
  };
}
