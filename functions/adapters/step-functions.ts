import { SFNClient } from '@aws-sdk/client-sfn';
import { traced } from './tracing.ts';

// The process's Step Functions client, built with the SDK's defaults like those in aws-clients.ts.
// Kept apart from them because only the saga routes need it: the API imports this module lazily
// (see functions/api/saga-services-loader.ts), so other routes' cold starts skip its initialisation.
export const sfn = traced(new SFNClient({}));
