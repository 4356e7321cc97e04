import { Logger } from '@aws-lambda-powertools/logger';

/** The API function's structured logger (level and sampling from POWERTOOLS_* variables). */
export const logger = new Logger({ serviceName: 'postroom-api' });
