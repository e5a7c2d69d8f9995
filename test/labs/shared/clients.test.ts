/**
 * The lab scripts' SDK clients: every one works in the CDK's Region (lib/aws-region.ts), except the public
 * service parameters, asked in a Region AWS documents for them, and an inference profile's destination Regions.
 */
import { leftoverClients } from '../../../labs/shared/leftovers';
import { preflightClients } from '../../../labs/shared/preflight';

const regionOf = (client: { config: { region: () => Promise<string> } }) => client.config.region();

describe("the lab scripts' clients", () => {
  test('preflight: every client in the CDK Region; the service parameters in a documented Region of its partition', async () => {
    const clients = preflightClients({ region: 'ca-west-1' });
    for (const client of [clients.sts, clients.ssm, clients.quotas, clients.bedrock]) {
      await expect(regionOf(client)).resolves.toBe('ca-west-1');
    }
    // ca-west-1 is not one of the Regions AWS documents for /aws/service/global-infrastructure: us-east-1 is.
    await expect(regionOf(clients.serviceSsm!)).resolves.toBe('us-east-1');
    await expect(regionOf(preflightClients({ region: 'eu-west-1' }).serviceSsm!)).resolves.toBe('eu-west-1');
    await expect(regionOf(clients.bedrockIn('us-east-2'))).resolves.toBe('us-east-2');
  });

  test('preflight in another partition: no Region is documented for the service parameters, so none is asked', () => {
    expect(preflightClients({ region: 'cn-north-1' }).serviceSsm).toBeUndefined();
  });

  test('leftovers: every client in the CDK Region', async () => {
    for (const client of Object.values(leftoverClients({ region: 'eu-west-3' }))) {
      await expect(regionOf(client)).resolves.toBe('eu-west-3');
    }
  });
});
