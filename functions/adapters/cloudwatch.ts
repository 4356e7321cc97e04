import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';

// The process's CloudWatch client, built with the SDK's defaults like those in aws-clients.ts.
// Kept apart from them because only the overview reads CloudWatch: the API imports this module
// lazily (see functions/api/queue-ages-loader.ts), so other routes' cold starts skip its initialisation.
export const cloudwatch = new CloudWatchClient({});
