/** `-c interfaceEndpoints=true`: the optional PrivateLink endpoints, and their validation. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findLab } from '../../../lib/labs';
import { INTERFACE_ENDPOINTS } from '../../../lib/labs/sagemaker-private/options';
import { SageMakerPrivateStack } from '../../../lib/labs/sagemaker-private/stack';
import { cdkJsonContext } from '../../../lib/synthesize';
import { testApp, expectNoFindings, resourcesOfType, synthLab, testOutdir } from '../../helpers/synth';

const outdir = testOutdir();
const lab = synthLab('sagemaker-private', { context: { interfaceEndpoints: 'true', learner: 'alice' } });

test('adds SageMaker API, SageMaker runtime, STS and CloudWatch Logs endpoints with private DNS', () => {
  const services = resourcesOfType(lab, 'AWS::EC2::VPCEndpoint')
    .filter(([, e]) => e.Properties?.VpcEndpointType === 'Interface')
    .map(([, e]) => e.Properties?.ServiceName)
    .sort();
  expect(services).toEqual(['logs', 'sagemaker.api', 'sagemaker.runtime', 'sts'].map((s) => `com.amazonaws.us-east-1.${s}`));
  lab.template.allResourcesProperties('AWS::EC2::VPCEndpoint', { VpcId: { Ref: lab.stack.getLogicalId((lab.stack as SageMakerPrivateStack).vpc.node.defaultChild as never) } });
});

test('the hourly cost the README\'s option table and the guide state is what the template deploys: $0.01 per endpoint and subnet (AZ)', () => {
  // AWS PrivateLink bills each interface endpoint for every hour it is provisioned in each Availability Zone
  // (https://aws.amazon.com/privatelink/pricing/); $0.01 is the us-east-1 rate the guide cites.
  const endpointAzHours = resourcesOfType(lab, 'AWS::EC2::VPCEndpoint')
    .filter(([, e]) => e.Properties?.VpcEndpointType === 'Interface')
    .reduce((sum, [, e]) => sum + (Array.isArray(e.Properties?.SubnetIds) ? e.Properties.SubnetIds.length : 0), 0);
  expect(endpointAzHours).toBe(8);
  const hourly = `$${(endpointAzHours * 0.01).toFixed(2)}/hour`;
  expect(INTERFACE_ENDPOINTS.description).toContain(`about ${hourly} more`);
  const guide = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'labs', '03-sagemaker-private', 'GUIDE.md'), 'utf8');
  expect(guide).toContain(`| Optional interface endpoints (\`-c interfaceEndpoints=true\`) | +${hourly} |`);
});

test('lets the SageMaker security group reach them on 443 only', () => {
  const stack = lab.stack as SageMakerPrivateStack;
  const sg = { 'Fn::GetAtt': [stack.getLogicalId(stack.securityGroup.node.defaultChild as never), 'GroupId'] };
  const toEndpoints = resourcesOfType(lab, 'AWS::EC2::SecurityGroupEgress')
    .map(([, r]) => r.Properties ?? {})
    .filter((r) => JSON.stringify(r.GroupId) === JSON.stringify(sg) && /EndpointSecurityGroup/.test(JSON.stringify(r.DestinationSecurityGroupId)));
  expect(toEndpoints).toHaveLength(4);
  expect(toEndpoints.every((r) => r.IpProtocol === 'tcp' && r.FromPort === 443 && r.ToPort === 443)).toBe(true);
});

test('names the learner\'s copy apart, and stays free of findings', () => {
  expect(lab.stack.stackName).toBe('alice-Lab03SageMakerPrivate');
  lab.template.hasResourceProperties('AWS::SageMaker::Endpoint', { EndpointName: 'alice-lab03sagemakerprivate-endpoint' });
  lab.template.hasResourceProperties('Custom::SageMakerTrainingJob', { JobNamePrefix: 'alice-lab03sagemakerprivate-xgboost' });
  expectNoFindings(lab.findings);
  expect(lab.warnings).toEqual([]);
});

test('fails at synth, naming the supported Regions, for a Region without an XGBoost image', () => {
  const create = (region: string, interfaceEndpoints?: string) =>
    new SageMakerPrivateStack(testApp({ outdir, context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [], ...(interfaceEndpoints ? { interfaceEndpoints } : {}) } }), 'Lab03SageMakerPrivate', {
      lab: findLab('sagemaker-private'),
      env: { region },
    });
  expect(() => create('xx-nowhere-1')).toThrow(/not listed for Region "xx-nowhere-1".*Deploy to one of: af-south-1, .*us-west-2/s);
  expect(() => create('eu-west-1')).not.toThrow();
  expect(() => create('eu-west-1', 'yes')).toThrow('-c interfaceEndpoints must be true or false, not "yes".');
});
