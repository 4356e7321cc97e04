import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  HttpApi,
  HttpRoute,
  type HttpStage,
  LogGroupLogDestination,
  PayloadFormatVersion,
  type ThrottleSettings,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpIamAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { Metric, MetricOptions } from 'aws-cdk-lib/aws-cloudwatch';
import { Grant, type IGrantable } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { apiRoutes } from '../../functions/api/route-table.ts';
import type { Operation } from '../../functions/api/route-table.ts';
import { toHttpRouteKey } from '../api-route-key.ts';
import { routeResourcePath, type RouteParameters } from './route-grants.ts';

/** Postroom's HTTP API as other constructs use it: to grant access to some of its routes. */
export interface IBrokerApi {
  /** The API's endpoint (`https://{apiId}.execute-api.{region}.amazonaws.com`, its `$default` stage), from the API's `ApiEndpoint` attribute, which the local runtime resolves to its gateway. */
  readonly endpoint: string;
  /** The HTTP API's id, as execute-api ARNs name it. */
  readonly apiId: string;
  /**
   * Lets `grantee` call the routes of `operations` (execute-api:Invoke), with the path parameters
   * in `parameters` fixed (e.g. `{ name: 'orders' }`) and the others matching any value.
   */
  grantRoutes(grantee: IGrantable, operations: readonly Operation[], parameters: RouteParameters): Grant;
}

/** HTTP API context variables worth having for every request; requestId ties a line to the function's logs. */
const accessLogFormat = AccessLogFormat.custom(
  JSON.stringify({
    requestId: '$context.requestId',
    requestTime: '$context.requestTime',
    caller: '$context.identity.userArn',
    sourceIp: '$context.identity.sourceIp',
    routeKey: '$context.routeKey',
    path: '$context.path',
    status: '$context.status',
    responseLength: '$context.responseLength',
    responseLatency: '$context.responseLatency',
    integrationStatus: '$context.integration.status',
    integrationLatency: '$context.integration.latency',
  }),
);

export interface BrokerApiProps {
  /** The function that serves every route. */
  readonly handler: IFunction;
  /**
   * Request rate limits for all routes together.
   *
   * @default - 1,000 requests per second with bursts of 2,000, well below the account's regional
   * limit, which every API in the account and region shares
   */
  readonly throttle?: ThrottleSettings;
  /**
   * How long access logs are kept.
   *
   * @default RetentionDays.ONE_MONTH
   */
  readonly accessLogRetention?: RetentionDays;
  /**
   * What happens to the access log group when it leaves the stack.
   *
   * @default RemovalPolicy.RETAIN
   */
  readonly accessLogRemovalPolicy?: RemovalPolicy;
}

/**
 * Postroom's HTTP API: one route per entry of the shared route table, each authorized by IAM
 * (SigV4) and served by one Lambda function, with JSON access logs on the default stage.
 */
export class BrokerApi extends Construct implements IBrokerApi {
  readonly httpApi: HttpApi;
  readonly stage: HttpStage;
  readonly accessLogGroup: LogGroup;
  /** The API's base URL, ending in "/". */
  readonly url: string;

  get apiId(): string {
    return this.httpApi.apiId;
  }

  get endpoint(): string {
    return this.httpApi.apiEndpoint;
  }

  constructor(scope: Construct, id: string, props: BrokerApiProps) {
    super(scope, id);
    this.httpApi = new HttpApi(this, 'Api', {
      apiName: Stack.of(this).stackName,
      description: 'Postroom message broker',
      defaultAuthorizer: new HttpIamAuthorizer(),
      // The default stage is added below, because the automatic one cannot have access logs.
      createDefaultStage: false,
    });

    this.accessLogGroup = new LogGroup(this, 'AccessLogs', {
      retention: props.accessLogRetention ?? RetentionDays.ONE_MONTH,
      removalPolicy: props.accessLogRemovalPolicy ?? RemovalPolicy.RETAIN,
    });
    this.stage = this.httpApi.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: props.throttle ?? { rateLimit: 1_000, burstLimit: 2_000 },
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogGroup),
        format: accessLogFormat,
      },
    });
    this.url = this.stage.url;

    const integration = new HttpLambdaIntegration('Handler', props.handler, {
      payloadFormatVersion: PayloadFormatVersion.VERSION_2_0,
    });
    for (const route of apiRoutes) {
      new HttpRoute(this.httpApi, route.operation, {
        httpApi: this.httpApi,
        routeKey: toHttpRouteKey(route.routeKey),
        integration,
      });
    }
  }

  /**
   * Lets `grantee` call every route (execute-api:Invoke), as the routes' IAM authorization requires.
   * The ARN covers the whole API, so `$default` is included whatever method and path a request has.
   */
  grantInvokeApi(grantee: IGrantable): Grant {
    const wholeApi = Stack.of(this).formatArn({ service: 'execute-api', resource: this.httpApi.apiId, resourceName: '*' });
    return Grant.addToPrincipal({ grantee, actions: ['execute-api:Invoke'], resourceArns: [wholeApi] });
  }

  grantRoutes(grantee: IGrantable, operations: readonly Operation[], parameters: RouteParameters): Grant {
    // Any stage: the API has only `$default`, and a stage is not a boundary worth a grant.
    const resourceArns = operations.map((operation) =>
      Stack.of(this).formatArn({ service: 'execute-api', resource: this.httpApi.apiId, resourceName: `*/${routeResourcePath(operation, parameters)}` }),
    );
    return Grant.addToPrincipal({ grantee, actions: ['execute-api:Invoke'], resourceArns });
  }

  /** Requests the API received. */
  metricCount(props?: MetricOptions): Metric {
    return this.httpApi.metricCount(props);
  }

  /** Requests answered with a 5xx, as when the function fails or runs out of time. */
  metricServerError(props?: MetricOptions): Metric {
    return this.httpApi.metricServerError(props);
  }

  /** Requests answered with a 4xx, including those IAM authorization refused and throttled ones. */
  metricClientError(props?: MetricOptions): Metric {
    return this.httpApi.metricClientError(props);
  }

  /** Time from request to response as API Gateway sees it. */
  metricLatency(props?: MetricOptions): Metric {
    return this.httpApi.metricLatency(props);
  }
}
