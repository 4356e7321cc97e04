// A shop's own stack with a Postroom broker in it: an exchange routing to two queues, a stream with
// a push consumer, and a saga whose step is a Lambda function of the shop's.
import { App, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { AccountRootPrincipal, Role } from 'aws-cdk-lib/aws-iam';
import { Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Postroom, SagaTarget } from 'postroom/cdk';

class ShopStack extends Stack {
  constructor(scope, id, props) {
    super(scope, id, props);
    const broker = new Postroom(this, 'Broker', { queueNamePrefix: 'shop_', removalPolicy: RemovalPolicy.DESTROY });

    const orders = broker.addExchange('Orders', { exchangeName: 'orders', type: 'topic' });
    const shipping = broker.addQueue('Shipping', { queueName: 'shipping', visibilityTimeout: Duration.minutes(1) });
    const audit = broker.addQueue('Audit', { queueName: 'audit' });
    orders.addBinding(shipping, { bindingKey: 'order.paid' });
    audit.bindTo(orders, { bindingKey: '#' });

    const orderLog = broker.addStream('OrderLog', { streamName: 'orders.log', partitions: 2, retention: Duration.days(3) });
    const billing = shopFunction(this, 'Billing', 'billing.ts', { IDEMPOTENCY_TABLE: broker.idempotencyTable.tableName });
    broker.idempotencyTable.grantReadWriteData(billing);
    broker.addStreamConsumer('BillingConsumer', { stream: orderLog.streamName, group: 'billing', handler: billing });

    const charge = shopFunction(this, 'Charge', 'charge.ts');
    broker.addSaga('Checkout', { sagaName: 'checkout', steps: [{ name: 'charge', action: SagaTarget.lambda(charge) }] });

    // The shipping service (running elsewhere, under this role) may publish to the exchange and
    // consume its own queue over the API, nothing else.
    const shippingService = new Role(this, 'ShippingService', { assumedBy: new AccountRootPrincipal() });
    orders.grantPublish(shippingService);
    shipping.grantConsume(shippingService);
  }
}

/** One of the shop's functions, bundled from functions/<entry> by esbuild. */
function shopFunction(scope, id, entry, environment = {}) {
  return new NodejsFunction(scope, id, {
    entry: `${import.meta.dirname}/functions/${entry}`,
    runtime: Runtime.NODEJS_24_X,
    environment,
    bundling: { format: OutputFormat.ESM, bundleAwsSDK: true },
  });
}

const app = new App();
new ShopStack(app, 'Shop');
app.synth();
