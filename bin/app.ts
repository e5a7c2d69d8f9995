#!/usr/bin/env node
import { App } from 'aws-cdk-lib';
import { addLabsOrExplain } from '../lib/app';
import { LABS } from '../lib/labs';
import { cliAppProps } from '../lib/synthesize';
import { unsupportedNode } from '../labs/shared/node-version';

const nodeProblem = unsupportedNode(process.version);
if (nodeProblem) {
  // Before anything else: the CDK CLI shows this line as the app's error.
  console.error(`\n✖ ${nodeProblem}\n`);
  process.exit(1);
}

// What the CLI passed (-c values, cdk.json, the command's own settings), read before the real App is made.
const cliContext = new App({ autoSynth: false }).node.getAllContext() as Record<string, unknown>;
const { props, validations } = cliAppProps(cliContext);
if (!addLabsOrExplain(new App(props), LABS, process.env, console.error, { validations })) {
  process.exitCode = 1;
}
